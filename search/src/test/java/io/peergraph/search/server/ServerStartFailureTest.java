package io.peergraph.search.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.testing.ScratchDirs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerStartFailureTest {

    private Path dataDir;

    @BeforeEach
    void createDataDir() {
        dataDir = ScratchDirs.create("peergraph-es-failure-");
    }

    @AfterEach
    void deleteDataDir() {
        ScratchDirs.delete(dataDir);
    }

    @Test
    void aServerThatCannotStartIsReportedWithTheEndOfItsLog() {
        ServerSettings impossibleHeap = ServerSettings.defaults(dataDir).withHeap("lots");

        assertThatThrownBy(() -> ElasticsearchServer.start(impossibleHeap))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("Invalid initial heap size: -Xmslots");
    }
}
