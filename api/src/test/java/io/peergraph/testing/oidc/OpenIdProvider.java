package io.peergraph.testing.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * A real OpenID Connect provider for tests, on 127.0.0.1 and a free port: Spring Authorization Server with its own
 * login form, one person, and one public client for the web pages that must use PKCE — the shape of a production
 * provider's set-up for a browser app (Keycloak, Entra ID, Auth0 …). Its access tokens carry the service's audience
 * and the CUSTOMER role, as a provider configured for Peergraph would put them there. Its own Spring context, not a
 * Boot application, so it reads none of the service's configuration; and outside {@code io.peergraph.api}, so the
 * service's component scan never finds its configuration.
 */
public final class OpenIdProvider implements AutoCloseable {

    public static final String CLIENT_ID = "peergraph-web";
    public final String username = "ada-" + UUID.randomUUID().toString().substring(0, 8);
    public final String password = UUID.randomUUID().toString();

    private final AnnotationConfigServletWebServerApplicationContext context;

    public OpenIdProvider() {
        context = new AnnotationConfigServletWebServerApplicationContext();
        context.registerBean("person", Person.class, () -> new Person(username, password));
        context.register(Server.class);
        context.refresh();
        answerOnce();
    }

    /** The first request of a cold server (threads, classes) is paid here, not by the service's start-up read. */
    private void answerOnce() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration")).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The issuer as the provider names itself in its discovery document. */
    public String issuer() {
        return "http://127.0.0.1:" + context.getWebServer().getPort();
    }

    /** Registers the web pages' client with the one address the provider may send people back to. */
    public void allowReturnTo(String redirectUri) {
        context.getBean(InMemoryRegisteredClientRepository.class).save(RegisteredClient.withId(CLIENT_ID)
                .clientId(CLIENT_ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build());
    }

    @Override
    public void close() {
        context.close();
    }

    record Person(String username, String password) {}

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Server {

        @Bean
        TomcatServletWebServerFactory webServer() {
            TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
            factory.setAddress(java.net.InetAddress.getLoopbackAddress());
            // Tomcat runs filters only for a request some servlet is mapped to: its default servlet takes every path.
            factory.setRegisterDefaultServlet(true);
            return factory;
        }

        /** Spring Security's filters in front of every request (a plain context registers no filter by itself). */
        @Bean
        DelegatingFilterProxyRegistrationBean securityFilter() {
            return new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        }

        /** The protocol endpoints, and Spring Security's own login form for a browser that is not signed in yet. */
        @Bean
        SecurityFilterChain provider(HttpSecurity http) throws Exception {
            return http.oauth2AuthorizationServer(as -> as.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .cors(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService people(Person person) {
            return new InMemoryUserDetailsManager(User.withUsername(person.username()).password("{noop}" + person.password()).roles("USER").build());
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            // A repository may not start empty; this placeholder can never be used (no grant a browser can reach).
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("none").clientId("none")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("http://127.0.0.1:9/").build());
        }

        /** Pages of other origins (the service's) may read the discovery document and exchange codes (found by this name). */
        @Bean
        CorsConfigurationSource corsConfigurationSource() {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOriginPatterns(List.of("http://127.0.0.1:*"));
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of("*"));
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", cors);
            return source;
        }

        @Bean
        JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            JWKSet set = new JWKSet(key);
            return (selector, ctx) -> selector.select(set);
        }

        /** The provider's own check of its tokens (its user-info endpoint is a resource of its own). */
        @Bean
        JwtDecoder ownTokens(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        /** What a provider configured for Peergraph adds to access tokens: its audience and the person's roles. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> forPeergraph() {
            return token -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(token.getTokenType())) {
                    token.getClaims().audience(List.of("peergraph")).claim("roles", List.of("CUSTOMER"));
                }
            };
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
