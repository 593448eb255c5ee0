package io.peergraph.search.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ElasticsearchDistributionTest {

    @Test
    void theDistributionTheBuildUnpackedIsFoundAndRunnable() {
        ElasticsearchDistribution distribution = ElasticsearchDistribution.locate();

        assertThat(distribution.version()).matches("8\\.\\d+\\.\\d+");
        assertThat(Files.isExecutable(distribution.home().resolve("bin/elasticsearch")))
                .isTrue();
        assertThat(Files.isExecutable(distribution.home().resolve("bin/elasticsearch-cli")))
                .isTrue();
    }
}
