package io.peergraph.graph.taxonomy.curation;

import static io.peergraph.graph.taxonomy.curation.ConceptEdits.conflict;
import static io.peergraph.graph.taxonomy.curation.ConceptEdits.invalid;
import static io.peergraph.graph.taxonomy.curation.ConceptEdits.withConcept;
import static io.peergraph.graph.taxonomy.ConceptProperties.ALT_LABELS;
import static io.peergraph.graph.taxonomy.ConceptProperties.key;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.tag.TagLabel;
import io.peergraph.graph.taxonomy.ConceptProperties;
import io.peergraph.graph.taxonomy.ConceptStatus;
import io.peergraph.graph.taxonomy.TaxonomyIri;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MapTag;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeTags;
import io.peergraph.graph.taxonomy.curation.CurationCommand.PromoteTag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/** The curation steps that turn tags into taxonomy: promote, map, merge. */
final class TagEdits {

    private static final String SCHEME_EXISTS = "RETURN EXISTS { (:ConceptScheme {iri: $iri}) } AS found";

    // Relies on the unique constraints concept_iri and concept_scheme_iri.
    private static final String CREATE_CONCEPT = """
            MATCH (s:ConceptScheme {iri: $scheme}), (t:Tag {id: $tag})
            CREATE (c:Concept {id: $id, iri: $iri, origin: 'MODERATOR', moderated: [], createdAt: $now})
            SET c += $props
            CREATE (c)-[:IN_SCHEME]->(s)
            CREATE (t)-[:MEANS]->(c)
            WITH c, s
            OPTIONAL MATCH (b:Concept {iri: $broader})
            FOREACH (_ IN CASE WHEN b IS NULL THEN [1] ELSE [] END | CREATE (c)-[:TOP_CONCEPT_OF]->(s))
            FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END | CREATE (c)-[:BROADER {origin: 'MODERATOR'}]->(b))
            """;

    private static final String MEANS = """
            MATCH (t:Tag {id: $tag}), (c:Concept {id: $concept})
            CALL (t) {
              MATCH (t)-[m:MEANS]->()
              DELETE m
            }
            CREATE (t)-[:MEANS]->(c)
            SET t.updatedAt = $now
            """;

    // One application per customer and thing survives; usage counts what is left on each side.
    private static final String RETAG = """
            MATCH (s:Tag {id: $source}), (t:Tag {id: $target})
            CALL (s, t) {
              MATCH (x)-[r:TAGGED]->(s)
              MERGE (x)-[n:TAGGED {by: r.by}]->(t)
              ON CREATE SET n.at = r.at
              DELETE r
            }
            CALL (s, t) {
              MATCH (s)-[m:MEANS]->(c:Concept)
              WHERE NOT EXISTS { (t)-[:MEANS]->() }
              CREATE (t)-[:MEANS]->(c)
            }
            CALL (s) {
              MATCH (s)-[m:MEANS]->()
              DELETE m
            }
            CREATE (s)-[:MERGED_INTO {at: $now, by: $by}]->(t)
            SET s.usageCount = 0, s.updatedAt = $now
            WITH t
            SET t.usageCount = COUNT { ()-[:TAGGED]->(t) }, t.updatedAt = $now
            """;

    private TagEdits() {}

