package io.peergraph.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.bench.Options;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Faults injected under a steady mixed load, with a ledger of acknowledged writes checked afterwards (bench/run-faults.sh,
 * docs/benchmarks.md "Faults under load"):
 * <ol>
 *   <li>the managed Elasticsearch's server JVM SIGKILLed N times at random moments: searches must fall back to the
 *       graph and say {@code degraded}; once it is back and the outbox drained, {@code /admin/verify} (what
 *       {@code ./peergraph verify} calls) must find no document missing or stale;</li>
 *   <li>the service SIGKILLed N times during writes and restarted on the same data folder: every acknowledged write
 *       must still be there;</li>
 *   <li>the data folder's disk filled (the folder is a tmpfs mounted for the run, when the account may mount one):
 *       writes must fail with a typed error while reads go on, and the service must recover when space returns.</li>
 * </ol>
 * Prints per family: injected, survived, writes acknowledged, writes found, documents missing / stale.
 */
public final class FaultBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_PATIENCE = Duration.ofMinutes(15);

    private final Path dir;
    private final Path dataDir;
    private final ServiceProcess service;
    private final Random random;
    private final int workers;
    private final long pauseMillis;
    private final List<String> rows = new ArrayList<>();
    private MixedLoad load;
    private String admin;
    private String support;

    private FaultBench(Path jar, Path dir, int port, long seed, int workers, long pauseMillis, int esKills) {
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        // The watchdog repairs 3 crashes per 10 minutes by default and then gives up (a crash loop is not hidden): the
        // kills here are deliberate, so it is allowed one more than they are.
        this.service = new ServiceProcess(jar, dataDir, port, dir.resolve("service.out"),
                Map.of("PEERGRAPH_SEARCH_MAXRESTARTS", Integer.toString(esKills + 1)));
        this.random = new Random(seed);
        this.workers = workers;
        this.pauseMillis = pauseMillis;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, Set.of("jar", "dir", "port", "es-kills", "service-kills", "import-kills", "import-file",
                "disk-mb", "disk-leave-mb", "seed", "workers", "pause-ms"));
        Path dir = Path.of(options.string("dir", "bench/target/faults")).toAbsolutePath();
        FaultBench bench = new FaultBench(Path.of(options.string("jar", "api/target/peergraph.jar")).toAbsolutePath(), dir,
                options.integer("port", 18090), options.integer("seed", 42), options.integer("workers", 2), options.integer("pause-ms", 100),
                options.integer("es-kills", 10));
        int status = bench.run(options.integer("es-kills", 10), options.integer("service-kills", 10), options.integer("import-kills", 10),
                Path.of(options.string("import-file", "../shared/data/protondb/reports_jun1_2020.tar.gz")), options.integer("disk-mb", 1024),
                options.integer("disk-leave-mb", 64));
        System.exit(status);
    }

    private int run(int esKills, int serviceKills, int importKills, Path importFile, int diskMb, int diskLeaveMiB) throws Exception {
        Files.createDirectories(dir);
        Optional<String> tmpfs = diskMb > 0 ? mountTmpfs(diskMb) : Optional.of("not asked for (--disk-mb 0)");
        Instant began = Instant.now();
        boolean serviceFamilies = esKills > 0 || serviceKills > 0 || diskMb > 0;
        try {
            if (serviceFamilies) { // the import family runs imports of its own, without the service
                service.start();
                require(service.awaitReady(READY_PATIENCE), "the service did not become ready");
                System.out.printf("service ready after %d s (demo data loaded)%n", Duration.between(began, Instant.now()).toSeconds());
                setUp();
            }
            if (esKills > 0) {
                esKills(esKills);
            }
            if (serviceKills > 0) {
                serviceKills(serviceKills);
            }
            if (importKills > 0 && !Files.isRegularFile(importFile)) {
                rows.add(row("import kill", 0, 0, 0, 0, -1, -1, "not run: no " + importFile + " (the shared data beside the clone)"));
            } else if (importKills > 0) {
                ImportKills.Result imports = new ImportKills(service.jar(), dir.resolve("imports"), random).run(importKills, importFile);
                rows.add(row("import kill", imports.injected(), imports.survived(), (int) imports.expected(), (int) imports.found(), -1, -1,
                        imports.notes() + (imports.countsEqual() ? "" : " LOST (counts differ)")));
                System.out.println(rows.getLast());
            }
            if (tmpfs.isEmpty()) {
                diskFull(diskLeaveMiB);
            } else if (diskMb > 0) {
                rows.add(row("disk full", 0, 0, 0, 0, -1, -1, "not run: " + tmpfs.get()));
            }
        } finally {
            if (load != null) {
                load.stop();
            }
            if (serviceFamilies) {
                service.stop();
            }
            if (tmpfs.isEmpty()) {
                unmount();
            }
        }
        System.out.println();
        System.out.printf("Faults under load: %d workers, %d ms pause, seed as given; load average %s; %d s in all%n", workers, pauseMillis,
                Files.readString(Path.of("/proc/loadavg")).strip(), Duration.between(began, Instant.now()).toSeconds());
        System.out.printf("%-18s %9s %9s %15s %12s %10s %8s  %s%n", "family", "injected", "survived", "writes acked", "writes found",
                "docs miss.", "stale", "notes");
        rows.forEach(System.out::println);
        boolean clean = rows.stream().noneMatch(r -> r.contains(" LOST "));
        return clean ? 0 : 1;
    }

    /** The data folder on a tmpfs of its own, so that it can be filled; empty when mounted, else why not. */
    private Optional<String> mountTmpfs(int sizeMb) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m,mode=0700", "tmpfs", dataDir.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes()).strip();
        return mount.waitFor() == 0 ? Optional.empty() : Optional.of("cannot mount a tmpfs here (" + said + ")");
    }

    /** The managed Elasticsearch ends shortly after the service (parent-death signal): wait for the volume to be free. */
    private void unmount() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 15; attempt++) {
            if (new ProcessBuilder("umount", dataDir.toString()).inheritIO().start().waitFor() == 0) {
                return;
            }
            Thread.sleep(2_000);
        }
        new ProcessBuilder("umount", "--lazy", dataDir.toString()).inheritIO().start().waitFor();
    }

    private void setUp() throws Exception {
        // Enough customers that none has more than the 100 newest confirmations its own list shows (the ledger check).
        LoadCast cast = LoadCast.create(dataDir, () -> service.uri("/graphql"), 24);
        admin = cast.admin();
        support = cast.support();
        load = cast.load(() -> service.uri("/graphql"), random.nextLong(), pauseMillis);
    }

    /** Family 1: SIGKILL of the managed Elasticsearch at random moments; the watchdog restarts it. */
    private void esKills(int n) throws Exception {
        int before = load.ledger().size();
        load.resetOutcomes();
        load.start(workers);
        int injected = 0;
        int survived = 0;
        List<Long> outages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread.sleep(5_000 + random.nextInt(15_000));
            Optional<ProcessHandle> elasticsearch = awaitElasticsearch();
            if (elasticsearch.isEmpty()) {
                System.out.println("es-kill " + (i + 1) + ": no Elasticsearch process to kill");
                continue;
            }
            Instant killed = Instant.now();
            elasticsearch.get().destroyForcibly();
            injected++;
            boolean back = awaitSearch(Duration.ofMinutes(8));
            survived += back ? 1 : 0;
            outages.add(Duration.between(killed, Instant.now()).toSeconds());
            System.out.printf("es-kill %d: pid %d killed; searches answered by the index again after %d s%s%n", i + 1,
                    elasticsearch.get().pid(), outages.getLast(), back ? "" : " (NOT BACK)");
        }
        load.stop();
        family("Elasticsearch kill", injected, survived, before, "search outages (s) " + outages + "; " + load.outcomes());
    }

    /** Family 2: SIGKILL of the service during writes, restarted on the same data folder. */
    private void serviceKills(int n) throws Exception {
        int before = load.ledger().size();
        load.resetOutcomes();
        load.start(workers);
        int injected = 0;
        int survived = 0;
        List<Long> restarts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread.sleep(5_000 + random.nextInt(10_000));
            service.kill();
            injected++;
            Instant killed = Instant.now();
            service.start();
            boolean ready = service.awaitReady(READY_PATIENCE);
            survived += ready ? 1 : 0;
            restarts.add(Duration.between(killed, Instant.now()).toSeconds());
            System.out.printf("service-kill %d: killed during writes; ready again after %d s%s%n", i + 1, restarts.getLast(),
                    ready ? "" : " (NOT READY):\n" + service.tail());
            if (!ready) {
                break;
            }
        }
        load.stop();
        family("service kill", injected, survived, before, "restart to ready (s) " + restarts + "; " + load.outcomes());
    }

    /**
     * Family 4, twice: the data folder's disk filled while the load runs, then freed. First to {@code leaveMiB} free, under
     * the service's margin ({@code peergraph.storage.min-free}, 256 MiB): mutations must be refused with a typed error,
     * reads go on, writes come back without a restart. Then to the last byte, as another program could fill it: what
     * Neo4j does then (it stops itself: reads fail too, until a restart) is measured, and the store must recover.
     */
    private void diskFull(long leaveMiB) throws Exception {
        diskFull("disk nearly full", leaveMiB << 20);
        diskFull("disk full (0 B)", 0);
    }

    private void diskFull(String name, long leaveBytes) throws Exception {
        int before = load.ledger().size();
        Path filler = dataDir.resolve("filler");
        long filled = fill(filler, leaveBytes);
        long free = Files.getFileStore(dataDir).getUsableSpace();
        load.resetOutcomes();
        load.start(workers);
        Thread.sleep(30_000);
        load.stop();
        Map<String, Long> whileFull = load.outcomes();
        Files.deleteIfExists(filler);
        load.resetOutcomes();
        load.start(workers);
        Thread.sleep(30_000);
        load.stop();
        Map<String, Long> afterwards = load.outcomes();
        boolean recovered = afterwards.getOrDefault("write ok", 0L) > 0;
        String how = "recovered without a restart";
        if (!recovered) {
            service.kill();
            service.start();
            recovered = service.awaitReady(READY_PATIENCE);
            how = recovered ? "recovered only after a restart" : "NOT recovered after a restart";
        }
        family(name, 1, recovered ? 1 : 0, before, "filled " + (filled >> 20) + " MiB, " + (free >> 20) + " MiB left; while full " + whileFull
                + "; space back " + afterwards + "; " + how);
    }

    /** Writes zeros into {@code filler} until the volume has at most {@code leaveBytes} usable; returns the bytes written. */
    private static long fill(Path filler, long leaveBytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(filler).getUsableSpace() > leaveBytes) {
                long room = Files.getFileStore(filler).getUsableSpace() - leaveBytes;
                int length = (int) Math.min(chunk.length, room);
                out.write(chunk, 0, length);
                out.flush();
                written += length;
            }
        } catch (IOException full) {
            return written; // the last byte is gone
        }
        return written;
    }

    /** After a family: the outbox drained and the index verified, then every acknowledged write looked up. */
    private void family(String name, int injected, int survived, int ledgerBefore, String notes) throws Exception {
        IndexCheck index = checkIndex(service, admin);
        int acked = load.ledger().size();
        int found = load.foundInLedger();
        String lost = found == acked ? "" : " LOST " + (acked - found);
        rows.add(row(name, injected, survived, acked - ledgerBefore, found - ledgerBefore, index.missing(), index.stale(), notes + lost));
        System.out.println(rows.getLast());
    }

    /** Documents missing from the search index or stale in it, once the outbox is drained (or 5 minutes passed). */
    record IndexCheck(long missing, long stale) {}

    static IndexCheck checkIndex(ServiceProcess service, String admin) throws Exception {
        long missing = 0;
        long stale = 0;
        for (JsonNode drift : drainedVerify(service, admin, Duration.ofMinutes(5))) {
            // A document missing from the sample is also missing from the count: the larger of the two, not their sum.
            missing += Math.max(drift.path("missing").size(), drift.path("graphCount").asLong() - drift.path("indexCount").asLong());
            stale += drift.path("stale").size();
        }
        return new IndexCheck(missing, stale);
    }

    private static String row(String name, int injected, int survived, int acked, int found, long missing, long stale, String notes) {
        return String.format("%-18s %9d %9d %15d %12d %10s %8s  %s", name, injected, survived, acked, found,
                missing < 0 ? "-" : Long.toString(missing), stale < 0 ? "-" : Long.toString(stale), notes);
    }

    /** GET /admin/verify (what ./peergraph verify calls) until the outbox backlog is 0 and nothing drifts, or time runs out. */
    static JsonNode drainedVerify(ServiceProcess service, String admin, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        JsonNode drifts = JSON.createArrayNode();
        HttpClient http = HttpClient.newHttpClient();
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.uri("/admin/verify?sample=10000"))
                    .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 || response.statusCode() == 409) {
                drifts = JSON.readTree(response.body());
                boolean drained = true;
                for (JsonNode drift : drifts) {
                    drained &= drift.path("backlog").asLong() == 0;
                }
                if (drained && response.statusCode() == 200) {
                    return drifts;
                }
            }
            Thread.sleep(3_000);
        }
        return drifts;
    }

    private Optional<ProcessHandle> awaitElasticsearch() throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            Optional<ProcessHandle> found = service.elasticsearch();
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(1_000);
        }
        return Optional.empty();
    }

    /** Until a case search is answered by the index (not degraded). */
    private boolean awaitSearch(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(2_000);
            JsonNode body = load.post(support, "{ searchCases(query: \"fault\", first: 1) { degraded } }", Map.of());
            if (body != null && body.path("data").path("searchCases").has("degraded")
                    && !body.path("data").path("searchCases").path("degraded").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean condition, String message) {
        LoadCast.require(condition, message);
    }
}
