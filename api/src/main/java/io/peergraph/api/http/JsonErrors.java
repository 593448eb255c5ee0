package io.peergraph.api.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an HTTP-level refusal in the GraphQL response shape, so clients parse every error the same way. */
final class JsonErrors {

    private JsonErrors() {}

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/graphql-response+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        response.getWriter().write("{\"errors\":[{\"message\":\"" + escaped + "\",\"extensions\":{\"code\":\"" + code + "\"}}]}");
    }
}
