package io.peergraph.api.benchmark;

import io.peergraph.api.peers.Pseudonyms;
import io.peergraph.graph.measurement.BenchmarkNoise;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of benchmark noise of this service: benchmark answers and the measurement-anomaly notification
 * draw from it, so a notification reads the same released statistics an answer about the same cohort carries.
 */
@Configuration(proxyBeanMethods = false)
public class BenchmarkNoiseConfiguration {

    @Bean
    BenchmarkNoise benchmarkNoise(Pseudonyms secret, @Value("${peergraph.privacy.benchmark-epsilon:0.5}") double epsilon,
                                  @Value("${peergraph.privacy.release-epoch:P1D}") Duration epoch) {
        return new BenchmarkNoise(secret.derivedKey("benchmark-noise"), epsilon, epoch);
    }
}
