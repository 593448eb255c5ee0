package io.peergraph.ingest.engine;

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
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Reads a source record by record, maps each, and writes accepted records in batches: one transaction per
 * batch that writes the records new to the graph and moves the file's checkpoint. Reading and mapping run on a
 * thread of their own, a bounded number of batches ahead of the writer. A run that dies leaves
 * whole batches only; the next run of the same file skips what the checkpoint covers and converges.
 */
public final class ImportEngine {

    /**
     * {@code afterCommit} is told the number of each committed batch (tests use it to stop a run part-way).
     * {@code writers}: how many batches may be in their transactions at once when the writer allows it
     * ({@link BatchWriter#concurrent()}); two let one batch's statements run while the other's commits. One by
     * default: on the shared 2-core machine two writers imported reports no faster and spent 17 % more CPU
     * (docs/benchmarks.md, import).
     */
    public record Options(int batchSize, Progress progress, LongConsumer afterCommit, int writers) {

        public static Options defaults() {
            return new Options(1000, Progress.none(), batch -> {}, 1);
        }

        public Options withBatchSize(int size) {
            return new Options(size, progress, afterCommit, writers);
        }

        public Options withProgress(Progress p) {
            return new Options(batchSize, p, afterCommit, writers);
        }

        public Options withAfterCommit(LongConsumer hook) {
            return new Options(batchSize, progress, hook, writers);
        }

        public Options withWriters(int n) {
            return new Options(batchSize, progress, afterCommit, n);
        }
    }

    private final Driver driver;
    private final Options options;

