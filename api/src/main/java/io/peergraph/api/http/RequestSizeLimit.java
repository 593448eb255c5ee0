package io.peergraph.api.http;

import io.peergraph.api.config.PeergraphProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses GraphQL request bodies over {@code peergraph.api.max-request-bytes} with 413 before they are read. Bodies
 * without a length (chunked) are refused with 411: a GraphQL request is small and its size is always known.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestSizeLimit(PeergraphProperties properties) {
        this.maxBytes = properties.api().maxRequestBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/graphql");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length < 0) {
            JsonErrors.write(response, HttpServletResponse.SC_LENGTH_REQUIRED, "LENGTH_REQUIRED", "Send a Content-Length header.");
        } else if (length > maxBytes) {
            JsonErrors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "REQUEST_TOO_LARGE",
                    "The request body is " + length + " bytes; the limit is " + maxBytes + ".");
        } else {
            chain.doFilter(request, response);
        }
    }
}
