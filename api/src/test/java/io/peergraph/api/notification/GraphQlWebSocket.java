package io.peergraph.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal graphql-transport-ws client on the JDK's WebSocket, for tests: what a browser's client library sends,
 * frame by frame. Messages and the close code arrive in queues; reads wait at most {@link #PATIENCE}.
 */
public final class GraphQlWebSocket implements WebSocket.Listener, AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    public GraphQlWebSocket(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(uri, this).join();
    }

    public void send(Map<String, Object> message) {
        try {
            socket.sendText(JSON.writeValueAsString(message), true).join();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next message from the server, or null if none came within the patience. */
    public JsonNode next() throws InterruptedException {
        return messages.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next message from the server, or null if none came within {@code patience}. */
    public JsonNode next(Duration patience) throws InterruptedException {
        return messages.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The messages received and not yet taken. */
    public java.util.List<JsonNode> received() {
        return java.util.List.copyOf(messages);
    }

    /** The close code the server sent. */
    int closeCode() throws Exception {
        return closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }
}
