package io.peergraph.graph.facet;

import io.peergraph.graph.similarpeers.ItemFamily;
import io.peergraph.graph.stuff.ConfigItem;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.neo4j.driver.Value;

/**
 * How another item of its kind relates to an item of mine: the one rule of both peer questions, peersWithSymptom
 * ({@code PeerMatch}, and the concept terms of its signatures) and similarPeers. Nearest first:
 * <ol>
 *   <li>{@link Level#EXACT}: the item itself;</li>
 *   <li>{@link Level#SAME_CONCEPT}: an item classified under a concept mine is classified under (a pci.ids device
 *       concept, a generated family such as "NVIDIA 440", two families a moderator merged);</li>
 *   <li>{@link Level#BROADER_CONCEPT}: an item related through a broader concept, at most {@link #CONCEPT_DEPTH} up from
 *       each side: theirs under mine, mine under theirs, or both under one ("kernel 5.4" and "kernel 5.8" under
 *       "kernel 5", a family a moderator linked under another);</li>
 *   <li>{@link Level#FAMILY}: else the family the kind's declared rule gives both ({@link FamilyRule}).</li>
 * </ol>
 * A concept only adds relatives to the rule's: two drivers of different majors a moderator merged are alike, two GPUs
 * of one generation stay alike whatever their concepts. So a moderator's merge or broader link between item concepts
 * changes both answers at once. Among concepts at one distance the smallest IRI names the relation.
 */
public record ItemRelation(Level level, int distance, String family, String conceptIri) {

    /** How near, nearest first (the order of the enum). */
    public enum Level { EXACT, SAME_CONCEPT, BROADER_CONCEPT, FAMILY }

    /**
     * How far up the taxonomy an item's concepts reach from the concept it is classified as: that concept and its
     * broader ones within this many levels. One: a scheme's top classes ("display controller") would otherwise make
     * every GPU a relative of every other.
     */
    public static final int CONCEPT_DEPTH = 1;

    /** A concept an item is classified under ({@code depth} 0) or one broader than that (up to {@link #CONCEPT_DEPTH}). */
    public record ItemConcept(String id, String iri, String label, int depth) {}

    /** Whether the relation comes from the taxonomy (a concept both items are under), not from the kind's rule. */
    public boolean viaConcept() {
        return conceptIri != null;
    }

    /**
     * Cypher: the concepts of the item {@code item} (a variable), as a list of maps with {@code id}, {@code iri},
     * {@code label} and {@code depth}: what {@link #concepts(Value)} reads.
     */
    public static String concepts(String item) {
        return """
                [p = (%s)-[:CLASSIFIED_AS]->(:Concept)-[:BROADER*0..%d]->(c:Concept)
                 | c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel, c.iri), depth: length(p) - 1}]""".formatted(item, CONCEPT_DEPTH);
    }

    /**
     * Cypher: the other items of the kind of {@code item} that share a concept with it as this rule counts one (within
     * {@link #CONCEPT_DEPTH} up from each), as a pattern ending in {@code relative}; every item that {@link #of} could
     * relate by a concept, and no other.
     */
    public static String byConcept(String item, String relative) {
        return "(%1$s)-[:CLASSIFIED_AS]->(:Concept)-[:BROADER*0..%3$d]->(:Concept)<-[:BROADER*0..%3$d]-(:Concept)<-[:CLASSIFIED_AS]-(%2$s:ConfigItem)"
                .formatted(item, relative, CONCEPT_DEPTH);
    }

    /** Reads a list written by {@link #concepts(String)}. */
    public static List<ItemConcept> concepts(Value list) {
        return list.isNull() ? List.of() : list.asList(c -> new ItemConcept(c.get("id").asString(), c.get("iri").asString(),
                c.get("label").asString(), c.get("depth").asInt()));
    }

    /** Nearest first: by level, then distance, then the concept's IRI. */
    public static final Comparator<ItemRelation> NEAREST = Comparator.comparing(ItemRelation::level)
            .thenComparingInt(ItemRelation::distance)
            .thenComparing(ItemRelation::conceptIri, Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * How {@code theirs} relates to {@code mine} (each with the concepts {@link #concepts(String)} reads for it); empty
     * when not at all (another kind, nothing shared).
     */
    public static Optional<ItemRelation> of(ItemFacets facets, ConfigItem mine, List<ItemConcept> mineConcepts, ConfigItem theirs,
                                            List<ItemConcept> theirConcepts) {
        if (!mine.kind().equals(theirs.kind())) {
            return Optional.empty();
        }
        if (mine.id().equals(theirs.id())) {
            return Optional.of(new ItemRelation(Level.EXACT, 0, null, null));
        }
        ItemRelation nearest = null;
        for (ItemConcept t : theirConcepts) {
            for (ItemConcept m : mineConcepts) {
                if (m.id().equals(t.id())) {
                    int distance = m.depth() + t.depth();
                    ItemRelation r = new ItemRelation(distance == 0 ? Level.SAME_CONCEPT : Level.BROADER_CONCEPT, distance, m.label(), m.iri());
                    if (nearest == null || NEAREST.compare(r, nearest) < 0) {
                        nearest = r;
                    }
                }
            }
        }
        if (nearest != null) {
            return Optional.of(nearest);
        }
        Optional<ItemFamily> family = facets.family(mine.kind(), mine.value());
        return family.filter(f -> family.equals(facets.family(theirs.kind(), theirs.value())))
                .map(f -> new ItemRelation(Level.FAMILY, 0, f.key(), null));
    }
}
