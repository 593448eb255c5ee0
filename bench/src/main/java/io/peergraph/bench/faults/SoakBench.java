package io.peergraph.bench.faults;

import io.peergraph.bench.Options;
import io.peergraph.bench.peers.Latencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A soak (bench/run-soak.sh, docs/benchmarks.md "Soak"): the mixed load of the fault bench held at a rate for a long
 * time against one service process. First, unless {@code --rate} is given, a ramp: short steps at rising rates, the
 * highest whose step had no error and kept each query's p99 inside its goal is kept. Then the soak at that rate, a row
 * per window (default 5 minutes): latency percentiles per operation, errors, the rate reached, and the service's heap
 * after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}), open files ({@code /proc/PID/fd}) and
 * threads ({@code /proc/PID/task}), with the load average of the machine. At the end every acknowledged write is looked
 * up and the search index verified, as after a fault.
 */
public final class SoakBench {

    /** p99 goals of the queries in the load (ms): /work/shared/BENCHMARKS.md (peers), docs/benchmarks.md (case search). */
    private static final Map<String, Double> P99_GOALS = Map.of("peers", 25.0, "search", 50.0);
    /** "used NK" on GC.heap_info's lines of the heap (G1: "garbage-first heap …"; Serial/Parallel: one per generation). */
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^.*(?:heap|generation|Gen)\\b.*?\\bused\\s+(\\d+)K");

    private final ServiceProcess service;
    private final Path dataDir;
    private final int workers;
    private final long seed;
    private long errorsBeforeSoak;