    static Optional<Rejection> promote(EditContext ctx, PromoteTag cmd) {
        return withTag(ctx, cmd.tagId(), tag -> {
            if (tag.meansIri() != null) {
                return conflict(tag.label() + " already means " + tag.meansIri());
            }
            if (!ctx.tx.run(SCHEME_EXISTS, Map.of("iri", cmd.schemeIri())).single().get("found").asBoolean()) {
                return Optional.of(new Rejection.NotFound("concept scheme", cmd.schemeIri()));
            }
            Optional<ConceptNode> broader = ctx.concept(cmd.broaderIri());
            if (cmd.broaderIri() != null && broader.isEmpty()) {
                return Optional.of(new Rejection.NotFound("concept", cmd.broaderIri()));
            }
            ctx.touch(tag.id());
            broader.ifPresent(b -> ctx.touch(b.id()));
            String id = PublicId.CONCEPT.random();
            Map<String, Object> props = new HashMap<>();
            props.put(key(ConceptProperties.PREF_LABEL, cmd.lang()), tag.label());
            props.put(ConceptProperties.STATUS, ConceptStatus.CANDIDATE.name());
            props.put("labelKeys", List.of(tag.normalized()));
            props.put("updatedAt", ctx.now);
            Map<String, Object> params = new HashMap<>();
            params.put("scheme", cmd.schemeIri());
            params.put("tag", tag.id());
            params.put("id", id);
            params.put("iri", TaxonomyIri.concept(id));
            params.put("props", props);
            params.put("broader", cmd.broaderIri());
            params.put("now", ctx.now);
            ctx.tx.run(CREATE_CONCEPT, params).consume();
            ctx.created(id);
            return Optional.empty();
        });
    }

    static Optional<Rejection> map(EditContext ctx, MapTag cmd) {
        return withTag(ctx, cmd.tagId(), tag -> withConcept(ctx, cmd.conceptIri(), concept -> {
            if (concept.iri().equals(tag.meansIri())) {
                return conflict(tag.label() + " already means " + concept.displayLabel());
            }
            if (concept.deprecated()) {
                return invalid(concept.displayLabel() + " is deprecated; map to its replacement");
            }
            ctx.touch(tag.id(), concept.id());
            ctx.concept(tag.meansIri()).ifPresent(previous -> ctx.touch(previous.id()));
            ctx.tx.run(MEANS, Map.of("tag", tag.id(), "concept", concept.id(), "now", ctx.now)).consume();
            keepAsAltLabel(ctx, concept, tag.label(), cmd.lang());
            return Optional.empty();
        }));
    }

    static Optional<Rejection> merge(EditContext ctx, MergeTags cmd) {
        return withTag(ctx, cmd.sourceTagId(), source -> withTag(ctx, cmd.targetTagId(), target -> {
            if (source.id().equals(target.id())) {
                return invalid("A tag cannot be merged into itself");
            }
            if (target.mergedIntoId() != null) {
                return invalid(target.label() + " was itself merged; merge into " + target.mergedIntoId());
            }
            if (source.mergedIntoId() != null) {
                return conflict(source.label() + " is already merged");
            }
            ctx.touch(source.id(), target.id());
            Optional<ConceptNode> meaning = ctx.concept(target.meansIri() != null ? target.meansIri() : source.meansIri());
            meaning.ifPresent(c -> ctx.touch(c.id()));
            ctx.concept(source.meansIri()).ifPresent(c -> ctx.touch(c.id()));
            ctx.tx.run(RETAG, Map.of("source", source.id(), "target", target.id(), "now", ctx.now, "by", ctx.moderatorId)).consume();
            meaning.ifPresent(c -> keepAsAltLabel(ctx, c, source.label(), cmd.lang()));
            return Optional.empty();
        }));
    }

    /** A synonym's label joins the concept's altLabels unless the concept already answers to it. */
    private static void keepAsAltLabel(EditContext ctx, ConceptNode concept, String label, String lang) {
        Object keys = concept.props().get("labelKeys");
        if (keys instanceof List<?> known && known.contains(TagLabel.normalize(label))) {
            return;
        }
        TreeSet<String> alts = new TreeSet<>(concept.altLabels(lang));
        alts.add(label);
        ctx.update(concept, Map.of(key(ALT_LABELS, lang), List.copyOf(alts)));
    }

    private static Optional<Rejection> withTag(EditContext ctx, String id, Function<TagNode, Optional<Rejection>> edit) {
        return ctx.tag(id).map(edit).orElseGet(() -> Optional.of(new Rejection.NotFound("tag", id)));
    }
}
