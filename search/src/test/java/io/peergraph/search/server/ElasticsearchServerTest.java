package io.peergraph.search.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import com.sun.security.auth.module.UnixSystem;
import io.peergraph.graph.testing.OtherLocalUser;
import io.peergraph.graph.testing.ScratchDirs;
import io.peergraph.search.cluster.SearchClientFactory;
import io.peergraph.search.cluster.SearchCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The life of one managed server, in order: started, crashed and restarted, stopped. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElasticsearchServerTest {

    private static Path dataDir;
    private static ElasticsearchServer server;

    @BeforeAll
    static void startServer() {
        dataDir = ScratchDirs.create("peergraph-es-lifecycle-");
        server = ElasticsearchServer.start(ServerSettings.defaults(dataDir).withHeap("256m"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
        ScratchDirs.delete(dataDir);
    }

    @Test
    @Order(1)
    void startedServerIsGreenOnLoopback() throws IOException {
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.isRunning()).isTrue();
        assertThat(health()).isEqualTo(HealthStatus.Green);
    }

    @Test
    @Order(2)
    void aClientWithoutThePasswordIsRefused() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest anonymous = HttpRequest.newBuilder(server.uri().resolve("/_search")).build();
            assertThat(http.send(anonymous, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
            HttpRequest guessing = HttpRequest.newBuilder(server.uri().resolve("/_search"))
                    .header("Authorization", new SearchCredentials.Basic("elastic", "changeme").authorization().orElseThrow())
                    .build();
            assertThat(http.send(guessing, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        }
        Path passwordFile = dataDir.resolve("elasticsearch.password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    }

    @Test
    @Order(2)
    void rootHandsTheServerToTheServiceUser() {
        assumeTrue(new UnixSystem().getUid() == 0, "only root needs the service user");
        String user = ProcessHandle.of(server.pid()).orElseThrow().info().user().orElseThrow();
        assertThat(user).isEqualTo(ProcessOwner.ServiceUser.NAME);
    }

    @Test
    @Order(2)
    void otherLocalUsersCannotEnterTheDataFolder() throws Exception {
        assumeTrue(OtherLocalUser.available(), "only root can act as another local user");
        assertThat(OtherLocalUser.run("ls", dataDir.toString())).isNotZero();
        assertThat(OtherLocalUser.run("cat", dataDir.resolve("elasticsearch.password").toString())).isNotZero();
        assertThat(OtherLocalUser.run("ls", dataDir.resolve("elasticsearch").toString())).isNotZero();
    }

    @Test
    @Order(3)
    void watchdogRestartsAServerKilledWithSigkill() {
        long crashedPid = server.pid();
        ProcessHandle.of(crashedPid).orElseThrow().destroyForcibly();

        // isRunning only once the new process was seen healthy by the watchdog, so its pid is known (the health
        // endpoint can answer before the watchdog has read the new pid: pid() is -1 until then).
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> server.restarts() == 1 && server.isRunning() && isHealthy());
        assertThat(server.pid()).isPositive().isNotEqualTo(crashedPid);
        assertThat(ProcessHandle.of(server.pid())).isPresent();
        assertThat(ProcessHandle.of(crashedPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    @Order(4)
    void closeStopsTheServerAndFreesItsPort() throws IOException {
        ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();

        server.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(server.isRunning()).isFalse();
        try (ServerSocket reuse = new ServerSocket(server.httpPort(), 1, InetAddress.getLoopbackAddress())) {
            assertThat(reuse.getLocalPort()).isEqualTo(server.httpPort());
        }
    }


    private static HealthStatus health() throws IOException {
        try (ElasticsearchClient client = SearchClientFactory.create(server.uri(), server.credentials())) {
            return client.cluster().health().status();
        }
    }

    private static boolean isHealthy() {
        try {
            return health() != HealthStatus.Red;
        } catch (IOException | RuntimeException stillStarting) {
            return false;
        }
    }
}
