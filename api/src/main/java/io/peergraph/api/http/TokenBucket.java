package io.peergraph.api.http;

/** A classic token bucket: {@code capacity} tokens, refilled at {@code perSecond}; each request takes one. */
public final class TokenBucket {

    private final double capacity;
    private final double perSecond;
    private double tokens;
    private long lastNanos = Long.MIN_VALUE;

    public TokenBucket(double capacity, double perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
    }

    /** Takes a token at time {@code nowNanos}; returns 0 when granted, else the whole seconds until one is there. */
    public synchronized long take(long nowNanos) {
        if (lastNanos != Long.MIN_VALUE) {
            tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
        }
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond);
    }
}
