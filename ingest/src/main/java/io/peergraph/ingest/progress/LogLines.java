package io.peergraph.ingest.progress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** For logs and pipes, where a redrawn bar would be noise: one line every ten seconds. */
final class LogLines implements Progress {

    private static final Logger log = LoggerFactory.getLogger(LogLines.class);
    private static final long INTERVAL = 10_000_000_000L;
    private final String label;
    private final long start = System.nanoTime();
    private long lastLine = start;

    LogLines(String label) {
        this.label = label;
    }

    @Override
    public void update(long records, long bytesRead, long totalBytes) {
        long now = System.nanoTime();
        if (now - lastLine < INTERVAL) {
            return;
        }
        lastLine = now;
        Rate rate = Rate.of(start, records, bytesRead, totalBytes);
        log.info("{}: {}% read, {} records, {}/s, ETA {}", label, rate.percent(), records, Math.round(rate.perSecond()), rate.eta());
    }

    @Override
    public void done(long records) {
        log.info("{}: done, {} records in {} s", label, records, (System.nanoTime() - start) / 1_000_000_000L);
    }
}
