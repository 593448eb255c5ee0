package io.peergraph.graph.facet;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.similarpeers.ItemFamily;
import io.peergraph.graph.tag.TagLabel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Generated concepts for the families of item kinds that declare a family rule and no value scheme (driver major,
 * OS release, a domain's age band): each family value is one {@code :Concept} in a scheme of its own per kind
 * ({@code <domain>/families/<kind>}), and every item of the family is {@code CLASSIFIED_AS} it. So moderators can curate
 * them like any concept (merge "NVIDIA 435" into "NVIDIA 440", relabel, link a broader one), and peer matching,
 * which compares concepts, follows. Written where {@link ItemClassification} runs (import batches, the API's
 * configuration writes, a domain load), idempotently: a concept is made once, by IRI (constraint {@code concept_iri}),
 * and a moderator's labels or links on it are never written over. An item whose family concept was merged away is
 * classified as the survivor ({@code REPLACED_BY}).
 */
final class FamilyConcepts {

    // Origin GENERATED (beside SEED, MODERATOR, CUSTOMER): benchmark cohorts leave these concepts out (BenchmarkQuery).
    // One row per concept (concepts(rows)): a concept met on several rows of one statement could otherwise be seen as
    // just made on each of them when the plan reads every row's MERGE before the links (an Eager), and linked twice.
    // MERGE takes the constraint's lock, so two writers of one family make one concept; only the one that made it
    // links it into its scheme (a moderator may have moved it under a broader one since): as a top concept, or, for a
    // rule with two levels (version-series), under its broader family, made the same way first (inside FOREACH, so one
    // row's MERGE and links go together).
    static final String CONCEPTS = """
            UNWIND $rows AS row
            MERGE (s:ConceptScheme {iri: row.scheme})
              ON CREATE SET s.id = row.schemeId, s.origin = 'GENERATED', s.moderated = [], s.prefLabel_en = row.schemeLabel,
                            s.createdAt = datetime(), s.updatedAt = datetime()
            FOREACH (up IN CASE WHEN row.broader IS NULL THEN [] ELSE [row.broader] END |
              MERGE (b:Concept {iri: up.concept})
                ON CREATE SET b.id = up.conceptId, b.origin = 'GENERATED', b.familyOf = row.kind, b.prefLabel_en = up.label,
                              b.labelKeys = [up.labelKey], b.status = 'APPROVED', b.moderated = [], b.generating = true,
                              b.createdAt = datetime(), b.updatedAt = datetime()
              FOREACH (_ IN CASE WHEN b.generating THEN [1] ELSE [] END |
                CREATE (b)-[:IN_SCHEME]->(s)
                CREATE (b)-[:TOP_CONCEPT_OF]->(s)
                REMOVE b.generating))
            MERGE (c:Concept {iri: row.concept})
              ON CREATE SET c.id = row.conceptId, c.origin = 'GENERATED', c.familyOf = row.kind, c.prefLabel_en = row.label,
                            c.labelKeys = [row.labelKey], c.status = 'APPROVED', c.moderated = [], c.generating = true,
                            c.createdAt = datetime(), c.updatedAt = datetime()
            WITH row, s, c, coalesce(c.generating, false) AS made
            OPTIONAL MATCH (b:Concept {iri: row.broader.concept}) WHERE made
            FOREACH (_ IN CASE WHEN made THEN [1] ELSE [] END |
              CREATE (c)-[:IN_SCHEME]->(s)
              REMOVE c.generating)
            FOREACH (_ IN CASE WHEN made AND b IS NULL THEN [1] ELSE [] END | CREATE (c)-[:TOP_CONCEPT_OF]->(s))
            FOREACH (_ IN CASE WHEN made AND b IS NOT NULL THEN [1] ELSE [] END | CREATE (c)-[:BROADER {origin: 'GENERATED'}]->(b))
            RETURN collect(c.iri) AS ids
            """;

    // Each item into its family's concept (made by CONCEPTS first). A family merged away (DEPRECATED, REPLACED_BY)
    // classifies its new members as its survivor, as its old ones were.
    static final String CLASSIFY = """
            UNWIND $rows AS row
            MATCH (c:Concept {iri: row.concept})
            CALL (c) {
              OPTIONAL MATCH path = (c)-[:REPLACED_BY*1..5]->(r:Concept)
              WHERE c.status = 'DEPRECATED' AND coalesce(r.status, 'APPROVED') <> 'DEPRECATED'
              RETURN r ORDER BY length(path) LIMIT 1
            }
            WITH row, coalesce(r, c) AS target
            MATCH (i:ConfigItem {id: row.item})
            MERGE (i)-[:CLASSIFIED_AS]->(target)
            RETURN collect(i.id) AS ids
            """;

    private FamilyConcepts() {}

    /** The rows of {@link #CLASSIFY} for those of these items whose kind {@link #generates} and whose value fits its rule. */
    static List<Map<String, Object>> rows(ItemFacets facets, List<ItemRow> items) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemRow item : items) {
            Optional<ItemKind> kind = facets.kind(item.kind()).filter(FamilyConcepts::generates);
            Optional<ItemFamily> family = kind.flatMap(k -> k.familyRule().family(k.kind(), item.value()));
            if (family.isEmpty()) {
                continue;
            }
            String scheme = scheme(kind.get());
            Map<String, Object> row = new HashMap<>(concept(scheme, item, family.get()));
            row.putAll(Map.of("item", item.id(), "kind", item.kind(), "scheme", scheme, "schemeId", PublicId.CONCEPT_SCHEME.fromKey(scheme),
                    "schemeLabel", item.kind() + " families"));
            row.put("broader", kind.get().familyRule().broader(item.kind(), item.value()).map(up -> concept(scheme, item, up)).orElse(null));
            rows.add(row);
        }
        // In one order in every writer, so two batches lock the concepts they share in the same order (a broader family
        // before its members).
        rows.sort(Comparator.comparing((Map<String, Object> r) -> r.get("broader") == null ? (String) r.get("concept")
                        : (String) ((Map<?, ?>) r.get("broader")).get("concept"))
                .thenComparing(r -> (String) r.get("concept")).thenComparing(r -> (String) r.get("item")));
        return rows;
    }

    /** The rows of {@link #CONCEPTS} for these rows of {@link #CLASSIFY}: one per concept, in their order. */
    static List<Map<String, Object>> concepts(List<Map<String, Object>> rows) {
        Map<Object, Map<String, Object>> byConcept = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byConcept.putIfAbsent(r.get("concept"), r));
        return List.copyOf(byConcept.values());
    }

    /** The concept of {@code family} in {@code scheme}: IRI, id and a label written as {@code item} writes it. */
    private static Map<String, Object> concept(String scheme, ItemRow item, ItemFamily family) {
        String concept = scheme + "/" + URLEncoder.encode(family.key(), StandardCharsets.UTF_8);
        String label = label(item.kind(), family.key(), item.value());
        return Map.of("concept", concept, "conceptId", PublicId.CONCEPT.fromKey(concept), "label", label, "labelKey", TagLabel.normalize(label));
    }

    /** A kind gets generated family concepts when it declares a rule and no value scheme (whose concepts classify it instead). */
    static boolean generates(ItemKind kind) {
        return kind.familyRule() != null && kind.valueScheme() == null;
    }

    /** The scheme of a kind's family concepts: under its domain's IRI. */
    static String scheme(ItemKind kind) {
        String domain = kind.domain().endsWith("/") ? kind.domain().substring(0, kind.domain().length() - 1) : kind.domain();
        return domain + "/families/" + URLEncoder.encode(kind.kind(), StandardCharsets.UTF_8);
    }

    /**
     * A label a person reads: the family key (lower case, as rules compute it) written as the first member met writes
     * the part they share, "nvidia 440" from "NVIDIA 440.100" is "NVIDIA 440", "geforce gtx 10xx" from "GeForce GTX 1070"
     * is "GeForce GTX 10xx"; a family without a letter says its kind ("kernel 5", "age 50–60").
     */
    static String label(String kind, String key, String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        int common = 0;
        while (common < Math.min(key.length(), lower.length()) && key.charAt(common) == lower.charAt(common)
                && value.strip().length() == lower.length()) {
            common++;
        }
        String label = value.strip().substring(0, common) + key.substring(common);
        return label.codePoints().anyMatch(Character::isLetter) ? label : kind + " " + label;
    }

    /** An unclassified item as classification reads it. */
    record ItemRow(String id, String kind, String value) {}
}
