package io.peergraph.ingest.progress;

/** Records per second and the time left, estimated from the share of the file's bytes read so far. */
record Rate(long records, double perSecond, long etaSeconds, int percent) {

    static Rate of(long startNanos, long records, long bytesRead, long totalBytes) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double share = totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : 0;
        long eta = share > 0 ? Math.round(seconds / share - seconds) : -1;
        return new Rate(records, records / seconds, eta, (int) Math.round(share * 100));
    }

    String eta() {
        return etaSeconds < 0 ? "?" : "%d:%02d".formatted(etaSeconds / 60, etaSeconds % 60);
    }
}
