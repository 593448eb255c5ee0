package io.peergraph.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refusals outside GraphQL (the admin endpoints: import, reindex, verify, metrics) as typed JSON, the same codes
 * GraphQL errors carry: {@code {"error": {"code": "FORBIDDEN", "message": "..."}}}, so a client (the CLI) can say
 * why instead of showing an empty 403. The standard {@code WWW-Authenticate} header is kept.
 */
public final class HttpErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpErrors() {}

    /** The body every non-GraphQL endpoint answers an error with. */
    public static String body(String code, String message) {
        try {
            return JSON.writeValueAsString(Map.of("error", Map.of("code", code, "message", message)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static AuthenticationEntryPoint unauthenticated() {
        BearerTokenAuthenticationEntryPoint standard = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            standard.commence(request, response, e);
            write(response, "UNAUTHENTICATED", "Sign in: send a valid bearer token (Authorization: Bearer <JWT>).");
        };
    }

    static AccessDeniedHandler forbidden() {
        BearerTokenAccessDeniedHandler standard = new BearerTokenAccessDeniedHandler();
        return (request, response, e) -> {
            standard.handle(request, response, e);
            write(response, "FORBIDDEN", "Only ADMIN may call " + request.getRequestURI() + ".");
        };
    }

    private static void write(HttpServletResponse response, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write(body(code, message));
    }
}
