package io.peergraph.api.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container forwards a failed request to render it; asked for directly it has no
 * failure to render, and Spring Boot's error controller answered 500. A direct request there is a 404 with a code,
 * as any other unknown path; forwards (ERROR dispatches) are not filtered and render as before.
 */
@Component
public class DirectErrorPath extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/error") && !path.startsWith("/error/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        JsonErrors.write(response, 404, "NOT_FOUND", "No such path.");
    }
}
