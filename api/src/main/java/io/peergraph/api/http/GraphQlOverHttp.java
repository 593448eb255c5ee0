package io.peergraph.api.http;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GraphQL endpoint as the GraphQL-over-HTTP specification (graphql.github.io/graphql-over-http) describes it.
 * Spring for GraphQL 2.0 answers only POST and takes any JSON value for the parameters; on top of its handler
 * (which keeps choosing the response media type and the status codes of parse and validation errors):
 * <ul>
 *   <li>GET runs queries from the URL ({@code query}, {@code operationName}, and {@code variables} /
 *       {@code extensions} as JSON); a mutation over GET is refused with 405 and {@code Allow: POST} before it runs,
 *       since GET must be safe (caches, prefetching and links repeat it);</li>
 *   <li>a request that is not well-formed (no string {@code query}; {@code operationName} not a string;
 *       {@code variables} or {@code extensions} not an object; a parameter given twice; a body that is not a JSON
 *       object in UTF-8) gets 400 whatever the media type;</li>
 *   <li>a request the database was too busy to answer at all gets 503 with {@code Retry-After};</li>
 *   <li>an {@code Accept} header that admits neither {@code application/graphql-response+json} nor
 *       {@code application/json} gets 406; a POST body other than {@code application/json} gets 415.</li>
 * </ul>
 * Every refusal is a GraphQL-shaped error with {@code extensions.code}, as all other errors are.
 */
public class GraphQlOverHttp extends GraphQlHttpHandler {

    static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");
    private static final List<MediaType> PRODUCED = List.of(GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON);

    private final WebGraphQlHandler graphQl;
    private final JsonMapper json;
    private final Duration asyncTimeout;

    /** {@code asyncTimeout}: how long an answer may take, as the container's async timeout would allow. */
    public GraphQlOverHttp(WebGraphQlHandler graphQl, JsonMapper json, Duration asyncTimeout) {
        super(graphQl);
        this.graphQl = graphQl;
        this.json = json;
        this.asyncTimeout = asyncTimeout;
    }

    /** GET: a query from the URL's parameters. */
    public ServerResponse get(ServerRequest request) throws ServletException {
        Optional<ServerResponse> refused = refuseUnacceptable(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            String query = request.servletRequest().getQueryString();
            if (query != null && !StrictUtf8.wellFormed(StrictUtf8.percentDecoded(query))) {
                throw new Malformed("The URL's parameters are not well-formed UTF-8.");
            }
            Map<String, String> raw = new LinkedHashMap<>();
            for (var parameter : request.params().entrySet()) {
                if (parameter.getValue().size() > 1) {
                    throw new Malformed("Give the parameter '" + parameter.getKey() + "' once.");
                }
                raw.put(parameter.getKey(), parameter.getValue().getFirst());
            }
            if (raw.values().stream().anyMatch(StrictUtf8::hasLoneSurrogate)) {
                throw new Malformed("The URL's parameters hold a lone surrogate: not Unicode text.");
            }
            Parameters parameters = new Parameters(
                    raw.get("query"), raw.get("operationName"), jsonObject(raw.get("variables"), "variables"),
                    jsonObject(raw.get("extensions"), "extensions"));
            parameters.check();
            if (!isQuery(parameters)) {
                return error(request, HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                        "Only queries run over GET; send mutations with POST.", h -> h.setAllow(java.util.Set.of(HttpMethod.POST)));
            }
            return execute(request, parameters);
        } catch (Malformed e) {
            return error(request, HttpStatus.BAD_REQUEST, "BAD_REQUEST", e.getMessage(), h -> {});
        }
    }

    /** POST: the parameters as a JSON object in the body. */
    public ServerResponse post(ServerRequest request) throws ServletException {
        Optional<ServerResponse> refused = refuseUnacceptable(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<MediaType> contentType;
        try {
            contentType = request.headers().contentType();
        } catch (InvalidMediaTypeException e) {
            return error(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "The Content-Type header cannot be parsed; send application/json (UTF-8).", h -> h.setAccept(List.of(MediaType.APPLICATION_JSON)));
        }
        if (contentType.isEmpty() || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(contentType.get())
                || (contentType.get().getCharset() != null && !"UTF-8".equalsIgnoreCase(contentType.get().getCharset().name()))) {
            return error(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Send the request as application/json (UTF-8).", h -> h.setAccept(List.of(MediaType.APPLICATION_JSON)));
        }
        try {
            JsonNode body;
            try {
                byte[] bytes = request.servletRequest().getInputStream().readAllBytes();
                if (!StrictUtf8.wellFormed(bytes)) {
                    throw new Malformed("The body is not well-formed UTF-8 (an overlong form, a surrogate or a code point above U+10FFFF).");
                }
                body = json.readTree(bytes);
            } catch (JacksonException e) {
                throw new Malformed("The body is not JSON in UTF-8.");
            }
            if (body == null || !body.isObject()) {
                throw new Malformed("The body must be a JSON object with a 'query'.");
            }
            if (StrictUtf8.hasLoneSurrogate(body)) {
                throw new Malformed("The body holds a lone surrogate (an unpaired \\ud800-\\udfff escape): not Unicode text.");
            }
            Parameters parameters = new Parameters(
                    string(body.get("query"), "query"), string(body.get("operationName"), "operationName"),
                    object(body.get("variables"), "variables"), object(body.get("extensions"), "extensions"));
            parameters.check();
            return execute(request, parameters);
        } catch (Malformed e) {
            return error(request, HttpStatus.BAD_REQUEST, "BAD_REQUEST", e.getMessage(), h -> {});
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }

    private ServerResponse execute(ServerRequest request, Parameters parameters) throws ServletException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", parameters.query());
        if (parameters.operationName() != null) {
            body.put("operationName", parameters.operationName());
        }
        if (parameters.variables() != null) {
            body.put("variables", parameters.variables());
        }
        if (parameters.extensions() != null) {
            body.put("extensions", parameters.extensions());
        }
        var graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(), new LinkedMultiValueMap<>(),
                request.remoteAddress().orElse(null), request.attributes(), body, UUID.randomUUID().toString(),
                LocaleContextHolder.getLocale());
        return prepareResponse(request, graphQl.handleRequest(graphQlRequest));
    }

    /**
     * Waits for the answer on the request's own thread and writes it from there. Spring's handler hands the servlet
     * container a future instead: an async dispatch, which runs the filter chain and the DispatcherServlet a second
     * time, on another thread, to write an answer that is seldom more than a few milliseconds away (peersWithSymptom:
     * two more hand-offs and a second pass per request). Tomcat runs each request on a virtual thread
     * ({@code spring.threads.virtual.enabled}), so waiting here holds no platform thread. An answer not ready within
     * the async timeout gets the same 503 the async dispatch would have given.
     */
    @Override
    protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> answer) {
        WebGraphQlResponse response;
        try {
            response = answer.toFuture().get(asyncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AsyncRequestTimeoutException();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the GraphQL request ran", e);
        }
        return super.prepareResponse(request, Mono.just(response)); // already complete: written now, not dispatched
    }

    /**
     * 503 when nothing could be answered because the database was busy (every error UNAVAILABLE, no field answered):
     * the whole request is worth retrying, after the {@code Retry-After} the response carries. A partial answer keeps
     * its 200, with the same header.
     */
    @Override
    protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
        boolean allBusy = !response.getErrors().isEmpty() && response.getErrors().stream()
                .allMatch(e -> e.getExtensions() != null && "UNAVAILABLE".equals(e.getExtensions().get("code")));
        Object data = response.getData();
        boolean nothingAnswered = data == null || data instanceof Map<?, ?> fields && fields.values().stream().allMatch(java.util.Objects::isNull);
        return allBusy && nothingAnswered ? HttpStatus.SERVICE_UNAVAILABLE : super.selectResponseStatus(response, responseMediaType);
    }

