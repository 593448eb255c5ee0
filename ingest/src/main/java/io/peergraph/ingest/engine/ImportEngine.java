package io.peergraph.ingest.engine;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.imports.ImportCheckpoints;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.Mapped.Accepted;
import io.peergraph.ingest.engine.Mapped.Rejected;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.source.MalformedSourceException;
import io.peergraph.ingest.source.RecordSource;
import io.peergraph.ingest.source.SourceRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Reads a source record by record, maps each, and writes accepted records in batches: one transaction per
 * batch that writes the records new to the graph and moves the file's checkpoint. Reading and mapping run on a
 * thread of their own, a bounded number of batches ahead of the writer. A run that dies leaves
 * whole batches only; the next run of the same file skips what the checkpoint covers and converges.
 */
public final class ImportEngine {

    /**
     * {@code afterCommit} is told the number of each committed batch (tests use it to stop a run part-way).
     */
    public record Options(int batchSize, Progress progress, LongConsumer afterCommit) {

        public static Options defaults() {
            return new Options(1000, Progress.none(), batch -> {});
        }

        public Options withBatchSize(int size) {
            return new Options(size, progress, afterCommit);
        }

        public Options withProgress(Progress p) {
            return new Options(batchSize, p, afterCommit);
        }

        public Options withAfterCommit(LongConsumer hook) {
            return new Options(batchSize, progress, hook);
        }
    }

    private final GraphConnection graph;
    private final Options options;

