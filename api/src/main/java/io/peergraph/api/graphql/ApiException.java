package io.peergraph.api.graphql;

/**
 * Failures a client can act on. Each becomes a GraphQL error with a stable {@code extensions.code}
 * ({@link ErrorCodes}); anything else is reported as INTERNAL without internals.
 */
public abstract sealed class ApiException extends RuntimeException {

    protected ApiException(String message) {
        super(message, null, false, false); // a rejection, not a failure: no stack trace to collect
    }

    public abstract String code();

    /** No valid token. */
    public static final class Unauthenticated extends ApiException {
        public Unauthenticated() {
            super("Sign in first: send an Authorization: Bearer <token> header (./peergraph token mints one locally).");
        }

        @Override public String code() { return "UNAUTHENTICATED"; }
    }

    /** A valid caller who may not do this. */
    public static final class Forbidden extends ApiException {
        public Forbidden(String message) {
            super(message);
        }

        @Override public String code() { return "FORBIDDEN"; }
    }

    /** No such thing (or none the caller may know about). */
    public static final class NotFound extends ApiException {
        public NotFound(String what, String id) {
            super("No " + what + " with id " + id + ".");
        }

        @Override public String code() { return "NOT_FOUND"; }
    }

    /** An input that fails validation; {@code field} is the path of the offending input field. */
    public static final class BadUserInput extends ApiException {
        private final String field;

        public BadUserInput(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() { return field; }

        @Override public String code() { return "BAD_USER_INPUT"; }
    }

    /** The request clashes with the current state (e.g. a duplicate); {@code details} go to the error's extensions. */
    public static final class Conflict extends ApiException {
        private final java.util.Map<String, Object> details;

        public Conflict(String message) {
            this(message, java.util.Map.of());
        }

        public Conflict(String message, java.util.Map<String, Object> details) {
            super(message);
            this.details = java.util.Map.copyOf(details);
        }

        /** What the client needs to act on the conflict, e.g. the loop a broader link would close. */
        public java.util.Map<String, Object> details() { return details; }

        @Override public String code() { return "CONFLICT"; }
    }

    /** The request ran past the execution time limit; what was fetched so far is returned, the rest is not. */
    public static final class TimedOut extends ApiException {
        public TimedOut(java.time.Duration limit) {
            super("The request ran longer than " + limit.toMillis() + " ms and was stopped; ask for less at once.");
        }

        @Override public String code() { return "QUERY_TIMEOUT"; }
    }
}
