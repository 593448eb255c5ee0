package io.peergraph.graph.driver;

/**
 * The service will not start because of its surroundings, not a bug: an external server it was pointed at cannot be
 * reached, or refuses its credentials. The api's {@code StartupRefusedFailureAnalyzer} prints the message and
 * {@link #action()} instead of a stack trace.
 */
public class StartupRefusedException extends RuntimeException {

    private final String action;

    public StartupRefusedException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    /** What the operator should check. */
    public String action() {
        return action;
    }
}
