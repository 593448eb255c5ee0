package io.peergraph.api.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives errors raised before execution (syntax, validation, limits) a stable {@code extensions.code} too, so
 * that clients handle every error the same way: GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, QUERY_TOO_COMPLEX,
 * INTROSPECTION_DISABLED.
 */
@Component
public class RequestErrorCodes implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> response.getErrors().stream().allMatch(e -> e.getExtensions() != null
                && e.getExtensions().containsKey("code")) ? response : response.transform(b -> b.errors(withCodes(response.getErrors()))));
    }

    private static List<GraphQLError> withCodes(List<? extends org.springframework.graphql.ResponseError> errors) {
        return errors.stream().map(e -> {
            Map<String, Object> extensions = new LinkedHashMap<>(e.getExtensions() == null ? Map.of() : e.getExtensions());
            extensions.putIfAbsent("code", code(e.getErrorType(), e.getMessage()));
            return GraphqlErrorBuilder.newError().message(e.getMessage()).errorType(e.getErrorType())
                    .locations(e.getLocations()).path(e.getParsedPath()).extensions(extensions).build();
        }).toList();
    }

    static String code(ErrorClassification type, String message) {
        if (type == ErrorType.InvalidSyntax) {
            return "GRAPHQL_PARSE_FAILED";
        }
        if (type == ErrorType.ExecutionAborted || (message != null && message.contains("maximum query"))) {
            return "QUERY_TOO_COMPLEX";
        }
        if (type != null && "IntrospectionDisabled".equals(String.valueOf(type))) {
            return "INTROSPECTION_DISABLED"; // the production profile: __schema and __type are refused before execution
        }
        if (type == ErrorType.ValidationError) {
            return "GRAPHQL_VALIDATION_FAILED";
        }
        return type == ErrorType.DataFetchingException ? "INTERNAL" : "BAD_REQUEST";
    }
}