    public ImportEngine(GraphConnection graph, Options options) {
        if (options.batchSize() < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.graph = graph;
        this.options = options;
    }

    public <T> ImportRun run(String format, Path file, RecordSource source, RecordMapper<T> mapper, BatchWriter<T> writer,
                             DeadLetterFile deadLetters) {
        long started = System.nanoTime();
        String sourceId = format + ":" + sha256(file);
        long committedUpTo = ImportCheckpoints.position(graph, sourceId);
        Counts counts = new Counts();
        Reader<T> reader = new Reader<>(file, source, mapper, deadLetters, committedUpTo);
        Thread readerThread = Thread.ofPlatform().name("import-reader").daemon().start(reader);
        try {
            List<Pending<T>> batch;
            while ((batch = reader.nextBatch()) != END) {
                flush(sourceId, file, batch, counts, writer, deadLetters);
            }
        } finally {
            reader.stop();
            join(readerThread);
        }
        if (reader.failure != null) {
            throw reader.failure;
        }
        if (reader.error == null) { // read to the end: the next run re-reads it all (its natural keys say what is unchanged)
            ImportCheckpoints.clear(graph, sourceId);
        }
        counts.read = reader.read;
        counts.rejected += reader.rejected;
        counts.unchanged += reader.unchanged;
        options.progress().done(counts.read);
        Map<String, Long> statistics = new LinkedHashMap<>(mapper.statistics());
        return new ImportRun(format, List.of(file.toString()), counts.read, counts.imported, counts.unchanged, counts.rejected,
                counts.batches, Duration.ofNanos(System.nanoTime() - started), deadLetters.path(), statistics, reader.error);
    }

    /** Marks the end of the reader's batches. */
    @SuppressWarnings("rawtypes")
    private static final List END = List.of();

    /**
     * Reads, parses and maps records on its own thread while the previous batch is written, so normalisation
     * and JSON parsing overlap with Neo4j's work (two cores: roughly one each). At most {@link #QUEUED} full
     * batches wait, so memory stays bounded however large the file. Its fields are read by the writer only
     * after the thread has ended (join: happens-before).
     */
    private final class Reader<T> implements Runnable {

        private static final int QUEUED = 2;

        private final Path file;
        private final RecordSource source;
        private final RecordMapper<T> mapper;
        private final DeadLetterFile deadLetters;
        private final long committedUpTo;
        private final BlockingQueue<List<Pending<T>>> batches = new ArrayBlockingQueue<>(QUEUED);
        private volatile boolean stopped;
        long read;
        long rejected;
        long unchanged;
        String error;
        RuntimeException failure;

        Reader(Path file, RecordSource source, RecordMapper<T> mapper, DeadLetterFile deadLetters, long committedUpTo) {
            this.file = file;
            this.source = source;
            this.mapper = mapper;
            this.deadLetters = deadLetters;
            this.committedUpTo = committedUpTo;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void run() {
            List<Pending<T>> batch = new ArrayList<>(options.batchSize());
            try (source) {
                SourceRecord record;
                while (!stopped && (record = source.next()) != null) {
                    read++;
                    Mapped<T> mapped = record.value().isTextual() ? Mapped.reject(record.value().asText()) : mapper.map(record);
                    switch (mapped) {
                        case Rejected<T> r -> {
                            deadLetters.reject(file.toString(), record, r.reason());
                            rejected++;
                        }
                        case Accepted<T> a -> {
                            if (record.position() <= committedUpTo) {
                                unchanged++; // committed by an earlier run of this file
                            } else {
                                batch.add(new Pending<>(record.position(), record, a));
                            }
                        }
                    }
                    if (batch.size() >= options.batchSize()) {
                        hand(batch);
                        batch = new ArrayList<>(options.batchSize());
                    }
                    options.progress().update(read, source.bytesRead(), source.totalBytes());
                }
            } catch (MalformedSourceException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                if (!batch.isEmpty()) {
                    hand(batch);
                }
                hand(END);
            }
        }

        /** Waits for room in the queue unless the writer has given up. */
        private void hand(List<Pending<T>> batch) {
            try {
                while (!stopped && !batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    // the writer is busy with earlier batches
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        List<Pending<T>> nextBatch() {
            try {
                return batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while importing " + file, e);
            }
        }

        /** The writer failed or finished: the reader stops reading and handing over. */
        void stop() {
            stopped = true;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> void flush(String sourceId, Path file, List<Pending<T>> batch, Counts counts, BatchWriter<T> writer,
                           DeadLetterFile deadLetters) {
        if (batch.isEmpty()) {
            return;
        }
        long lastPosition = batch.getLast().position();
        BatchOutcome<T> outcome;
        outcome = graph.write(tx -> {
            Set<String> keys = new HashSet<>();
            batch.forEach(p -> keys.add(p.record().key()));
            Set<String> seen = new HashSet<>(writer.existing(tx, keys));
            List<T> fresh = new ArrayList<>();
            for (Pending<T> p : batch) {
                if (seen.add(p.record().key())) { // a record repeated inside the file counts once
                    fresh.add(p.record().value());
                }
            }
            Map<String, String> unwritten = writer.write(tx, fresh);
            ImportCheckpoints.save(tx, sourceId, file.getFileName().toString(), lastPosition);
            return new BatchOutcome<>(fresh, unwritten);
        });
        writer.committed(outcome.fresh());
        Set<String> rejectedOnce = new HashSet<>();
        for (Pending<T> p : batch) {
            String reason = outcome.unwritten().get(p.record().key());
            if (reason != null && rejectedOnce.add(p.record().key())) {
                deadLetters.reject(file.toString(), p.source(), reason);
            }
        }
        counts.imported += outcome.fresh().size() - rejectedOnce.size();
        counts.rejected += rejectedOnce.size();
        counts.unchanged += batch.size() - outcome.fresh().size();
        counts.batches++;
        batch.clear();
        options.afterCommit().accept(counts.batches);
    }

    /** The records given to the writer (new to the graph) and, of those, the ones it refused with their reasons. */
    private record BatchOutcome<T>(List<T> fresh, Map<String, String> unwritten) {}

    private static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Pending<T>(long position, SourceRecord source, Accepted<T> record) {}

    private static final class Counts {
        long read;
        long imported;
        long unchanged;
        long rejected;
        long batches;
    }
}
