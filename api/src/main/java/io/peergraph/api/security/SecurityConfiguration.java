package io.peergraph.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.api.http.RateLimits;
import io.peergraph.api.http.RejectedTokens;
import io.peergraph.graph.audit.AuditTrail;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Bearer JWTs on every request. HTTP-level rules only separate the public endpoints from the rest; what a
 * caller may do in GraphQL is decided per operation and field (method security on the controllers), since
 * one endpoint serves everyone.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    /**
     * What pages may load: this origin only. Styles allow inline style attributes (GraphiQL's editor sets them);
     * scripts do not allow inline code; fonts and images also as data: URLs (GraphiQL's icons and fonts). With an
     * OpenID Connect provider for the web pages, they may also fetch its discovery document and token endpoint
     * (the authorization-code exchange), and nothing else from it.
     */
    static String contentSecurityPolicy(PeergraphProperties.Security security) {
        String connect = security.webSignInWithProvider() ? "'self' " + origin(security.issuerUri()) : "'self'";
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; font-src 'self' data:; connect-src " + connect + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    /** scheme://host[:port] of a URI, as a policy source. */
    static String origin(String uri) {
        URI u = URI.create(uri.trim());
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Converter<Jwt, AbstractAuthenticationToken> jwtConverter,
                                            PeergraphProperties properties, AuditTrail audit,
                                            @Value("${spring.graphql.http.path:/graphql}") String graphQlPath) throws Exception {
        RateLimits limits = new RateLimits(properties);
        return http
                .addFilterAfter(limits, AuthorizationFilter.class)
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Pages load scripts, styles and data from this service only (never a CDN); API text is never markup.
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(properties.security()))))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/graphql", "/graphql/**", "/graphiql", "/graphiql/**", "/schema", "/schema.graphqls").permitAll()
                        // The web front-end: static pages and their libraries; everything they show comes from /graphql.
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/", "/index.html", "/app/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/taxonomy/export").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .exceptionHandling(e -> e.authenticationEntryPoint(HttpErrors.unauthenticated()).accessDeniedHandler(HttpErrors.forbidden()))
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter))
                        .authenticationEntryPoint(new RejectedTokens(limits, audit, graphQlPath)).accessDeniedHandler(HttpErrors.forbidden()))
                .build();
    }

    /** Local key unless an issuer URI or JWK set URI is configured. */
    @Bean
    RSAKey localSigningKey(PeergraphProperties properties) {
        return LocalSigningKey.loadOrCreate(properties.securityDir());
    }

    @Bean
    TokenMinter tokenMinter(RSAKey key, PeergraphProperties properties) {
        var s = properties.security();
        return new TokenMinter(key, s.localIssuer(), s.audience(), s.rolesClaim());
    }

    @Bean
    JwtDecoder jwtDecoder(PeergraphProperties properties, RSAKey localKey) throws JOSEException {
        var s = properties.security();
        NimbusJwtDecoder decoder;
        String issuer;
        if (s.issuerUri() != null && !s.issuerUri().isBlank()) {
            decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(s.issuerUri());
            issuer = s.issuerUri();
        } else if (s.jwkSetUri() != null && !s.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(s.jwkSetUri()).build();
            issuer = null;
        } else {
            decoder = NimbusJwtDecoder.withPublicKey(localKey.toRSAPublicKey()).build();
            issuer = s.localIssuer();
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer == null ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(s.audience())));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Roles come from a configurable claim (identity providers differ), as {@code ROLE_*} authorities. */
    @Bean
    Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter(PeergraphProperties properties) {
        String claim = properties.security().rolesClaim();
        return jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            Object raw = jwt.getClaims().get(claim);
            if (raw instanceof Collection<?> roles) {
                for (Object role : roles) {
                    try {
                        authorities.add(new SimpleGrantedAuthority("ROLE_" + Role.valueOf(String.valueOf(role)).name()));
                    } catch (IllegalArgumentException unknown) {
                        // A role we do not know grants nothing.
                    }
                }
            }
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }
}
