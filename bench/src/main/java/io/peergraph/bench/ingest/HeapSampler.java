package io.peergraph.bench.ingest;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the heap in use after a full collection every {@code interval} while an import runs: the live set,
 * which stays flat when the importer streams and grows with the file when something holds records. Reading
 * "used" without collecting would mostly measure garbage not yet collected.
 */
final class HeapSampler implements AutoCloseable {

    private final List<Long> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(long intervalMillis) {
        thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (running) {
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (running) {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    synchronized (samples) {
                        samples.add(used);
                    }
                }
            }
        });
    }

    /** Heap used after GC, in MiB, in the order sampled. */
    List<Long> samplesMiB() {
        synchronized (samples) {
            return samples.stream().map(b -> b >> 20).toList();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
