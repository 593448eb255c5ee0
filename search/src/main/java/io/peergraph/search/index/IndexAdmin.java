package io.peergraph.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Creates physical indices and moves aliases between them. */
public final class IndexAdmin {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final ElasticsearchClient client;
    private final Clock clock;

    public IndexAdmin(ElasticsearchClient client) {
        this(client, Clock.systemUTC());
    }

    IndexAdmin(ElasticsearchClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public boolean aliasExists(SearchIndex index) throws IOException {
        return client.indices().existsAlias(a -> a.name(index.alias())).value();
    }

    /** The physical indices the alias points at (normally one). */
    public Set<String> aliasTargets(SearchIndex index) throws IOException {
        if (!aliasExists(index)) {
            return Set.of();
        }
        return client.indices().getAlias(a -> a.name(index.alias())).result().keySet();
    }

    /** Whether the alias exists and points only at indices of the current mapping version. */
    public boolean holdsCurrentMapping(SearchIndex index) throws IOException {
        Set<String> targets = aliasTargets(index);
        return !targets.isEmpty() && targets.stream().allMatch(t -> t.startsWith(index.versionedPrefix() + "-"));
    }

    /** A new, empty physical index with the current mapping; not yet behind the alias. */
    public String createPhysical(SearchIndex index) throws IOException {
        String name = index.versionedPrefix() + "-" + SUFFIX.format(clock.instant());
        try (InputStream definition = index.definition()) {
            client.indices().create(c -> c.index(name).withJson(definition));
        }
        client.cluster().health(h -> h.index(name).waitForStatus(co.elastic.clients.elasticsearch._types.HealthStatus.Yellow));
        return name;
    }

    /** Points the alias at {@code target} only, in one atomic request; returns the indices it left. */
    public Set<String> pointAlias(SearchIndex index, String target) throws IOException {
        Set<String> previous = aliasTargets(index);
        List<Action> actions = new ArrayList<>();
        previous.stream().filter(p -> !p.equals(target))
                .forEach(p -> actions.add(Action.of(a -> a.remove(r -> r.index(p).alias(index.alias())))));
        actions.add(Action.of(a -> a.add(r -> r.index(target).alias(index.alias()).isWriteIndex(true))));
        client.indices().updateAliases(u -> u.actions(actions));
        return previous.stream().filter(p -> !p.equals(target)).collect(java.util.stream.Collectors.toSet());
    }

    public void delete(String physicalIndex) throws IOException {
        client.indices().delete(d -> d.index(physicalIndex).ignoreUnavailable(true));
    }

    /** Makes everything indexed so far visible to search (tests and verify; the server does it every second). */
    public void refresh(SearchIndex index) throws IOException {
        client.indices().refresh(r -> r.index(index.alias()));
    }
}
