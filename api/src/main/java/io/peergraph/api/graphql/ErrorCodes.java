package io.peergraph.api.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.driver.GraphFailures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The one place where failures become GraphQL errors with a stable {@code extensions.code}: UNAUTHENTICATED,
 * FORBIDDEN, NOT_FOUND, BAD_USER_INPUT (with {@code extensions.field}), CONFLICT, UNAVAILABLE (retryable: the
 * database is busy), INTERNAL. Unexpected failures are logged with an error id that the client also gets, never
 * their message or stack trace; failures of one kind are logged once per request with a count ({@link FailureLog}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ErrorCodes extends DataFetcherExceptionResolverAdapter {

    /** What a client is told to wait when the database's connections are all in use. */
    static final int BUSY_RETRY_AFTER_SECONDS = 2;
    /** What a client is told to wait when the database has stopped and needs an operator. */
    static final int STOPPED_RETRY_AFTER_SECONDS = 300;

    private final AuditTrail audit;

    public ErrorCodes(AuditTrail audit) {
        this.audit = audit;
        setThreadLocalContextAware(true); // the security context, to audit who was denied
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        Throwable cause = ex;
        while (cause.getCause() != null && !(cause instanceof ApiException)) {
            cause = cause.getCause();
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        String message;
        ErrorType type;
        if (cause instanceof ApiException api) {
            extensions.put("code", api.code());
            if (api instanceof ApiException.BadUserInput bad) {
                extensions.put("field", bad.field());
            }
            if (api instanceof ApiException.Conflict conflict) {
                extensions.putAll(conflict.details());
            }
            if (api instanceof ApiException.Retryable retryable) {
                extensions.put("retryable", true);
                extensions.put("retryAfter", retryable.retryAfterSeconds());
            }
            message = api.getMessage();
            type = switch (api.code()) {
                case "UNAUTHENTICATED" -> ErrorType.UNAUTHORIZED;
                case "FORBIDDEN" -> ErrorType.FORBIDDEN;
                case "NOT_FOUND" -> ErrorType.NOT_FOUND;
                case "UNAVAILABLE" -> ErrorType.INTERNAL_ERROR;
                default -> ErrorType.BAD_REQUEST;
            };
        } else if (ex instanceof AccessDeniedException || ex instanceof AuthenticationCredentialsNotFoundException) {
            boolean signedIn = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken;
            extensions.put("code", signedIn ? "FORBIDDEN" : "UNAUTHENTICATED");
            message = signedIn ? "You may not do this." : new ApiException.Unauthenticated().getMessage();
            type = signedIn ? ErrorType.FORBIDDEN : ErrorType.UNAUTHORIZED;
        } else if (GraphFailures.isConstraintViolation(cause)) {
            extensions.put("code", "CONFLICT");
            message = "This already exists.";
            type = ErrorType.BAD_REQUEST;
        } else if (GraphFailures.isBusy(ex)) {
            // No connection in time, or the database said "try again": a retryable condition of the moment, not a
            // bug, so UNAVAILABLE with retryable, never INTERNAL.
            ApiException.Unavailable busy = new ApiException.Unavailable(
                    "The database is busy; retry in " + BUSY_RETRY_AFTER_SECONDS + " s.", BUSY_RETRY_AFTER_SECONDS);
            extensions.put("code", busy.code());
            extensions.put("retryable", true);
            extensions.put("retryAfter", busy.retryAfterSeconds());
            message = busy.getMessage();
            type = ErrorType.INTERNAL_ERROR;
            failures(env).countBusy(env.getExecutionStepInfo().getPath().toString());
        } else if (GraphFailures.isStopped(ex)) {
            // The database stopped itself (a full disk, a failed store file): nothing works until an operator acts,
            // which the log says once per request; the client gets the typed code, not an error id.
            failures(env).record(ex, env.getExecutionStepInfo().getPath().toString());
            extensions.put("code", "UNAVAILABLE");
            extensions.put("retryable", true);
            extensions.put("retryAfter", STOPPED_RETRY_AFTER_SECONDS);
            message = "The service's database has stopped after a storage failure (such as a full disk) and must be restarted by "
                    + "an operator. Retry later.";
            type = ErrorType.INTERNAL_ERROR;
        } else {
            String errorId = failures(env).record(ex, env.getExecutionStepInfo().getPath().toString());
            extensions.put("code", "INTERNAL");
            extensions.put("errorId", errorId);
            message = "Something went wrong on our side. Quote error id " + errorId + " if you contact us.";
            type = ErrorType.INTERNAL_ERROR;
        }
        if ("FORBIDDEN".equals(extensions.get("code")) || "UNAUTHENTICATED".equals(extensions.get("code"))) {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            audit.record(auth instanceof JwtAuthenticationToken jwt ? "subject:" + jwt.getName() : "anonymous", "ACCESS_DENIED", null,
                    env.getExecutionStepInfo().getPath() + ": " + message);
        }
        return GraphqlErrorBuilder.newError(env).errorType(type).message(message).extensions(extensions).build();
    }

    /** This request's failure log, or one of its own for a failure outside a request's context. */
    private static FailureLog failures(DataFetchingEnvironment env) {
        FailureLog failures = env.getGraphQlContext().get(FailureLog.CONTEXT_KEY);
        if (failures == null) {
            failures = new FailureLog();
            failures.flush(); // nothing to wait for: log at once
        }
        return failures;
    }
}
