package io.peergraph.bench.search;

import io.peergraph.search.semantic.CaseEmbedder;
import io.peergraph.search.semantic.EmbeddedCase;
import io.peergraph.search.sync.CaseDocument;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The vector of every generated case, computed once and kept in a file beside the build ({@code --vectors}), since
 * embedding 100k cases is half an hour of CPU: a run that is stopped resumes where the file ends, and a later run
 * with the same model, size and seed embeds nothing. The file holds the vectors in case order, 384 floats each;
 * the cases are regenerated from the seed (cheap), so a vector is matched to its case by position, and the embedded
 * input's key is recomputed from the case.
 */
final class CaseVectors {

    private static final int CHUNK = 16 * 32;

    private CaseVectors() {
    }

    /**
     * Every case with its vector: those the file holds read back, the rest embedded 16 at a time on {@code threads}
     * threads (one ONNX thread each) and appended to the file a chunk at a time. Prints the rate of what it embedded.
     */
    static List<Object> of(CaseEmbedder embedder, List<CaseDocument> cases, Path file, int threads) throws Exception {
        int dims = embedder.embed("probe").length;
        long record = 4L * dims;
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file) && Files.size(file) % record != 0) { // a run killed mid-write: drop the torn vector
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(Files.size(file) / record * record);
            }
        }
        int held = Files.exists(file) ? (int) Math.min(cases.size(), Files.size(file) / record) : 0;
        List<Object> out = new ArrayList<>(cases.size());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(held == 0 ? InputStream.nullInputStream() : Files.newInputStream(file), 1 << 20))) {
            for (int i = 0; i < held; i++) {
                float[] vector = new float[dims];
                for (int d = 0; d < dims; d++) {
                    vector[d] = in.readFloat();
                }
                out.add(embedded(embedder, cases.get(i), vector));
            }
        }
        System.out.printf("vectors: %,d of %,d cases read from %s%n", held, cases.size(), file);
        if (held > 0) { // the file knows positions only: a changed generator or model would pair cases with wrong vectors
            CaseDocument first = cases.getFirst();
            float[] again = embedder.embed(embedder.input(first.title(), first.text()));
            float[] kept = ((EmbeddedCase) out.getFirst()).embedding();
            for (int d = 0; d < dims; d++) {
                if (Math.abs(again[d] - kept[d]) > 1e-3) {
                    throw new IllegalStateException(file + " holds vectors of other texts or another model: delete it");
                }
            }
        }
        if (held == cases.size()) {
            return out;
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        String loadBefore = SearchBench.loadAverage();
        long began = System.nanoTime();
        long lastReport = began;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads);
             DataOutputStream sink = new DataOutputStream(new BufferedOutputStream(
                     Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 20))) {
            Deque<Future<List<float[]>>> pending = new ArrayDeque<>();
            Deque<List<CaseDocument>> batches = new ArrayDeque<>();
            int from = held;
            while (from < cases.size() || !pending.isEmpty()) {
                while (from < cases.size() && pending.size() < threads * 2) { // a few batches ahead, kept in order
                    List<CaseDocument> batch = cases.subList(from, Math.min(cases.size(), from + 16));
                    batches.add(batch);
                    pending.add(pool.submit(() -> embedder.embedAll(batch.stream().map(d -> embedder.input(d.title(), d.text())).toList())));
                    from += batch.size();
                }
                List<CaseDocument> batch = batches.removeFirst();
                List<float[]> vectors = pending.removeFirst().get();
                for (int i = 0; i < batch.size(); i++) {
                    for (float f : vectors.get(i)) {
                        sink.writeFloat(f);
                    }
                    out.add(embedded(embedder, batch.get(i), vectors.get(i)));
                }
                if (out.size() % CHUNK < 16) {
                    sink.flush(); // what a stopped run keeps
                }
                if (System.nanoTime() - lastReport > 60e9) {
                    lastReport = System.nanoTime();
                    double s = (lastReport - began) / 1e9;
                    System.out.printf("  embedded %,d of %,d (%.1f docs/s wall, load %s)%n", out.size(), cases.size(), (out.size() - held) / s, SearchBench.loadAverage());
                }
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        int embedded = cases.size() - held;
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("embedded %,d cases with %s on %d thread(s) in %.1f s = %.1f docs/s wall, %.1f docs per CPU-second (heap used %d MB; load %s -> %s)%n",
                embedded, embedder.model().key(), threads, seconds, embedded / seconds, embedded / cpu,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, loadBefore, SearchBench.loadAverage());
        return out;
    }

    private static EmbeddedCase embedded(CaseEmbedder embedder, CaseDocument doc, float[] vector) {
        return new EmbeddedCase(doc, vector, EmbeddedCase.key(embedder.model(), embedder.input(doc.title(), doc.text())));
    }
}
