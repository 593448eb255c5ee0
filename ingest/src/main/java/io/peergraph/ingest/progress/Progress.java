package io.peergraph.ingest.progress;

import java.io.PrintStream;

/** Told after every record; implementations decide how often to show something. */
public interface Progress {

    void update(long records, long bytesRead, long totalBytes);

    void done(long records);

    /** A bar with rate and ETA on an interactive terminal, log lines otherwise. */
    static Progress forConsole(String label, PrintStream out) {
        return System.console() != null ? new TerminalBar(label, out) : new LogLines(label);
    }

    static Progress none() {
        return new Progress() {
            @Override
            public void update(long records, long bytesRead, long totalBytes) {}

            @Override
            public void done(long records) {}
        };
    }
}
