package io.peergraph.api;

import io.peergraph.api.config.PeergraphProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Peergraph service: GraphQL over HTTP and WebSocket on the graph. Started by {@code ./peergraph run}. */
@SpringBootApplication
@EnableConfigurationProperties(PeergraphProperties.class)
public class PeergraphApplication {

    public static void main(String[] args) {
        SpringApplication.run(PeergraphApplication.class, args);
    }
}
