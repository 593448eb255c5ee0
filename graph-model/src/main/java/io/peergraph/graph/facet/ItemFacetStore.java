package io.peergraph.graph.facet;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.peers.SignatureResign;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The declared item kinds in the graph: {@code (:ItemKind {kind, domain, cohortRank?, familyRule?, valueScheme?})},
 * one per kind (unique constraint {@code item_kind_kind}, migration 20), written when a configuration-facets scheme is
 * loaded (ontology-seeds {@code ItemFacetLoader}) and read by similar peers and benchmarks. A few nodes: read whole.
 */
public final class ItemFacetStore {

    private static final String READ = """
            MATCH (k:ItemKind)
            RETURN k.kind AS kind, k.domain AS domain, k.cohortRank AS cohortRank, k.familyRule AS familyRule,
                   k.valueScheme AS valueScheme
            ORDER BY kind
            """;

    // A kind the domain no longer declares is forgotten; a kind another domain declared moves to this one.
    private static final String REPLACE = """
            OPTIONAL MATCH (old:ItemKind {domain: $domain}) WHERE NOT old.kind IN [x IN $kinds | x.kind]
            DELETE old
            WITH count(*) AS removed
            UNWIND $kinds AS x
            MERGE (k:ItemKind {kind: x.kind})
            SET k.domain = $domain, k.cohortRank = x.cohortRank, k.familyRule = x.familyRule, k.valueScheme = x.valueScheme
            """;

    // A kind whose family rule changes (kernel: version-major to version-series) loses its items' links to the generated
    // concepts of the old rule, so classification puts them into the new rule's families. The old concepts stay (a
    // moderator's labels and links on them with them); the new rule's may reuse them (a series' major).
    private static final String UNLINK_OLD_FAMILIES = """
            UNWIND $kinds AS x
            MATCH (k:ItemKind {kind: x.kind}) WHERE k.familyRule IS NOT NULL AND k.familyRule <> coalesce(x.familyRule, '')
            MATCH (c:Concept {familyOf: x.kind})<-[r:CLASSIFIED_AS]-(i:ConfigItem)
            WHERE c.origin = 'GENERATED'
            DELETE r
            RETURN collect(DISTINCT i.id) AS ids
            """;

    private ItemFacetStore() {}

    /** The declared kinds; where the PC facets were never loaded, {@link ItemFacets#BUILT_IN}'s kinds stand in for them. */
    public static ItemFacets read(Neo4jClient client) {
        return withBuiltIn(client.query(READ).fetchAs(ItemKind.class).mappedBy((t, r) -> kind(r)).all().stream().toList());
    }

    /** The same, inside a transaction or session of the driver. */
    public static ItemFacets read(SimpleQueryRunner tx) {
        return withBuiltIn(tx.run(READ).list(ItemFacetStore::kind));
    }

    // A store holding only another domain's facets (seeds off, or loaded before the PC seed) still answers PC questions.
    private static ItemFacets withBuiltIn(List<ItemKind> declared) {
        if (declared.isEmpty()) {
            return ItemFacets.BUILT_IN;
        }
        if (declared.stream().anyMatch(k -> k.domain().equals(ItemFacets.PC_DOMAIN))) {
            return new ItemFacets(declared);
        }
        Set<String> taken = declared.stream().map(ItemKind::kind).collect(Collectors.toSet());
        return new ItemFacets(Stream.concat(declared.stream(), ItemFacets.BUILT_IN.kinds().stream().filter(k -> !taken.contains(k.kind()))).toList());
    }

    /**
     * Makes each domain's kinds those of {@code kindsByDomain} (domain: a facet scheme IRI), marks {@code symptomSchemes}
     * and classifies the items and symptoms they now cover, in one transaction; returns how many items were classified.
     * The one writer of the kinds: every {@link DeclaredKinds} copy is forgotten once it has committed.
     */
    public static int declare(GraphConnection graph, Map<String, List<ItemKind>> kindsByDomain, Collection<String> symptomSchemes) {
        try {
            return graph.write(tx -> {
                Set<String> changed = new LinkedHashSet<>();
                kindsByDomain.forEach((domain, kinds) -> changed.addAll(replace(tx, domain, kinds)));
                SymptomSchemes.mark(tx, symptomSchemes);
                // Items that had reports before they had a concept (an upgrade's first start), or whose family rule
                // changed, carry a stale signature.
                List<String> classified = ItemClassification.classifyAll(tx);
                changed.addAll(classified);
                SignatureResign.ofItems(tx, List.copyOf(changed), "items classified on a domain load");
                return classified.size();
            });
        } finally {
            DeclaredKinds.written();
        }
    }

    /**
     * Makes {@code kinds} the kinds of {@code domain} (a facet scheme IRI); returns the ids of the items unlinked from the
     * generated families of a rule that changed.
     */
    private static List<String> replace(SimpleQueryRunner tx, String domain, List<ItemKind> kinds) {
        List<Map<String, Object>> rows = kinds.stream().map(k -> {
            Map<String, Object> row = new HashMap<>();
            row.put("kind", k.kind());
            row.put("cohortRank", k.cohortRank());
            row.put("familyRule", k.rule().map(FamilyRule::notation).orElse(null));
            row.put("valueScheme", k.valueScheme());
            return row;
        }).toList();
        List<String> unlinked = tx.run(UNLINK_OLD_FAMILIES, Map.of("kinds", rows)).single().get("ids").asList(org.neo4j.driver.Value::asString);
        tx.run(REPLACE, Map.of("domain", domain, "kinds", rows)).consume();
        return unlinked;
    }

    private static ItemKind kind(Record r) {
        return new ItemKind(r.get("kind").asString(), r.get("domain").asString(),
                r.get("cohortRank").isNull() ? null : r.get("cohortRank").asInt(),
                r.get("familyRule").isNull() ? null : FamilyRule.parse(r.get("familyRule").asString()),
                r.get("valueScheme").asString(null));
    }
}
