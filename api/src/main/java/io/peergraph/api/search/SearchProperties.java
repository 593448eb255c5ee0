package io.peergraph.api.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Elasticsearch, under {@code peergraph.search.*}. With no {@code uri} the service runs a managed server under
 * {@code peergraph.data-dir/elasticsearch} with {@code heap}; with a {@code uri} it starts nothing and connects
 * there, with {@code apiKey} or {@code username}/{@code password} if given. {@code relayDelay}: the pause
 * between outbox relay turns (changes become searchable within about this plus one second).
 * {@code semanticModel}: the sentence-embedding model of the semantic signal, {@code none} (default),
 * {@code minilm} or {@code bge-small} (docs/search.md); changing it rebuilds the cases index behind its alias.
 * {@code embeddingQueue}: cases waiting to be embedded before the relay waits (back-pressure).
 * {@code maxRestarts}: how many crashes of the managed server within ten minutes its watchdog repairs before it gives
 * up (search then stays degraded until the service restarts).
 */
@ConfigurationProperties("peergraph.search")
public record SearchProperties(String uri, String username, String password, String apiKey,
                               @DefaultValue("512m") String heap,
                               @DefaultValue("500ms") Duration relayDelay,
                               @DefaultValue("none") String semanticModel,
                               @DefaultValue("2000") int embeddingQueue,
                               @DefaultValue("3") int maxRestarts) {

    public boolean managed() {
        return uri == null || uri.isBlank();
    }
}
