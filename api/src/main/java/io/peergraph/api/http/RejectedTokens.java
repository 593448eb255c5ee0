package io.peergraph.api.http;

import io.peergraph.api.security.HttpErrors;
import io.peergraph.graph.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A request whose bearer token does not verify (forged, expired, another issuer …). It never reaches the rate
 * limit after authentication, so it is counted here against its address's bucket, as an anonymous request is
 * ({@link RateLimits}): over the limit it gets 429 with {@code Retry-After}. It is audited as AUTHENTICATION_FAILED
 * at most once a minute per address, with how many more came in the minute before, so a flood of bad tokens cannot
 * flood the audit trail. The 401 on the GraphQL path is a GraphQL response
 * ({@code {"errors":[{"message":…,"extensions":{"code":"UNAUTHENTICATED"}}]}}); elsewhere it is the admin endpoints'
 * error shape ({@link HttpErrors}). The standard {@code WWW-Authenticate} header is kept.
 */
public final class RejectedTokens implements AuthenticationEntryPoint {

    private static final long AUDIT_EVERY_NANOS = 60_000_000_000L;
    private static final int MAX_ADDRESSES = 100_000;

    private final RateLimits limits;
    private final AuditTrail audit;
    private final String graphQlPath;
    private final BearerTokenAuthenticationEntryPoint standard = new BearerTokenAuthenticationEntryPoint();
    /** Per address: when its last audit entry was written, and how many rejections came since. */
    private final Map<String, long[]> audited = new ConcurrentHashMap<>();

    public RejectedTokens(RateLimits limits, AuditTrail audit, String graphQlPath) {
        this.limits = limits;
        this.audit = audit;
        this.graphQlPath = graphQlPath;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        String address = request.getRemoteAddr();
        audit(address, request.getRequestURI(), failure);
        boolean graphQl = request.getRequestURI().startsWith(graphQlPath);
        long waitSeconds = limits.take(RateLimits.anonymousKey(request));
        if (waitSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(waitSeconds));
            JsonErrors.write(response, 429, "RATE_LIMITED", "Too many requests; try again in " + waitSeconds + " s.");
            return;
        }
        standard.commence(request, response, failure);
        if (response.isCommitted()) {
            return;
        }
        String message = "Sign in: send a valid bearer token (Authorization: Bearer <JWT>).";
        if (graphQl) {
            JsonErrors.write(response, 401, "UNAUTHENTICATED", message);
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write(HttpErrors.body("UNAUTHENTICATED", message));
        }
    }

    private void audit(String address, String path, AuthenticationException failure) {
        long now = System.nanoTime();
        if (audited.size() > MAX_ADDRESSES) {
            audited.clear();
        }
        long[] entry = audited.computeIfAbsent(address, a -> new long[] {now - AUDIT_EVERY_NANOS, 0});
        long more;
        synchronized (entry) {
            if (now - entry[0] < AUDIT_EVERY_NANOS) {
                entry[1]++;
                return;
            }
            more = entry[1];
            entry[0] = now;
            entry[1] = 0;
        }
        audit.record("address:" + address, "AUTHENTICATION_FAILED", null, "a bearer token that does not verify on " + path
                + " (" + failure.getClass().getSimpleName() + ")" + (more > 0 ? "; " + more + " more from this address in the minute before" : ""));
    }
}
