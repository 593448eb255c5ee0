package io.peergraph.api.http;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes GET and POST on the GraphQL path to {@link GraphQlOverHttp}, ahead of Spring Boot's routes (which stay for
 * GraphiQL, the printed schema and server-sent events). Being a {@code GraphQlHttpHandler} bean, it also replaces
 * the handler Boot would create.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlEndpoint {

    @Bean
    GraphQlOverHttp graphQlHttpHandler(WebGraphQlHandler webGraphQlHandler, JsonMapper jsonMapper,
                                       @Value("${spring.mvc.async.request-timeout:30s}") Duration asyncTimeout) {
        // 30 s: Tomcat's own async timeout, which applied while the answer was written by an async dispatch.
        return new GraphQlOverHttp(webGraphQlHandler, jsonMapper, asyncTimeout);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlOverHttpRoutes(GraphQlOverHttp handler, @Value("${spring.graphql.http.path:/graphql}") String path) {
        // Subscriptions over server-sent events ask for text/event-stream by name: those stay with Spring's handler.
        RequestPredicate notEventStream = request -> request.headers().header("Accept").stream()
                .noneMatch(accept -> accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream"));
        return RouterFunctions.route()
                .route(RequestPredicates.path(path).and(RequestPredicates.method(HttpMethod.GET)).and(notEventStream), handler::get)
                .route(RequestPredicates.path(path).and(RequestPredicates.method(HttpMethod.POST)).and(notEventStream), handler::post)
                .build();
    }
}
