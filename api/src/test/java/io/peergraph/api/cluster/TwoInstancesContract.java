package io.peergraph.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import io.peergraph.api.notification.GraphQlWebSocket;
import io.peergraph.api.security.LocalSigningKey;
import io.peergraph.api.security.Role;
import io.peergraph.api.security.TokenMinter;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Two Peergraph instances, each a process with a data folder of its own, sharing one external Neo4j and one external
 * Elasticsearch and the secrets that must be shared (the token signing key and the pseudonym secret, copied into both
 * data folders as a secret store would mount them). What one instance acknowledges, the other answers; a notification
 * is written once whichever instance relays it and pushed by the instance its subscriber is connected to; SIGKILL of
 * one loses nothing it acknowledged; a wrong address or password stops the start with a message that says so.
 * Subclasses say where the servers come from (processes of this machine, or containers where Docker exists).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoInstancesContract {

    private static final String CONFIGURE = "mutation($input: CreateConfigurationInput!) { createConfiguration(input: $input) { id } }";
    private static final String REPORT = "mutation($input: ReportSymptomInput!) { reportSymptom(input: $input) { id title } }";
    private static final String PROPOSE = "mutation($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }";
    private static final String PEERS = """
            query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s, first: 50) {
              peerCount reports { edges { node { id title peer { pseudonym } } } } } }""";

    private Path dir;
    private ExternalServers servers;
    private Driver driver;
    private ServiceInstance a;
    private ServiceInstance b;
    private TokenMinter minter;
    private final String u = UUID.randomUUID().toString().substring(0, 8);

    /** The shared servers, started (or reached) for this class. */
    abstract ExternalServers servers(Path dir) throws Exception;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "two-instances", getClass().getSimpleName() + "-" + u).toAbsolutePath());
        servers = servers(dir.resolve("servers"));
        Path aData = dir.resolve("a");
        Path bData = dir.resolve("b");
        RSAKey key = sharedSecrets(aData, bData);
        minter = new TokenMinter(key, "peergraph-local", "peergraph", "roles");
        driver = GraphDatabase.driver(servers.boltUri(), AuthTokens.basic(servers.neo4jUsername(), servers.neo4jPassword()));
        a = ServiceInstance.start("instance-a", aData, servers, Map.of());
        // One instance migrates the schema of a new store, then the others start (docs/deployment.md, "Rolling out").
        a.process().await("done migrating the schema", ServiceInstance.START_PATIENCE, () -> schemaVersion() == SchemaMigrations.latestVersion());
        b = ServiceInstance.start("instance-b", bData, servers, Map.of());
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    void stop() {
        Stream.of(a, b).filter(java.util.Objects::nonNull).forEach(ServiceInstance::close);
        if (driver != null) {
            driver.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void aWriteAcknowledgedByOneInstanceIsAnsweredByTheOtherAtOnceUnderTheSamePseudonym() throws Exception {
        Symptom symptom = symptom("shared");
        String alice = token("alice");
        String bob = token("bob");
        String alicesConfiguration = configuration(a, alice);
        String reportId = a.data(alice, REPORT, Map.of("input", Map.of("configuration", alicesConfiguration,
                "symptoms", List.of(symptom.id()), "title", "Crackles on A " + u))).path("reportSymptom").path("id").asText();

        String bobsConfiguration = configuration(b, bob);
        // No wait: the question on B brings B's in-memory similarity index up to the outbox itself.
        JsonNode onB = b.data(bob, PEERS, Map.of("c", bobsConfiguration, "s", symptom.id())).path("peersWithSymptom");
        assertThat(onB.path("reports").path("edges").findValuesAsText("id")).as("B answers with what A acknowledged").contains(reportId);
        JsonNode onA = a.data(bob, PEERS, Map.of("c", bobsConfiguration, "s", symptom.id())).path("peersWithSymptom");
        assertThat(onA.path("reports").path("edges").findValuesAsText("pseudonym"))
                .as("one pseudonym secret: bob sees alice under one pseudonym, whichever instance answers")
                .isEqualTo(onB.path("reports").path("edges").findValuesAsText("pseudonym"))
                .allSatisfy(pseudonym -> assertThat(pseudonym).startsWith("peer-"));
    }

    @Test
    @Order(2)
    void aNotificationReachesASubscriberOfTheOtherInstanceExactlyOnce() throws Exception {
        Symptom symptom = symptom("notified");
        String carol = token("carol");
        String dave = token("dave");
        a.data(carol, REPORT, Map.of("input", Map.of("configuration", configuration(a, carol), "symptoms", List.of(symptom.id()),
                "title", "Carol's open case " + u)));
        try (GraphQlWebSocket socket = new GraphQlWebSocket(b.webSocket())) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + carol)));
            assertThat(socket.next().path("type").asText()).isEqualTo("connection_ack");
            socket.send(Map.of("id", "1", "type", "subscribe", "payload",
                    Map.of("query", "subscription { notifications { id kind title } }")));
            // The subscription registers asynchronously: probe with solutions proposed on A until one is pushed on B.
            JsonNode pushed = null;
            for (int probe = 0; probe < 60 && pushed == null; probe++) {
                a.data(dave, PROPOSE, Map.of("input", Map.of("symptoms", List.of(symptom.id()), "title", "Probe " + probe + " " + u)));
                pushed = socket.next(Duration.ofSeconds(5));
            }
            assertThat(pushed).as("no push reached the subscriber on B").isNotNull();

            String title = "The fix " + u;
            a.data(dave, PROPOSE, Map.of("input", Map.of("symptoms", List.of(symptom.id()), "title", title)));
            List<JsonNode> pushes = new ArrayList<>();
            Instant deadline = Instant.now().plus(GraphQlWebSocket.PATIENCE);
            while (pushes.stream().noneMatch(p -> title.equals(p.path("title").asText())) && Instant.now().isBefore(deadline)) {
                JsonNode next = socket.next(Duration.ofSeconds(1));
                if (next != null) {
                    assertThat(next.path("type").asText()).as("%s", next).isEqualTo("next");
                    pushes.add(next.path("payload").path("data").path("notifications"));
                }
            }
            // Both instances' relays have passed the event several times over by now (every 250 ms each).
            Thread.sleep(3_000);
            socket.received().forEach(next -> pushes.add(next.path("payload").path("data").path("notifications")));
            assertThat(pushes.stream().filter(p -> title.equals(p.path("title").asText())).count()).as("pushed once: %s", pushes).isEqualTo(1);
            assertThat(pushes.stream().map(p -> p.path("id").asText()).distinct().count()).as("no entry pushed twice").isEqualTo(pushes.size());
            for (ServiceInstance instance : List.of(a, b)) {
                JsonNode inbox = instance.data(carol, "{ notifications(first: 100) { edges { node { title kind } } } }", Map.of())
                        .path("notifications").path("edges");
                assertThat(inbox.findValuesAsText("title").stream().filter(title::equals).count())
                        .as("one inbox entry, read through %s", instance.name).isEqualTo(1);
            }
        }
    }

    @Test
    @Order(3)
    void theStartIsRefusedWithAClearMessageWhenNeo4jCannotBeReachedOrRefusesTheCredentials() throws Exception {
        int closedPort = LocalServers.freePort();
        try (ServiceInstance unreachable = ServiceInstance.start("unreachable", dir.resolve("unreachable"), servers,
                Map.of("PEERGRAPH_NEO4J_URI", "bolt://127.0.0.1:" + closedPort));
             ServiceInstance wrongPassword = ServiceInstance.start("wrong-password", dir.resolve("wrong-password"), servers,
                     Map.of("PEERGRAPH_NEO4J_PASSWORD", "not-" + servers.neo4jPassword()))) {
            assertThat(unreachable.process().exitCode(ServiceInstance.START_PATIENCE)).isNotZero();
            assertThat(unreachable.process().output()).contains("APPLICATION FAILED TO START")
                    .contains("Cannot reach Neo4j at bolt://127.0.0.1:" + closedPort);
            assertThat(wrongPassword.process().exitCode(ServiceInstance.START_PATIENCE)).isNotZero();
            assertThat(wrongPassword.process().output()).contains("APPLICATION FAILED TO START")
                    .contains("Neo4j at " + servers.boltUri() + " refused the credentials of user '" + servers.neo4jUsername() + "'")
                    .doesNotContain(servers.neo4jPassword());
        }
    }

    @Test
    @Order(4)
    void killingOneInstanceDuringWritesLosesNothingItAcknowledged() throws Exception {
        Symptom symptom = symptom("killed");
        String erin = token("erin");
        String configuration = configuration(a, erin);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().name("writes-to-a").start(() -> {
            for (int i = 0; !stop.get(); i++) {
                try {
                    JsonNode body = a.post(erin, REPORT, Map.of("input", Map.of("configuration", configuration,
                            "symptoms", List.of(symptom.id()), "title", "Write " + i + " " + u)));
                    String id = body.path("data").path("reportSymptom").path("id").asText("");
                    if (!id.isEmpty()) {
                        acknowledged.add(id);
                    }
                } catch (IOException | InterruptedException goneOrStopping) {
                    return; // the instance is gone: nothing more is acknowledged
                }
            }
        });
        while (acknowledged.size() < 10 && writer.isAlive()) {
            Thread.sleep(100);
        }
        a.kill(); // SIGKILL, with writes in flight
        stop.set(true);
        writer.join();
        assertThat(acknowledged).as("writes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(10);

        String support = minter.mint("support-" + u, List.of(Role.SUPPORT), Duration.ofHours(1));
        for (String id : acknowledged) {
            assertThat(b.data(erin, "query($id: ID!) { report(id: $id) { id } }", Map.of("id", id)).path("report").path("id").asText())
                    .as("acknowledged by A, read through B").isEqualTo(id);
        }
        // B's relay carries A's outbox on to the search index: the last acknowledged case becomes searchable.
        String last = acknowledged.getLast();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        List<String> found = List.of();
        while (!found.contains(last) && Instant.now().isBefore(deadline)) {
            JsonNode search = b.data(support, "query($f: CaseFilter) { searchCases(filter: $f, first: 100) { degraded cases { edges { node { report { id } } } } } }",
                    Map.of("f", Map.of("symptom", symptom.id()))).path("searchCases");
            found = search.path("degraded").asBoolean() ? List.of() : search.path("cases").path("edges").findValuesAsText("id");
            Thread.sleep(500);
        }
        assertThat(found).as("the search index (not the graph fallback) holds every acknowledged case").containsAll(acknowledged);

        a.restart(servers);
        a.awaitReady();
        assertThat(a.data(erin, "query($id: ID!) { report(id: $id) { id } }", Map.of("id", last)).path("report").path("id").asText())
                .isEqualTo(last);
    }

    private int schemaVersion() {
        try {
            return SchemaMigrations.appliedVersion(driver);
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    private String token(String who) {
        return minter.mint(who + "-" + u, List.of(Role.CUSTOMER), Duration.ofHours(1));
    }

    /** A symptom of this run, written straight into the shared graph (through graph-model's store). */
    private Symptom symptom(String name) {
        return new SymptomStore(Neo4jClient.create(driver)).findOrAdd("two-instances/" + name + "-" + u, name + " " + u, null);
    }

    /** A configuration of shared items, so that configurations made by different callers are peers. */
    private String configuration(ServiceInstance instance, String token) throws Exception {
        return instance.data(token, CONFIGURE, Map.of("input", Map.of("name", "rig", "items", List.of(
                Map.of("kind", "gpu", "value", "two-instances gpu " + u),
                Map.of("kind", "driver", "value", "two-instances driver " + u)))))
                .path("createConfiguration").path("id").asText();
    }

    /**
     * The secrets every instance must share, made once and put into each data folder (owner-only, as the service
     * keeps them): the key of the embedded token issuer and the pseudonym secret. Returns the signing key.
     */
    private static RSAKey sharedSecrets(Path... dataDirs) throws IOException {
        Path shared = Files.createDirectories(dataDirs[0].resolveSibling("shared-secrets"));
        Path security = shared.resolve("security");
        RSAKey key = LocalSigningKey.loadOrCreate(security);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(Files.createFile(security.resolve("pseudonym-secret"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))), HexFormat.of().formatHex(secret));
        for (Path dataDir : dataDirs) {
            Path target = Files.createDirectories(dataDir.resolve("security"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            for (String file : List.of("jwt-signing-key.json", "pseudonym-secret")) {
                Files.copy(security.resolve(file), target.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return key;
    }
}
