package io.peergraph.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.bench.peers.Latencies;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A bounded mixed load on 127.0.0.1 (reports, solutions, confirmations, tag applications, case searches, peer
 * questions) by a few customers, with a ledger of every write the service acknowledged (HTTP 200 with the new id in
 * {@code data}), checked afterwards one by one. A write that failed, or whose answer never arrived, is not in the
 * ledger: the client was never told it happened.
 *
 * <p>Two paces: each worker pausing between requests ({@link #start(int)}), or the workers together holding a rate
 * ({@link #start(int, double)}). At a rate every request has its moment on a schedule, and its latency counts from that
 * moment, not from when it was sent: a service that falls behind shows the wait of the requests queued behind
 * (no coordinated omission). Latencies are kept per operation until {@link #drainLatencies()}.
 */
final class MixedLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One acknowledged write: what, its id, who wrote it (their token reads it back), and for a tag its label. */
    record Ack(String kind, String id, String token, String label) {}

    /** A customer of the load, with a configuration to report on and confirm with. */
    record Customer(String token, String configuration) {}

    private final Supplier<java.net.URI> graphql;
    private final List<Customer> customers;
    private final String support;
    private final List<String> symptoms;
    private final Random random;
    private final long pauseMillis;
    private final List<Ack> ledger = new CopyOnWriteArrayList<>();
    /** Reports by their writer's token: tags go on one's own reports (others' are rate-limited per hour). */
    private final Map<String, List<String>> reports = new ConcurrentHashMap<>();
    private final List<String> solutions = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private Map<String, Latencies> latencies = new TreeMap<>();

    MixedLoad(Supplier<java.net.URI> graphql, List<Customer> customers, String support, List<String> symptoms, long seed, long pauseMillis) {
        this.graphql = graphql;
        this.customers = customers;
        this.support = support;
        this.symptoms = symptoms;
        this.random = new Random(seed);
        this.pauseMillis = pauseMillis;
    }

    /** Each of {@code workers} threads sends a request, waits for its answer, pauses, and so on. */
    void start(int workers) {
        running.set(true);
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().name("load-" + w).daemon().start(this::loop));
        }
    }

    /** {@code workers} threads holding {@code perSecond} requests a second between them, each on its own schedule. */
    void start(int workers, double perSecond) {
        running.set(true);
        long interval = (long) (workers * 1e9 / perSecond);
        long origin = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            long first = origin + w * interval / workers;
            threads.add(Thread.ofPlatform().name("load-" + w).daemon().start(() -> paced(first, interval)));
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        threads.clear();
    }

    List<Ack> ledger() {
        return List.copyOf(ledger);
    }

    /** Counts of outcomes by name ("write ok", "write failed: UNAVAILABLE", "search degraded" …). */
    Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    void resetOutcomes() {
        outcomes.clear();
    }

    /** Latencies per operation since the last call (milliseconds from each request's moment to its answer). */
    synchronized Map<String, Latencies> drainLatencies() {
        Map<String, Latencies> drained = latencies;
        latencies = new TreeMap<>();
        return drained;
    }

    private synchronized void record(String operation, long intended) {
        latencies.computeIfAbsent(operation, k -> new Latencies()).add(System.nanoTime() - intended);
    }

    private void loop() {
        while (running.get()) {
            try {
                step(System.nanoTime());
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void paced(long first, long interval) {
        for (long moment = first; running.get(); moment += interval) {
            try {
                long wait = moment - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                step(moment);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void step(long intended) throws InterruptedException {
        int dice;
        Customer customer;
        String symptom;
        synchronized (random) {
            dice = random.nextInt(100);
            customer = customers.get(random.nextInt(customers.size()));
            symptom = symptoms.get(random.nextInt(symptoms.size()));
        }
        if (dice < 25) {
            write("report", customer, "mutation($i: ReportSymptomInput!) { reportSymptom(input: $i) { id } }",
                    Map.of("i", Map.of("configuration", customer.configuration(), "symptoms", List.of(symptom),
                            "title", "fault load case " + System.nanoTime())), "reportSymptom", null, intended);
        } else if (dice < 35) {
            write("solution", customer, "mutation($i: ProposeSolutionInput!) { proposeSolution(input: $i) { id } }",
                    Map.of("i", Map.of("symptoms", List.of(symptom), "title", "fault load fix " + System.nanoTime())),
                    "proposeSolution", null, intended);
        } else if (dice < 50 && !solutions.isEmpty()) {
            write("confirmation", customer, "mutation($i: ConfirmSolutionInput!) { confirmSolution(input: $i) { id } }",
                    Map.of("i", Map.of("solution", pick(solutions), "configuration", customer.configuration(), "worked", dice % 2 == 0)),
                    "confirmSolution", null, intended);
        } else if (dice < 65 && !reports.getOrDefault(customer.token(), List.of()).isEmpty()) {
            String report = pick(reports.get(customer.token()));
            String label = "fault-tag-" + (dice % 5);
            write("tag", customer, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id } }",
                    Map.of("t", report, "l", label), "tag", label + "@" + report, intended);
        } else if (dice < 85) {
            read("search", support, "query($q: String) { searchCases(query: $q, first: 10) { degraded cases { edges { node { report { id } } } } } }",
                    Map.of("q", "fault load"), intended);
        } else {
            read("peers", customer.token(), "query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s, first: 10) { reports { edges { node { id } } } } }",
                    Map.of("c", customer.configuration(), "s", symptom), intended);
        }
    }

    private String pick(List<String> from) {
        synchronized (random) {
            return from.get(random.nextInt(from.size()));
        }
    }

    private void write(String kind, Customer customer, String query, Map<String, Object> variables, String field, String label,
                       long intended) throws InterruptedException {
        JsonNode body = post(customer.token(), query, variables);
        record(kind, intended);
        String id = body == null ? "" : body.path("data").path(field).path("id").asText("");
        if (id.isEmpty()) {
            count("write failed: " + failure(body));
            return;
        }
        count("write ok");
        if (kind.equals("tag")) {
            ledger.add(new Ack(kind, label.substring(label.indexOf('@') + 1), customer.token(), label.substring(0, label.indexOf('@'))));
        } else {
            ledger.add(new Ack(kind, id, customer.token(), null));
        }
        if (kind.equals("report")) {
            reports.computeIfAbsent(customer.token(), k -> new CopyOnWriteArrayList<>()).add(id);
        } else if (kind.equals("solution")) {
            solutions.add(id);
        }
    }

    private void read(String kind, String token, String query, Map<String, Object> variables, long intended)
            throws InterruptedException {
        JsonNode body = post(token, query, variables);
        record(kind, intended);
        if (body == null || body.path("data").isMissingNode() || body.path("data").isNull() || body.has("errors")) {
            count(kind + " failed: " + failure(body));
        } else if (body.path("data").path("searchCases").path("degraded").asBoolean(false)) {
            count(kind + " degraded (graph fallback)");
        } else {
            count(kind + " ok");
        }
    }

    private static String failure(JsonNode body) {
        if (body == null) {
            return "no answer (connection)";
        }
        JsonNode code = body.path("errors").path(0).path("extensions").path("code");
        return code.isMissingNode() ? "HTTP " + body.path("httpStatus").asText("error") : code.asText();
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    /** The response body, or null when no answer arrived (refused, reset, timed out). */
    JsonNode post(String token, String query, Map<String, Object> variables) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(graphql.get()).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && !response.body().startsWith("{")) { // not GraphQL's answer (503 while starting …)
                return JSON.createObjectNode().put("httpStatus", response.statusCode());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** How many of the writes acknowledged so far are in the store (all of them, unless one was lost). */
    int foundInLedger() throws InterruptedException {
        int found = 0;
        for (Ack ack : ledger()) {
            found += found(ack) ? 1 : 0;
        }
        return found;
    }

    /** Whether an acknowledged write is in the store, asked through the service as its writer. */
    boolean found(Ack ack) throws InterruptedException {
        if (ack.kind().equals("tag")) {
            JsonNode body = post(ack.token(), "query($id: ID!) { report(id: $id) { tags { label normalized } } }", Map.of("id", ack.id()));
            JsonNode tags = body == null ? null : body.path("data").path("report").path("tags");
            return tags != null && (tags.findValuesAsText("label").contains(ack.label()) || tags.findValuesAsText("normalized").contains(ack.label()));
        }
        if (ack.kind().equals("confirmation")) { // not a node(id:) type: the writer's own list (newest 100) holds it
            JsonNode body = post(ack.token(), "{ me { confirmations(first: 100) { id } } }", Map.of());
            return body != null && body.path("data").path("me").path("confirmations").findValuesAsText("id").contains(ack.id());
        }
        JsonNode body = post(ack.token(), "query($id: ID!) { node(id: $id) { id } }", Map.of("id", ack.id()));
        return body != null && ack.id().equals(body.path("data").path("node").path("id").asText());
    }
}
