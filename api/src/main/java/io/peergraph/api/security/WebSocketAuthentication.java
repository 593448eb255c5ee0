package io.peergraph.api.security;

import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.graphql.server.webmvc.AuthenticationWebSocketInterceptor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * GraphQL over WebSocket (graphql-transport-ws) authenticates once per connection, with the same JWT as HTTP in
 * the {@code connection_init} payload ({@code {"Authorization": "Bearer <JWT>"}}; browsers cannot set headers on
 * a WebSocket). The token is checked by the same decoder and role converter as HTTP requests; a connection
 * without one, or with an invalid one, is closed (4401) before any operation runs. The authentication is then
 * in the security context of every operation on the connection, so {@code @access} rules apply unchanged.
 */
@Component
public class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

    private final AuthenticationWebSocketInterceptor delegate;

    public WebSocketAuthentication(JwtDecoder decoder, Converter<Jwt, AbstractAuthenticationToken> roles) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(roles);
        this.delegate = new AuthenticationWebSocketInterceptor(new BearerTokenAuthenticationExtractor(), new ProviderManager(provider));
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
        if (!(payload.get(BearerTokenAuthenticationExtractor.AUTHORIZATION_KEY) instanceof String value) || value.isBlank()) {
            return Mono.error(new AuthenticationCredentialsNotFoundException("connection_init carries no Authorization"));
        }
        return delegate.handleConnectionInitialization(info, payload);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return request instanceof WebSocketGraphQlRequest ? delegate.intercept(request, chain) : chain.next(request);
    }
}
