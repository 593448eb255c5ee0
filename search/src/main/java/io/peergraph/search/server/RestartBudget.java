package io.peergraph.search.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many crashes the watchdog repairs: at most {@code max} within a sliding window, so that a server that
 * keeps dying is left down (and logged) instead of restarted forever, while one crash a day never uses it up.
 */
final class RestartBudget {

    private final int max;
    private final Duration window;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private int used;

    RestartBudget(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    /** Spends one restart if the window has one left. */
    synchronized boolean tryUse() {
        Instant now = Instant.now();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        if (recent.size() >= max) {
            return false;
        }
        recent.addLast(now);
        used++;
        return true;
    }

    /** Restarts spent since the server was started. */
    synchronized int used() {
        return used;
    }
}
