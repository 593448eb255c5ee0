package io.peergraph.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    MixedLoad(Supplier<java.net.URI> graphql, List<Customer> customers, String support, List<String> symptoms, long seed, long pauseMillis) {
        this.graphql = graphql;
        this.customers = customers;
        this.support = support;
        this.symptoms = symptoms;
        this.random = new Random(seed);
        this.pauseMillis = pauseMillis;
    }

    void start(int workers) {
        running.set(true);
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().name("load-" + w).daemon().start(this::loop));
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
        Map<String, Long> copy = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    void resetOutcomes() {
        outcomes.clear();
    }

    private void loop() {
        while (running.get()) {
            try {
                step();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void step() throws InterruptedException {
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
                            "title", "fault load case " + System.nanoTime())), "reportSymptom", null);
        } else if (dice < 35) {
            write("solution", customer, "mutation($i: ProposeSolutionInput!) { proposeSolution(input: $i) { id } }",
                    Map.of("i", Map.of("symptoms", List.of(symptom), "title", "fault load fix " + System.nanoTime())),
                    "proposeSolution", null);
        } else if (dice < 50 && !solutions.isEmpty()) {
            write("confirmation", customer, "mutation($i: ConfirmSolutionInput!) { confirmSolution(input: $i) { id } }",
                    Map.of("i", Map.of("solution", pick(solutions), "configuration", customer.configuration(), "worked", dice % 2 == 0)),
                    "confirmSolution", null);
        } else if (dice < 65 && !reports.getOrDefault(customer.token(), List.of()).isEmpty()) {
            String report = pick(reports.get(customer.token()));
            String label = "fault-tag-" + (dice % 5);
            write("tag", customer, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id } }",
                    Map.of("t", report, "l", label), "tag", label + "@" + report);
        } else if (dice < 85) {
            read("search", support, "query($q: String) { searchCases(query: $q, first: 10) { degraded cases { edges { node { report { id } } } } } }",
                    Map.of("q", "fault load"));
        } else {
            read("peers", customer.token(), "query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s, first: 10) { reports { edges { node { id } } } } }",
                    Map.of("c", customer.configuration(), "s", symptom));
        }
    }

    private String pick(List<String> from) {
        synchronized (random) {
            return from.get(random.nextInt(from.size()));
        }
    }

    private void write(String kind, Customer customer, String query, Map<String, Object> variables, String field, String label)
            throws InterruptedException {
        JsonNode body = post(customer.token(), query, variables);
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

    private void read(String kind, String token, String query, Map<String, Object> variables) throws InterruptedException {
        JsonNode body = post(token, query, variables);
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
        return code.isMissingNode() ? "HTTP error" : code.asText();
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
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
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
