package io.peergraph.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsGrantedThenCallersWaitForTheRefill() {
        TokenBucket bucket = new TokenBucket(3, 0.5); // 3 at once, then one every 2 s
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).as("Retry-After in seconds").isEqualTo(2);
        assertThat(bucket.take(SECOND)).isEqualTo(1);
        assertThat(bucket.take(2 * SECOND)).isZero();
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBucket bucket = new TokenBucket(2, 10);
        bucket.take(0);
        long later = 3600 * SECOND;
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isPositive();
    }
}