    /**
     * GET must not change anything: true unless the document parses and the operation it selects is a mutation or
     * subscription. A document that does not parse, or names no single operation, is left to the engine, whose
     * error says what is wrong.
     */
    private static boolean isQuery(Parameters parameters) {
        Document document;
        try {
            document = Parser.parse(parameters.query());
        } catch (InvalidSyntaxException e) {
            return true;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        Optional<OperationDefinition> selected = parameters.operationName() == null
                ? (operations.size() == 1 ? Optional.of(operations.getFirst()) : Optional.empty())
                : operations.stream().filter(o -> parameters.operationName().equals(o.getName())).findFirst();
        return selected.map(o -> o.getOperation() == OperationDefinition.Operation.QUERY).orElse(true);
    }

    /** 406 when the caller accepts none of the media types a GraphQL response comes in (no Accept: anything goes). */
    private Optional<ServerResponse> refuseUnacceptable(ServerRequest request) {
        List<MediaType> accepted;
        try {
            accepted = request.headers().accept();
        } catch (InvalidMediaTypeException e) {
            return Optional.of(plainError(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "The Accept header cannot be parsed."));
        }
        boolean acceptable = accepted.isEmpty() || accepted.stream()
                .anyMatch(a -> a.getQualityValue() > 0 && PRODUCED.stream().anyMatch(a::isCompatibleWith));
        return acceptable ? Optional.empty() : Optional.of(plainError(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                "GraphQL responses are application/graphql-response+json or application/json; accept one of them."));
    }

    private static ServerResponse plainError(HttpStatus status, String code, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(errors(code, message));
    }

    /** A refusal in the media type the caller prefers; application/json for a wildcard, as Spring's handler does. */
    private static ServerResponse error(ServerRequest request, HttpStatus status, String code, String message,
                                        java.util.function.Consumer<org.springframework.http.HttpHeaders> headers) {
        List<MediaType> accepted = request.headers().accept();
        MediaType type = accepted.isEmpty() ? MediaType.APPLICATION_JSON : accepted.stream()
                .filter(a -> a.getQualityValue() > 0)
                .sorted(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .flatMap(a -> a.isWildcardType() || a.isWildcardSubtype() ? java.util.stream.Stream.of(MediaType.APPLICATION_JSON)
                        : PRODUCED.stream().filter(a::isCompatibleWith).limit(1))
                .findFirst().orElse(MediaType.APPLICATION_JSON);
        return ServerResponse.status(status).headers(headers).contentType(type).body(errors(code, message));
    }

    private static Map<String, Object> errors(String code, String message) {
        return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code))));
    }

    private Map<String, Object> jsonObject(String text, String name) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            if (StrictUtf8.hasLoneSurrogate(node)) {
                throw new Malformed("The parameter '" + name + "' holds a lone surrogate: not Unicode text.");
            }
            return object(node, name);
        } catch (JacksonException e) {
            throw new Malformed("The parameter '" + name + "' is not JSON.");
        }
    }

    private static String string(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new Malformed("The parameter '" + name + "' must be a string.");
        }
        return node.asString();
    }

    private Map<String, Object> object(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new Malformed("The parameter '" + name + "' must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.treeToValue(node, Map.class);
        return map;
    }

    /** The request parameters of the specification, after their types were checked. */
    private record Parameters(String query, String operationName, Map<String, Object> variables, Map<String, Object> extensions) {
        void check() {
            if (query == null || query.isBlank()) {
                throw new Malformed("The parameter 'query' (a GraphQL document) is missing.");
            }
        }
    }

    /** The request is not a well-formed GraphQL-over-HTTP request: 400. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
