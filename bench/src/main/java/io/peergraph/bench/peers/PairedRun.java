package io.peergraph.bench.peers;

import io.peergraph.bench.generate.SyntheticCommunity.Question;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One pass over the questions, each asked over HTTP and through the driver back to back, in alternating
 * order (HTTP first for even questions, driver first for odd ones) so that both see the same cache state.
 * Checks that both paths give the same answer: a fast wrong answer is not a result.
 */
final class PairedRun {

    final Latencies httpPage = new Latencies();
    final Latencies driverPage = new Latencies();
    final Latencies httpCount = new Latencies();
    final Latencies driverCount = new Latencies();
    /** What the service does for a request with peerCount: the page query and then the count query. */
    final Latencies driverPageThenCount = new Latencies();
    int disagreements;
    private final long[] peerCounts;
    private final int[] pageSizes;

    private PairedRun(int questions) {
        peerCounts = new long[questions];
        pageSizes = new int[questions];
    }

    static PairedRun over(List<Question> questions, PeersOverHttp http, PeersOverDriver driver) {
        PairedRun run = new PairedRun(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            boolean httpFirst = i % 2 == 0;
            Timed<String> page = null;
            Timed<Integer> directPage = null;
            for (int turn = 0; turn < 2; turn++) {
                if (httpFirst == (turn == 0)) {
                    page = Timed.of(() -> http.send(PeersOverHttp.PAGE, q));
                } else {
                    directPage = Timed.of(() -> driver.page(q));
                }
            }
            Timed<String> count = null;
            Timed<Long> directCount = null;
            for (int turn = 0; turn < 2; turn++) {
                if (httpFirst == (turn == 0)) {
                    count = Timed.of(() -> http.send(PeersOverHttp.COUNT, q));
                } else {
                    directCount = Timed.of(() -> driver.peerCount(q));
                }
            }
            run.httpPage.add(page.nanos());
            run.driverPage.add(directPage.nanos());
            run.httpCount.add(count.nanos());
            run.driverCount.add(directCount.nanos());
            run.driverPageThenCount.add(directPage.nanos() + directCount.nanos());
            run.pageSizes[i] = directPage.value();
            run.peerCounts[i] = directCount.value();
            if (PeersOverHttp.pageSize(page.value()) != directPage.value() || PeersOverHttp.peerCount(count.value()) != directCount.value()) {
                run.disagreements++;
            }
        }
        return run;
    }

    long medianPeerCount() {
        long[] sorted = peerCounts.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    long maxPeerCount() {
        return Arrays.stream(peerCounts).max().orElse(0);
    }

    long emptyPages() {
        return Arrays.stream(pageSizes).filter(size -> size == 0).count();
    }

    private record Timed<T>(T value, long nanos) {
        static <T> Timed<T> of(Supplier<T> call) {
            long started = System.nanoTime();
            T value = call.get();
            return new Timed<>(value, System.nanoTime() - started);
        }
    }
}
