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
 * Back-pressure without lag: the queue is bounded (memory); when it is full, {@link #submit} does not wait (that
 * would hold text indexing back for as long as embedding takes: hours for a rebuild of 100k cases) but defers the
 * case, counted in {@link Progress#deferred}. The index itself is then the backlog: {@link #backfill}, which the
 * service calls on a schedule, queries it for cases without a vector and queues as many as there is room for. The
 * same resumes a re-embedding after a restart or a failure. {@link #progress} is the figure health shows.
 */
public final class EmbeddingQueue implements AutoCloseable {

    /** Cases embedded per ONNX call and per bulk request. */
    public static final int BATCH = 16;
    private static final Logger log = LoggerFactory.getLogger(EmbeddingQueue.class);
    private static final int ATTEMPTS = 5;

    /** A case to embed: where it was written, at which version, and what to embed. */
    public record Job(String target, long version, CaseDocument document, String input, String key) {}

    /**
     * Cases waiting (queued or being embedded), embedded so far, superseded by a newer write, failed, deferred
     * (the queue was full: left to the backfill); documents embedded per second of embedding.
     */
    public record Progress(long pending, long embedded, long superseded, long failed, long deferred, double docsPerSecond) {}

    private final ElasticsearchClient client;
    private final CaseEmbedder embedder;
    private final BlockingQueue<Job> queue;
    private final Thread worker;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    /** Ids queued or being embedded: the backfill leaves them out. */
    private final java.util.Set<String> pendingIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final int capacity;
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong embeddingNanos = new AtomicLong();
    private volatile boolean closed;

    public EmbeddingQueue(ElasticsearchClient client, CaseEmbedder embedder, int capacity) {
        this.client = client;
        this.embedder = embedder;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.worker = Thread.ofPlatform().name("case-embedder").daemon().priority(Thread.MIN_PRIORITY).unstarted(this::run);
        worker.start();
    }

    public CaseEmbedder embedder() {
        return embedder;
    }

    /** Queues a case; false when the queue is full (the case is deferred to the {@link #backfill}). Never waits. */
    public boolean submit(Job job) {
        inFlight.incrementAndGet();
        pendingIds.add(job.document().id());
        if (queue.offer(job)) {
            return true;
        }
        inFlight.decrementAndGet();
        pendingIds.remove(job.document().id()); // at worst the backfill queues a case twice: the same vector twice
        deferred.incrementAndGet();
        return false;
    }

    public Progress progress() {
        long done = embedded.get();
        long nanos = embeddingNanos.get();
        return new Progress(inFlight.get(), done, superseded.get(), failed.get(), deferred.get(), nanos == 0 ? 0 : done / (nanos / 1e9));
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
     * Queues cases of the live index that have no vector (deferred when the queue was full, left over from a
     * restart, or failed), each at its current version, as many as there is room for (at most {@code limit});
     * returns how many. Cases already pending are left out.
     */
    public int backfill(int limit) throws IOException {
        int room = Math.min(limit, capacity - queue.size());
        if (room <= 0) {
            return 0;
        }
        List<String> pending = List.copyOf(pendingIds);
        List<Hit<CaseDocument>> hits = client.search(s -> s.index(SearchIndex.CASES.alias()).size(room).version(true)
                .query(q -> q.bool(b -> {
                    b.mustNot(m -> m.exists(e -> e.field("embedding")));
                    if (!pending.isEmpty()) {
                        b.mustNot(m -> m.ids(i -> i.values(pending)));
                    }
                    return b;
                })),
                CaseDocument.class).hits().hits();
        int queued = 0;
        for (Hit<CaseDocument> hit : hits) {
            CaseDocument doc = hit.source();
            String input = doc == null ? "" : embedder.input(doc.title(), doc.text());
            if (!input.isBlank() && hit.version() != null
                    && submit(new Job(SearchIndex.CASES.alias(), hit.version(), doc, input, EmbeddedCase.key(embedder.model(), input)))) {
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
                batch.forEach(j -> pendingIds.remove(j.document().id()));
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