    private SoakBench(ServiceProcess service, Path dataDir, int workers, long seed) {
        this.service = service;
        this.dataDir = dataDir;
        this.workers = workers;
        this.seed = seed;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, Set.of("jar", "dir", "port", "soak", "window", "rate", "rates", "step", "warmup", "workers",
                "customers", "seed"));
        Path dir = Path.of(options.string("dir", "bench/target/soak")).toAbsolutePath();
        Files.createDirectories(dir);
        ServiceProcess service = new ServiceProcess(Path.of(options.string("jar", "api/target/peergraph.jar")).toAbsolutePath(),
                dir.resolve("data"), options.integer("port", 18090), dir.resolve("service.out"), Map.of());
        SoakBench bench = new SoakBench(service, dir.resolve("data"), options.integer("workers", 8), options.integer("seed", 42));
        int status;
        try {
            status = bench.run(duration(options.string("soak", "30m")), duration(options.string("window", "5m")),
                    Double.parseDouble(options.string("rate", "0")),
                    Arrays.stream(options.string("rates", "5,10,20,30,40,60").split(",")).mapToDouble(Double::parseDouble).toArray(),
                    duration(options.string("step", "90s")), duration(options.string("warmup", "3m")), options.integer("customers", 200));
        } finally {
            service.stop();
        }
        System.exit(status);
    }

    private int run(Duration soak, Duration window, double rate, double[] rates, Duration step, Duration warmup, int customerCount)
            throws Exception {
        Instant began = Instant.now();
        service.start();
        LoadCast.require(service.awaitReady(Duration.ofMinutes(15)), "the service did not become ready:\n" + service.tail());
        System.out.printf("service ready after %d s (demo data loaded); load average %s%n", Duration.between(began, Instant.now()).toSeconds(),
                loadAverage());
        // Enough customers that none has more than the 100 newest confirmations its own list shows (the ledger check).
        LoadCast cast = LoadCast.create(dataDir, () -> service.uri("/graphql"), customerCount);
        MixedLoad load = cast.load(() -> service.uri("/graphql"), new Random(seed).nextLong(), 0);
        warmUp(load, rate > 0 ? rate : rates[0], warmup);
        if (rate <= 0) {
            rate = ramp(load, rates, step);
        }
        System.out.printf("%nsoak: %.0f requests/s for %d min, %d workers, windows of %d min%n", rate, soak.toMinutes(), workers,
                window.toMinutes());
        System.out.println("window  load avg (1/5/15)  rate/s  errors  heap after GC MiB  open files  threads  (ES: files, threads)  "
                + "operation: count p50 / p90 / p99 / max ms");
        List<Long> heaps = new ArrayList<>();
        // An error is an error, warm or not: the warm-up's and the ramp's count in the total.
        long errors = errorsBeforeSoak;
        load.resetOutcomes();
        load.drainLatencies();
        load.start(workers, rate);
        Instant end = Instant.now().plus(soak);
        for (int w = 1; Instant.now().isBefore(end); w++) {
            Instant windowStart = Instant.now();
            Thread.sleep(Duration.between(windowStart, end).compareTo(window) < 0 ? Duration.between(windowStart, end) : window);
            Map<String, Latencies> latencies = load.drainLatencies();
            Map<String, Long> outcomes = load.outcomes();
            load.resetOutcomes();
            long windowErrors = errors(outcomes);
            errors += windowErrors;
            long seconds = Math.max(1, Duration.between(windowStart, Instant.now()).toSeconds());
            long requests = latencies.values().stream().mapToLong(l -> l.summary().count()).sum();
            long heap = heapAfterFullGc(service.pid());
            heaps.add(heap);
            System.out.printf("%6d  %-17s  %6.1f  %6d  %17d  %10d  %7d  (%s)  %s%s%n", w, loadAverage(), (double) requests / seconds, windowErrors,
                    heap, count(service.pid(), "fd"), count(service.pid(), "task"), elasticsearch(), describe(latencies),
                    windowErrors == 0 ? "" : " errors: " + outcomes);
        }
        load.stop();
        FaultBench.IndexCheck index = FaultBench.checkIndex(service, cast.admin());
        int acked = load.ledger().size();
        int found = load.foundInLedger();
        System.out.printf("%nsoak done in %d min: %.0f requests/s, %d errors; heap after full GC per window (MiB) %s; writes acknowledged %d, "
                        + "found %d; search documents missing %d, stale %d; load average %s%n",
                Duration.between(began, Instant.now()).toMinutes(), rate, errors, heaps, acked, found, index.missing(), index.stale(),
                loadAverage());
        return errors == 0 && found == acked && index.missing() == 0 && index.stale() == 0 ? 0 : 1;
    }

    /**
     * The first minutes of a new service (JIT, caches, the similarity index catching up with the demo data) are not the
     * rate it sustains: a step that included them judged every ramp by its slowest start. Shown, not judged.
     */
    private void warmUp(MixedLoad load, double rate, Duration warmup) throws Exception {
        if (warmup.isZero()) {
            return;
        }
        Step step = hold(load, rate, warmup);
        System.out.printf("warm-up: %d s at %.0f/s (latency not judged), %d errors, load average %s: %s%n", warmup.toSeconds(), rate,
                step.errors(), loadAverage(), describe(step.latencies()));
    }

    /** Steps at rising rates; the highest with no error and every query's p99 inside its goal (the first, if none). */
    private double ramp(MixedLoad load, double[] rates, Duration step) throws Exception {
        System.out.printf("ramp: %d s per step, %d workers; p99 goals (ms) %s%n", step.toSeconds(), workers, P99_GOALS);
        double kept = rates[0];
        for (double rate : rates) {
            Step held = hold(load, rate, step);
            Map<String, Latencies> latencies = held.latencies();
            long errors = held.errors();
            long requests = latencies.values().stream().mapToLong(l -> l.summary().count()).sum();
            boolean inside = errors == 0 && P99_GOALS.entrySet().stream()
                    .allMatch(g -> !latencies.containsKey(g.getKey()) || latencies.get(g.getKey()).summary().p99() <= g.getValue());
            System.out.printf("  %5.0f/s asked, %5.1f/s reached, %d errors, load average %s: %s -> %s%n", rate, (double) requests / step.toSeconds(),
                    errors, loadAverage(), describe(latencies), inside ? "inside the goals" : "OUTSIDE " + (errors > 0 ? held.outcomes() : ""));
            if (!inside) {
                break;
            }
            kept = rate;
        }
        return kept;
    }

    /** The load held at a rate for a while; what it measured. Errors before the soak count in its total too. */
    private Step hold(MixedLoad load, double rate, Duration duration) throws Exception {
        load.resetOutcomes();
        load.drainLatencies();
        load.start(workers, rate);
        Thread.sleep(duration);
        load.stop();
        Step step = new Step(load.drainLatencies(), load.outcomes());
        errorsBeforeSoak += step.errors();
        return step;
    }

    private record Step(Map<String, Latencies> latencies, Map<String, Long> outcomes) {
        long errors() {
            return SoakBench.errors(outcomes);
        }
    }

    private static long errors(Map<String, Long> outcomes) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().contains("failed")).mapToLong(Map.Entry::getValue).sum();
    }

    private static String describe(Map<String, Latencies> latencies) {
        StringBuilder text = new StringBuilder();
        latencies.forEach((operation, l) -> {
            Latencies.Summary s = l.summary();
            text.append(String.format("%s: %d %.1f / %.1f / %.1f / %.1f; ", operation, s.count(), s.p50(), s.p90(), s.p99(), s.max()));
        });
        return text.toString();
    }

    /** The service's heap in use right after a full collection (MiB), by the JDK's jcmd; -1 if it cannot say. */
    private static long heapAfterFullGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            Matcher used = HEAP_USED.matcher(run(jcmd.toString(), Long.toString(pid), "GC.heap_info"));
            long kib = 0;
            boolean found = false;
            while (used.find()) {
                kib += Long.parseLong(used.group(1));
                found = true;
            }
            return found ? kib >> 10 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    /** Entries of /proc/PID/{@code what} (fd: open files, task: threads). */
    private static long count(long pid, String what) {
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), what))) {
            return entries.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private String elasticsearch() {
        return service.elasticsearch().map(p -> count(p.pid(), "fd") + ", " + count(p.pid(), "task")).orElse("not running");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** "30m", "90s", "1h" or ISO-8601 ("PT30M"). */
    static Duration duration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("a duration such as 30m, 90s or 1h: " + text);
        };
    }
}
