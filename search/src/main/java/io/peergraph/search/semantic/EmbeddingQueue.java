package io.peergraph.search.semantic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.sync.CaseDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds cases off the request path. The relay (and a rebuild) index a case at once without a vector, so text
 * search and the graph signals find it right away, and hand it here; one worker thread, at the lowest priority,
 * takes up to {@link #BATCH} cases at a time, embeds them with one ONNX thread (so at most one core of the
 * machine, whatever the backlog: the API keeps the others) and indexes each again with its vector, at the version
 * the relay wrote it with and {@code external_gte}: if the case changed meanwhile, the newer write wins (409) and
 * the newer text is already queued.
 * <p>
 * Back-pressure: the queue is bounded; when it is full, {@link #submit} blocks the relay, whose backlog then
 * stays in the outbox (graph writes never wait). {@link #progress} is the figure health shows.
 * A case whose embedding failed (Elasticsearch down for longer than the retries), or was still queued when the
 * service stopped, keeps being found by the other signals; {@link #backfill} finds such cases in the index and
 * queues them again (the service calls it while the queue is idle), so a re-embedding resumes after a restart.
 */
public final class EmbeddingQueue implements AutoCloseable {

    /** Cases embedded per ONNX call and per bulk request. */
    public static final int BATCH = 16;
    private static final Logger log = LoggerFactory.getLogger(EmbeddingQueue.class);
    private static final int ATTEMPTS = 5;

    /** A case to embed: where it was written, at which version, and what to embed. */
    public record Job(String target, long version, CaseDocument document, String input, String key) {}

    /** Cases waiting (queued or being embedded), embedded so far, superseded by a newer write, failed; the rate. */
    public record Progress(long pending, long embedded, long superseded, long failed, double docsPerSecond) {}

    private final ElasticsearchClient client;
    private final CaseEmbedder embedder;
    private final BlockingQueue<Job> queue;
    private final Thread worker;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong embeddingNanos = new AtomicLong();
    private volatile boolean closed;

    public EmbeddingQueue(ElasticsearchClient client, CaseEmbedder embedder, int capacity) {
        this.client = client;
        this.embedder = embedder;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = Thread.ofPlatform().name("case-embedder").daemon().priority(Thread.MIN_PRIORITY).unstarted(this::run);
        worker.start();
    }

    public CaseEmbedder embedder() {
        return embedder;
    }

    /** Queues a case; blocks while the queue is full (back-pressure on the caller, the relay). */
    public void submit(Job job) throws InterruptedException {
        inFlight.incrementAndGet();
        try {
            queue.put(job);
        } catch (InterruptedException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    public Progress progress() {
        long done = embedded.get();
        long nanos = embeddingNanos.get();
        return new Progress(inFlight.get(), done, superseded.get(), failed.get(), nanos == 0 ? 0 : done / (nanos / 1e9));
    }

    /** Waits until nothing is pending (tests, benches, a rebuild that wants its vectors); false on timeout. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Queues up to {@code limit} cases of the live index that have no vector (left over from a restart or a
     * failure), each at its current version; returns how many. Does nothing while cases are pending (they may be
     * the same ones).
     */
    public int backfill(int limit) throws IOException, InterruptedException {
        if (inFlight.get() > 0) {
            return 0;
        }
        List<Hit<CaseDocument>> hits = client.search(s -> s.index(SearchIndex.CASES.alias()).size(limit).version(true)
                .query(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field("embedding"))))), CaseDocument.class).hits().hits();
        int queued = 0;
        for (Hit<CaseDocument> hit : hits) {
            CaseDocument doc = hit.source();
            String input = doc == null ? "" : embedder.input(doc.title(), doc.text());
            if (!input.isBlank() && hit.version() != null) {
                submit(new Job(SearchIndex.CASES.alias(), hit.version(), doc, input, EmbeddedCase.key(embedder.model(), input)));
                queued++;
            }
        }
        return queued;
    }

    private void run() {
        while (!closed) {
            List<Job> batch = new ArrayList<>(BATCH);
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            try {
                write(batch);
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                log.warn("Embedding {} cases failed: {}", batch.size(), e.toString());
            } finally {
                inFlight.addAndGet(-batch.size());
            }
        }
    }

    private void write(List<Job> batch) {
        long began = System.nanoTime();
        List<float[]> vectors = embedder.embedAll(batch.stream().map(Job::input).toList());
        embeddingNanos.addAndGet(System.nanoTime() - began);
        List<BulkOperation> ops = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Job job = batch.get(i);
            EmbeddedCase doc = new EmbeddedCase(job.document(), vectors.get(i), job.key());
            ops.add(BulkOperation.of(b -> b.index(x -> x.index(job.target()).id(job.document().id())
                    .version(job.version()).versionType(VersionType.ExternalGte).document(doc))));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                BulkResponse response = client.bulk(b -> b.operations(ops));
                for (BulkResponseItem item : response.items()) {
                    if (item.error() == null) {
                        embedded.incrementAndGet();
                    } else if (item.status() == 409 || item.status() == 404) {
                        superseded.incrementAndGet(); // a newer write (queued too), or an index a rebuild replaced
                    } else {
                        failed.incrementAndGet();
                        log.warn("Indexing the embedding of {} failed: {} {}", item.id(), item.error().type(), item.error().reason());
                    }
                }
                return;
            } catch (IOException | RuntimeException e) {
                if (attempt == ATTEMPTS || closed) {
                    throw new IllegalStateException("Elasticsearch refused " + ops.size() + " embeddings " + attempt + " times", e);
                }
                try {
                    Thread.sleep(1000L << (attempt - 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