    public ImportEngine(Driver driver, Options options) {
        if (options.batchSize() < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        if (options.writers() < 1) {
            throw new IllegalArgumentException("at least one writer");
        }
        this.driver = driver;
        this.options = options;
    }

    public <T> ImportRun run(String format, Path file, RecordSource source, RecordMapper<T> mapper, BatchWriter<T> writer,
                             DeadLetterFile deadLetters) {
        long started = System.nanoTime();
        String sourceId = format + ":" + sha256(file);
        long committedUpTo = Checkpoint.load(driver, sourceId);
        Counts counts = new Counts();
        Reader<T> reader = new Reader<>(file, source, mapper, deadLetters, committedUpTo);
        Thread readerThread = Thread.ofPlatform().name("import-reader").daemon().start(reader);
        Writers<T> writers = new Writers<>(sourceId, file, reader, counts, writer, deadLetters);
        try {
            writers.run(writer.concurrent() ? options.writers() : 1);
        } finally {
            reader.stop();
            join(readerThread);
        }
        if (reader.failure != null) {
            throw reader.failure;
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

        /** The next batch, or END once the reader has stopped (the writers failed) with nothing queued. */
        @SuppressWarnings("unchecked")
        List<Pending<T>> nextBatch() {
            try {
                while (true) {
                    List<Pending<T>> batch = batches.poll(100, TimeUnit.MILLISECONDS);
                    if (batch != null) {
                        return batch;
                    }
                    if (stopped) {
                        return END;
                    }
                }
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

    /**
     * Takes the reader's batches in file order and writes each in a transaction of its own, on one thread or two.
     *
     * <p>With two, batch n+1's statements run while batch n commits. The outbox append and the checkpoint are each
     * batch's last statements and lock one node each until commit, so those parts (and the commits) still take turns.
     * The checkpoint a batch saves never passes a batch that may not have committed: it is the batch's last position
     * only when no earlier batch is still in flight, otherwise the position just before the earliest one in flight
     * ({@link Checkpoint#save} keeps the larger of that and the stored one). A kill leaves whole batches only; the
     * re-run re-reads at most the batches that were in flight, finds their records in the graph (unchanged) and
     * converges. The same key in two batches in flight at once (a record repeated in the file) fails the later
     * batch on the key's unique constraint: it is written again once every earlier batch has committed.
     */
    private final class Writers<T> {

        private final String sourceId;
        private final Path file;
        private final Reader<T> reader;
        private final Counts counts;
        private final BatchWriter<T> writer;
        private final DeadLetterFile deadLetters;
        /** First position of each batch taken and not yet committed, by sequence number; guarded by {@code this}. */
        private final TreeMap<Long, Long> inFlight = new TreeMap<>();
        private final Object taking = new Object();
        private long taken;
        private long lastTaken;
        private boolean ended;
        private RuntimeException failure;
        private boolean concurrent;

        Writers(String sourceId, Path file, Reader<T> reader, Counts counts, BatchWriter<T> writer, DeadLetterFile deadLetters) {
            this.sourceId = sourceId;
            this.file = file;
            this.reader = reader;
            this.counts = counts;
            this.writer = writer;
            this.deadLetters = deadLetters;
        }

        void run(int threads) {
            concurrent = threads > 1;
            List<Thread> others = new ArrayList<>();
            for (int i = 1; i < threads; i++) {
                others.add(Thread.ofPlatform().name("import-writer-" + i).daemon().start(this::loop));
            }
            loop();
            others.forEach(ImportEngine::join);
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
            }
            if (concurrent && lastTaken > 0) {
                // Every batch has committed: the checkpoint may have stopped short of the last one if it committed first.
                try (Session session = driver.session()) {
                    session.executeWrite(tx -> {
                        Checkpoint.save(tx, sourceId, file.getFileName().toString(), lastTaken);
                        return null;
                    });
                }
            }
        }

        private void loop() {
            try {
                Taken<T> next;
                while ((next = take()) != null) {
                    write(next);
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (failure == null) {
                        failure = e;
                    }
                    ended = true;
                    notifyAll();
                }
                reader.stop();
            } catch (Error e) {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
                reader.stop();
                throw e;
            }
        }

        /**
         * The next batch in file order, registered as in flight; null at the end or after a failure. Batches are taken
         * one thread at a time (on their own lock, so that waiting for the reader holds up no commit).
         */
        private Taken<T> take() {
            synchronized (taking) {
                List<Pending<T>> batch;
                do {
                    synchronized (this) {
                        if (ended) {
                            return null;
                        }
                    }
                    batch = reader.nextBatch();
                } while (batch != END && batch.isEmpty());
                synchronized (this) {
                    if (batch == END || ended) {
                        ended = true;
                        notifyAll();
                        return null;
                    }
                    long seq = ++taken;
                    inFlight.put(seq, batch.getFirst().position());
                    lastTaken = batch.getLast().position();
                    return new Taken<>(seq, batch);
                }
            }
        }

        /** Where this batch may move the checkpoint: not past the first record of an earlier batch still in flight. */
        private synchronized long checkpointFor(Taken<T> t) {
            Map.Entry<Long, Long> earliest = inFlight.firstEntry();
            return earliest.getKey() < t.seq() ? earliest.getValue() - 1 : t.batch().getLast().position();
        }

        private synchronized void committed(Taken<T> t) {
            inFlight.remove(t.seq());
            notifyAll();
        }

        /** Waits until every batch taken before this one has committed (or the import failed). */
        private synchronized void awaitEarlier(Taken<T> t) {
            try {
                while (inFlight.firstKey() < t.seq() && failure == null) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while importing " + file, e);
            }
        }

        private void write(Taken<T> t) {
            BatchOutcome<T> outcome;
            try {
                outcome = transaction(t);
            } catch (ClientException e) {
                if (!e.code().endsWith("ConstraintValidationFailed") || !concurrent) {
                    throw e;
                }
                // A key also in an earlier batch that was in flight: once every earlier batch has committed, the
                // existing-keys check sees it. A second failure is a real conflict.
                awaitEarlier(t);
                outcome = transaction(t);
            }
            writer.committed(outcome.written());
            List<Pending<T>> batch = t.batch();
            long batchNumber;
            synchronized (this) {
                Set<String> rejectedOnce = new HashSet<>();
                for (Pending<T> p : batch) {
                    String reason = outcome.unwritten().get(p.record().key());
                    if (reason != null && rejectedOnce.add(p.record().key())) {
                        deadLetters.reject(file.toString(), p.source(), reason);
                    }
                }
                counts.imported += outcome.fresh() - rejectedOnce.size();
                counts.rejected += rejectedOnce.size();
                counts.unchanged += batch.size() - outcome.fresh();
                batchNumber = ++counts.batches;
            }
            committed(t);
            options.afterCommit().accept(batchNumber);
        }

        private BatchOutcome<T> transaction(Taken<T> t) {
            List<Pending<T>> batch = t.batch();
            try (Session session = driver.session()) {
                return session.executeWrite(tx -> {
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
                    Checkpoint.save(tx, sourceId, file.getFileName().toString(), checkpointFor(t));
                    return new BatchOutcome<>(fresh, unwritten);
                });
            }
        }
    }

    private record Taken<T>(long seq, List<Pending<T>> batch) {}

    private record BatchOutcome<T>(List<T> written, Map<String, String> unwritten) {

        int fresh() {
            return written.size();
        }
    }

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
