package io.peergraph.api.similarpeers;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.peers.Peer;
import io.peergraph.api.peers.Pseudonyms;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.similarpeers.PartialMatch;
import io.peergraph.graph.similarpeers.SimilarConfiguration;
import io.peergraph.graph.similarpeers.SimilarPeersQuery;
import io.peergraph.graph.stuff.ConfigItem;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * "People like me." The ranking is exact, so a later page is the same ranking read further: page n asks for
 * the top (offset + size + 1). Owner and configuration ids never leave this class: peers get per-viewer pseudonyms.
 */
@Controller
public class SimilarPeersController {

    /** Deeper than this, "similar" has stopped meaning much and the cost keeps growing. */
    static final int MAX_DEPTH = 1000;
    static final int MAX_KINDS = 20;

    public record SimilarPeersFilter(List<String> kinds, Double minSimilarity) {}

    /** One answer row with the viewer it is for. */
    public record SimilarPeer(String viewerId, SimilarConfiguration match) {}

    private final CallerResolver callers;
    private final Ownership ownership;
    private final ConfigurationStore configurations;
    private final SimilarPeersQuery query;
    private final Pseudonyms pseudonyms;
    private final Paging paging;

    public SimilarPeersController(CallerResolver callers, Ownership ownership, ConfigurationStore configurations,
                                  SimilarPeersQuery query, Pseudonyms pseudonyms, Paging paging) {
        this.callers = callers;
        this.ownership = ownership;
        this.configurations = configurations;
        this.query = query;
        this.pseudonyms = pseudonyms;
        this.paging = paging;
    }

    @QueryMapping
    public Window<SimilarPeer> similarPeers(@Argument String configuration, @Argument Integer first, @Argument String after,
                                            @Argument SimilarPeersFilter filter, @Argument SimilarPeersQuery.Mode mode) {
        Caller caller = callers.current();
        Inputs.id("configuration", configuration, PublicId.CONFIGURATION);
        int size = paging.size(first);
        int offset = paging.offset(after);
        if (offset + size > MAX_DEPTH) {
            throw new ApiException.BadUserInput("after", "similar peers go at most " + MAX_DEPTH + " deep");
        }
        List<String> kinds = kinds(filter);
        if (!ownership.of(caller, configuration, "configuration").canRead()) {
            throw new ApiException.Forbidden("Ask about your own configurations.");
        }
        String ownerId = configurations.byId(configuration).orElseThrow(() -> new ApiException.NotFound("configuration", configuration)).ownerId();
        List<SimilarConfiguration> ranked = query.run(new SimilarPeersQuery.Question(
                configuration, Set.copyOf(List.of(caller.customerId(), ownerId)), kinds, offset + size + 1,
                mode == null ? SimilarPeersQuery.Mode.EXACT : mode));
        List<SimilarPeer> page = ranked.stream().skip(offset)
                .filter(m -> filter == null || filter.minSimilarity() == null || m.similarity() >= filter.minSimilarity())
                .map(m -> new SimilarPeer(caller.customerId(), m)).toList();
        return paging.offsetWindow(page.subList(0, Math.min(size, page.size())), offset, page.size() > size);
    }

    @SchemaMapping(typeName = "SimilarPeer")
    public Peer peer(SimilarPeer p) {
        return new Peer(pseudonyms.of(p.viewerId(), p.match().ownerId()));
    }

    @SchemaMapping(typeName = "SimilarPeer")
    public String configuration(SimilarPeer p) {
        return pseudonyms.of(p.viewerId(), "configuration|" + p.match().configurationId());
    }

    @SchemaMapping(typeName = "SimilarPeer")
    public double similarity(SimilarPeer p) {
        return p.match().similarity();
    }

    @SchemaMapping(typeName = "SimilarPeer")
    public List<ConfigItem> sharedItems(SimilarPeer p) {
        return p.match().shared();
    }

    @SchemaMapping(typeName = "SimilarPeer")
    public List<PartialMatch> partialMatches(SimilarPeer p) {
        return p.match().partial();
    }

    @SchemaMapping(typeName = "SimilarPeer")
    public List<ConfigItem> onlyMine(SimilarPeer p) {
        return p.match().onlyMine();
    }

    @SchemaMapping(typeName = "SimilarPeer")
    public List<ConfigItem> onlyTheirs(SimilarPeer p) {
        return p.match().onlyTheirs();
    }

    private static List<String> kinds(SimilarPeersFilter filter) {
        if (filter == null || filter.kinds() == null) {
            return null;
        }
        if (filter.kinds().isEmpty() || filter.kinds().size() > MAX_KINDS) {
            throw new ApiException.BadUserInput("filter.kinds", "give 1–" + MAX_KINDS + " kinds, or leave it out");
        }
        List<String> kinds = new ArrayList<>();
        for (String kind : filter.kinds()) {
            // Any kind a domain's taxonomy declares (gpu, stage, ...) or items carry: only the name's form is checked.
            switch (ConfigItemValue.parse(kind, "x")) {
                case ConfigItemValue.Result.Accepted a -> kinds.add(a.item().kind());
                case ConfigItemValue.Result.Rejected r -> throw new ApiException.BadUserInput("filter.kinds", "'" + kind + "': " + r.reason());
            }
        }
        return kinds;
    }
}
