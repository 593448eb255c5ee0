package io.peergraph.ingest.progress;

import java.io.PrintStream;

/** Redraws one line, at most ten times a second: [#####.....]  52%  12,345 records  1,840/s  ETA 0:07. */
final class TerminalBar implements Progress {

    private static final int WIDTH = 30;
    private final String label;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;

    TerminalBar(String label, PrintStream out) {
        this.label = label;
        this.out = out;
    }

    @Override
    public void update(long records, long bytesRead, long totalBytes) {
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        Rate rate = Rate.of(start, records, bytesRead, totalBytes);
        int filled = rate.percent() * WIDTH / 100;
        out.printf("\r%s [%s%s] %3d%%  %,d records  %,.0f/s  ETA %s ", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                rate.percent(), records, rate.perSecond(), rate.eta());
        out.flush();
    }

    @Override
    public void done(long records) {
        Rate rate = Rate.of(start, records, 1, 1);
        out.printf("\r%s [%s] 100%%  %,d records  %,.0f/s%s%n", label, "#".repeat(WIDTH), records, rate.perSecond(), " ".repeat(12));
    }
}
