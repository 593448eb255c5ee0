package io.peergraph.api.graphql;

import io.peergraph.api.config.PeergraphProperties;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What each request gets for itself: its share of database sessions ({@link DatabasePermits}) and its failure log
 * ({@link FailureLog}, written when the response is ready). A response with a retryable error tells HTTP clients
 * when to retry with {@code Retry-After}.
 */
@Component
public class RequestResources implements WebGraphQlInterceptor {

    private final int sessionsPerRequest;
    private final java.time.Duration wait;

    public RequestResources(PeergraphProperties properties) {
        this.sessionsPerRequest = properties.api().databaseSessionsPerRequest();
        this.wait = properties.api().executionTimeout();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        FailureLog failures = new FailureLog();
        DatabasePermits permits = new DatabasePermits(sessionsPerRequest, wait);
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                Map.of(FailureLog.CONTEXT_KEY, failures, DatabasePermits.CONTEXT_KEY, permits)).build());
        return chain.next(request).doFinally(signal -> failures.flush()).map(response -> {
            response.getErrors().stream()
                    .map(e -> e.getExtensions() == null ? null : e.getExtensions().get("retryAfter"))
                    .filter(Number.class::isInstance).map(Number.class::cast).mapToInt(Number::intValue).max()
                    .ifPresent(seconds -> response.getResponseHeaders().set("Retry-After", Integer.toString(seconds)));
            return response;
        });
    }
}
