package io.peergraph.api.http;

import io.peergraph.api.config.PeergraphProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per caller on {@code /graphql}: per token subject when signed in, per IP address otherwise.
 * Over the limit: 429 with {@code Retry-After}. Buckets live in this instance: with N instances behind a load
 * balancer a caller gets up to N times the rate (sticky routing keeps it at one; a shared store such as Redis
 * would make it exact). Registered after Spring Security so the caller is known; a request whose token does not
 * verify stops before, and {@link RejectedTokens} counts it against its address's bucket.
 */
public class RateLimits extends OncePerRequestFilter {

    private static final int MAX_BUCKETS = 200_000;

    private final double perSecond;
    private final double burst;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(PeergraphProperties properties) {
        this.perSecond = properties.api().requestsPerMinute() / 60.0;
        this.burst = properties.api().burst();
    }

    /** The bucket of a caller without a valid token: their address. */
    static String anonymousKey(HttpServletRequest request) {
        return "ip:" + request.getRemoteAddr();
    }

    /** Takes one request from the key's bucket: 0 when allowed, else the seconds to wait. */
    long take(String key) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // crude bound on memory; a full bucket is what every caller starts with anyway
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(burst, perSecond)).take(System.nanoTime());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/graphql");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String key = auth instanceof JwtAuthenticationToken jwt ? "sub:" + jwt.getName() : anonymousKey(request);
        long waitSeconds = take(key);
        if (waitSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(waitSeconds));
            JsonErrors.write(response, 429, "RATE_LIMITED", "Too many requests; try again in " + waitSeconds + " s.");
            return;
        }
        chain.doFilter(request, response);
    }
}
