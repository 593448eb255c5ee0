package io.peergraph.api.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Pages the service renders beside its static front-end (classpath {@code static/}, served at {@code /}). GraphiQL
 * here replaces Spring for GraphQL's page, which loads React and GraphiQL from a public CDN and so never starts on
 * a machine without internet access: ours loads them from WebJars on this service. It follows
 * {@code spring.graphql.graphiql.enabled} (off under the production profile) like the page it replaces.
 */
@Configuration(proxyBeanMethods = false)
public class WebPages {

    static final String GRAPHIQL_PAGE = "web/graphiql.html";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnBooleanProperty(name = "spring.graphql.graphiql.enabled")
    RouterFunction<ServerResponse> offlineGraphiQl(org.springframework.core.env.Environment environment) {
        String path = environment.getProperty("spring.graphql.graphiql.path", "/graphiql");
        ClassPathResource page = new ClassPathResource(GRAPHIQL_PAGE);
        return RouterFunctions.route()
                .GET(path, request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()).body(page))
                .build();
    }
}
