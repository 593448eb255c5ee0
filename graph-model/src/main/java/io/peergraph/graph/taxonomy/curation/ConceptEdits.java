package io.peergraph.graph.taxonomy.curation;

import io.peergraph.graph.taxonomy.ConceptRef;
import static io.peergraph.graph.taxonomy.ConceptProperties.ALT_LABELS;
import static io.peergraph.graph.taxonomy.ConceptProperties.DEFINITION;
import static io.peergraph.graph.taxonomy.ConceptProperties.DEPRECATION_REASON;
import static io.peergraph.graph.taxonomy.ConceptProperties.PREF_LABEL;
import static io.peergraph.graph.taxonomy.ConceptProperties.STATUS;
import static io.peergraph.graph.taxonomy.ConceptProperties.key;

import io.peergraph.graph.tag.TagLabel;
import io.peergraph.graph.taxonomy.ConceptProperties;
import io.peergraph.graph.taxonomy.ConceptStatus;
import io.peergraph.graph.taxonomy.curation.CurationCommand.AddAltLabel;
import io.peergraph.graph.taxonomy.curation.CurationCommand.Deprecate;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MarkRelated;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeConcepts;
import io.peergraph.graph.taxonomy.curation.CurationCommand.RemoveAltLabel;
import io.peergraph.graph.taxonomy.curation.CurationCommand.RemoveBroader;
import io.peergraph.graph.taxonomy.curation.CurationCommand.Rename;
import io.peergraph.graph.taxonomy.curation.CurationCommand.SetBroader;
import io.peergraph.graph.taxonomy.curation.CurationCommand.SetDefinition;
import io.peergraph.graph.taxonomy.curation.CurationCommand.UnmarkRelated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The curation steps on concepts. Each checks, touches what it will change, then writes; a rejection writes nothing. */
final class ConceptEdits {

    private static final String BROADER_EXISTS = """
            RETURN EXISTS { (:Concept {id: $child})-[:BROADER]->(:Concept {id: $parent}) } AS found
            """;

    // A concept with a broader one in its own scheme is no longer a top concept of that scheme.
    private static final String ADD_BROADER = """
            MATCH (c:Concept {id: $child}), (p:Concept {id: $parent})
            CREATE (c)-[:BROADER {origin: 'MODERATOR'}]->(p)
            WITH c, p
            MATCH (c)-[t:TOP_CONCEPT_OF]->(s:ConceptScheme)<-[:IN_SCHEME]-(p)
            DELETE t
            """;

    // Without a broader concept in a scheme, a concept becomes a top concept of it, so trees still reach it.
    private static final String DELETE_BROADER = """
            MATCH (c:Concept {id: $child})-[r:BROADER]->(:Concept {id: $parent})
            DELETE r
            WITH DISTINCT c
            MATCH (c)-[:IN_SCHEME]->(s:ConceptScheme)
            WHERE NOT EXISTS { (c)-[:BROADER]->(:Concept)-[:IN_SCHEME]->(s) }
            MERGE (c)-[:TOP_CONCEPT_OF]->(s)
            """;

    private static final String RELATION = """
            MATCH (a:Concept {id: $a}), (b:Concept {id: $b})
            RETURN EXISTS { (a)-[:RELATED]-(b) } AS related,
                   EXISTS { (a)-[:BROADER*1..]->(b) } OR EXISTS { (b)-[:BROADER*1..]->(a) } AS hierarchical
            """;

    // Stored once, from the smaller IRI to the larger, as the seed loader does.
    private static final String ADD_RELATED = """
            MATCH (a:Concept {id: $a}), (b:Concept {id: $b})
            WITH CASE WHEN a.iri < b.iri THEN [a, b] ELSE [b, a] END AS pair
            WITH pair[0] AS first, pair[1] AS second
            CREATE (first)-[:RELATED {origin: 'MODERATOR'}]->(second)
            """;

    private static final String DELETE_RELATED = """
            MATCH (:Concept {id: $a})-[r:RELATED]-(:Concept {id: $b})
            DELETE r
            """;

    private static final String REPLACE = """
            MATCH (c:Concept {id: $id})
            CALL (c) {
              MATCH (c)-[r:REPLACED_BY]->()
              DELETE r
            }
            WITH c
            OPTIONAL MATCH (replacement:Concept {id: $replacement})
            FOREACH (_ IN CASE WHEN replacement IS NULL THEN [] ELSE [1] END | CREATE (c)-[:REPLACED_BY]->(replacement))
            """;

    private static final String NARROWER = """
            MATCH (x:Concept)-[:BROADER]->(:Concept {id: $id})
            RETURN x.iri AS iri
            """;

    // Everything that pointed at the merged concept now points at the survivor; the survivor is never its own narrower.
    private static final String MOVE_TO_SURVIVOR = """
            MATCH (s:Concept {id: $source}), (t:Concept {id: $target})
            CALL (s, t) {
              MATCH (x)-[r:MEANS]->(s)
              MERGE (x)-[:MEANS]->(t)
              DELETE r
            }
            CALL (s, t) {
              MATCH (x)-[r:CLASSIFIED_AS]->(s)
              MERGE (x)-[:CLASSIFIED_AS]->(t)
              DELETE r
            }
            CALL (s, t) {
              MATCH (x:Concept)-[r:BROADER]->(s)
              DELETE r
              WITH x, t WHERE x <> t AND NOT EXISTS { (x)-[:BROADER]->(t) }
              CREATE (x)-[:BROADER {origin: 'MODERATOR'}]->(t)
            }
            CALL (s, t) {
              MATCH (s)-[r:RELATED]-(x:Concept)
              DELETE r
              WITH x, t WHERE x <> t AND NOT EXISTS { (x)-[:RELATED]-(t) }
              WITH CASE WHEN x.iri < t.iri THEN [x, t] ELSE [t, x] END AS pair
              WITH pair[0] AS first, pair[1] AS second
              CREATE (first)-[:RELATED {origin: 'MODERATOR'}]->(second)
            }
            """;

    // A tag typed before the label existed would otherwise never resolve to it.
    private static final String MAP_UNMAPPED_TAG = """
            MATCH (t:Tag {normalized: $normalized})
            WHERE NOT EXISTS { (t)-[:MEANS]->() } AND NOT EXISTS { (t)-[:MERGED_INTO]->() }
            MATCH (c:Concept {id: $concept})
            CREATE (t)-[:MEANS]->(c)
            RETURN t.id AS id
            """;

    private ConceptEdits() {}

    static Optional<Rejection> rename(EditContext ctx, Rename cmd) {
        if (blank(cmd.label())) {
            return invalid("A prefLabel cannot be blank");
        }
        return withConcept(ctx, cmd.conceptIri(), c -> {
            String label = cmd.label().strip();
            String old = c.prefLabel(cmd.lang());
            if (label.equals(old)) {
                return conflict(c.displayLabel() + " is already called " + label);
            }
            TreeSet<String> alts = new TreeSet<>(c.altLabels(cmd.lang()));
            alts.remove(label);
            if (old != null) {
                alts.add(old);
            }
            ctx.touch(c.id());
            Map<String, Object> changes = new HashMap<>();
            changes.put(key(PREF_LABEL, cmd.lang()), label);
            changes.put(key(ALT_LABELS, cmd.lang()), alts.isEmpty() ? null : List.copyOf(alts));
            ctx.update(c, changes);
            return Optional.empty();
        });
    }

    static Optional<Rejection> addAltLabel(EditContext ctx, AddAltLabel cmd) {
        if (blank(cmd.label())) {
            return invalid("An altLabel cannot be blank");
        }
        return withConcept(ctx, cmd.conceptIri(), c -> {
            String label = cmd.label().strip();
            if (label.equals(c.prefLabel(cmd.lang()))) {
                return invalid(label + " is the prefLabel of " + c.displayLabel() + "; a label cannot be both");
            }
            TreeSet<String> alts = new TreeSet<>(c.altLabels(cmd.lang()));
            if (!alts.add(label)) {
                return conflict(label + " is already an altLabel of " + c.displayLabel());
            }
            ctx.touch(c.id());
            mapWaitingTag(ctx, ctx.update(c, Map.of(key(ALT_LABELS, cmd.lang()), List.copyOf(alts))), label);
            return Optional.empty();
        });
    }

    static Optional<Rejection> removeAltLabel(EditContext ctx, RemoveAltLabel cmd) {
        return withConcept(ctx, cmd.conceptIri(), c -> {
            TreeSet<String> alts = new TreeSet<>(c.altLabels(cmd.lang()));
            if (!alts.remove(cmd.label())) {
                return Optional.of(new Rejection.NotFound("altLabel", cmd.label() + "@" + cmd.lang() + " on " + c.iri()));
            }
            ctx.touch(c.id());
            Map<String, Object> changes = new HashMap<>();
            changes.put(key(ALT_LABELS, cmd.lang()), alts.isEmpty() ? null : List.copyOf(alts));
            ctx.update(c, changes);
            return Optional.empty();
        });
    }

    static Optional<Rejection> setDefinition(EditContext ctx, SetDefinition cmd) {
        return withConcept(ctx, cmd.conceptIri(), c -> {
            String text = blank(cmd.text()) ? null : cmd.text().strip();
            if (java.util.Objects.equals(text, c.props().get(key(DEFINITION, cmd.lang())))) {
                return conflict("The definition of " + c.displayLabel() + " is already that");
            }
            ctx.touch(c.id());
            Map<String, Object> changes = new HashMap<>();
            changes.put(key(DEFINITION, cmd.lang()), text);
            ctx.update(c, changes);
            return Optional.empty();
        });
    }

    static Optional<Rejection> setBroader(EditContext ctx, SetBroader cmd) {
        return withConcepts(ctx, cmd.conceptIri(), cmd.broaderIri(), (child, parent) -> {
            if (broaderExists(ctx, child, parent)) {
                return conflict(parent.displayLabel() + " is already broader than " + child.displayLabel());
            }
            Optional<List<ConceptRef>> loop = ctx.loopIfBroader(child, parent);
            if (loop.isPresent()) {
                return Optional.of(new Rejection.WouldCreateCycle(loop.get()));
            }
            ctx.touch(child.id(), parent.id());
            ctx.tx.run(ADD_BROADER, Map.of("child", child.id(), "parent", parent.id())).consume();
            ctx.moved(child.id());
            ctx.update(child, Map.of(), ConceptProperties.BROADER, ConceptProperties.IN_SCHEME);
            return Optional.empty();
        });
    }

    static Optional<Rejection> removeBroader(EditContext ctx, RemoveBroader cmd) {
        return withConcepts(ctx, cmd.conceptIri(), cmd.broaderIri(), (child, parent) -> {
            if (!broaderExists(ctx, child, parent)) {
                return Optional.of(new Rejection.NotFound("broader link", child.iri() + " → " + parent.iri()));
            }
            ctx.touch(child.id(), parent.id());
            ctx.tx.run(DELETE_BROADER, Map.of("child", child.id(), "parent", parent.id())).consume();
            ctx.moved(child.id());
            ctx.update(child, Map.of(), ConceptProperties.BROADER, ConceptProperties.IN_SCHEME);
            return Optional.empty();
        });
    }

    static Optional<Rejection> markRelated(EditContext ctx, MarkRelated cmd) {
        return withConcepts(ctx, cmd.conceptIri(), cmd.relatedIri(), (a, b) -> {
            if (a.id().equals(b.id())) {
                return invalid("A concept is not related to itself");
            }
            var relation = ctx.tx.run(RELATION, Map.of("a", a.id(), "b", b.id())).single();
            if (relation.get("related").asBoolean()) {
                return conflict(a.displayLabel() + " and " + b.displayLabel() + " are already related");
            }
            if (relation.get("hierarchical").asBoolean()) {
                return invalid(a.displayLabel() + " and " + b.displayLabel() + " are in one broader chain; SKOS keeps related apart from it");
            }
            ctx.touch(a.id(), b.id());
            ctx.tx.run(ADD_RELATED, Map.of("a", a.id(), "b", b.id())).consume();
            ctx.update(a, Map.of(), ConceptProperties.RELATED);
            ctx.update(b, Map.of(), ConceptProperties.RELATED);
            return Optional.empty();
        });
    }

    static Optional<Rejection> unmarkRelated(EditContext ctx, UnmarkRelated cmd) {
        return withConcepts(ctx, cmd.conceptIri(), cmd.relatedIri(), (a, b) -> {
            if (!ctx.tx.run(RELATION, Map.of("a", a.id(), "b", b.id())).single().get("related").asBoolean()) {
                return Optional.of(new Rejection.NotFound("related link", a.iri() + " ↔ " + b.iri()));
            }
            ctx.touch(a.id(), b.id());
            ctx.tx.run(DELETE_RELATED, Map.of("a", a.id(), "b", b.id())).consume();
            ctx.update(a, Map.of(), ConceptProperties.RELATED);
            ctx.update(b, Map.of(), ConceptProperties.RELATED);
            return Optional.empty();
        });
    }

    static Optional<Rejection> deprecate(EditContext ctx, Deprecate cmd) {
        if (cmd.replacementIri() == null && blank(cmd.reason())) {
            return invalid("A deprecation names a replacement or gives a reason");
        }
        return withConcept(ctx, cmd.conceptIri(), c -> {
            Optional<ConceptNode> replacement = ctx.concept(cmd.replacementIri());
            if (cmd.replacementIri() != null && replacement.isEmpty()) {
                return Optional.of(new Rejection.NotFound("concept", cmd.replacementIri()));
            }
            if (replacement.isPresent() && (replacement.get().id().equals(c.id()) || replacement.get().deprecated())) {
                return invalid("The replacement must be another concept that is not deprecated itself");
            }
            if (c.deprecated()) {
                return conflict(c.displayLabel() + " is already deprecated");
            }
            retire(ctx, c, replacement.orElse(null), blank(cmd.reason()) ? null : cmd.reason().strip());
            return Optional.empty();
        });
    }

    static Optional<Rejection> approve(EditContext ctx, CurationCommand.Approve cmd) {
        return withConcept(ctx, cmd.conceptIri(), c -> {
            Object status = c.props().get(STATUS);
            if (!ConceptStatus.CANDIDATE.name().equals(status)) {
                return conflict(c.displayLabel() + " is " + (status == null ? "not a candidate" : String.valueOf(status).toLowerCase(java.util.Locale.ROOT))
                        + "; only a candidate is approved");
            }
            ctx.touch(c.id());
            ctx.update(c, Map.of(STATUS, ConceptStatus.APPROVED.name()));
            return Optional.empty();
        });
    }

    static Optional<Rejection> mergeConcepts(EditContext ctx, MergeConcepts cmd) {
        return withConcepts(ctx, cmd.sourceIri(), cmd.targetIri(), (source, target) -> {
            if (source.id().equals(target.id())) {
                return invalid("A concept cannot be merged into itself");
            }
            if (target.deprecated()) {
                return invalid(target.displayLabel() + " is deprecated; merge into its replacement");
            }
            List<String> narrower = ctx.tx.run(NARROWER, Map.of("id", source.id())).list(r -> r.get("iri").asString());
            List<ConceptNode> children = new ArrayList<>();
            for (String iri : narrower) {
                ConceptNode child = ctx.concept(iri).orElseThrow();
                if (!child.id().equals(target.id())) {
                    Optional<List<ConceptRef>> loop = ctx.loopIfBroader(child, target);
                    if (loop.isPresent()) {
                        return Optional.of(new Rejection.WouldCreateCycle(loop.get()));
                    }
                    children.add(child);
                }
            }
            Optional<Rejection> folded = SymptomEdits.foldProposed(ctx, source.id(), target.id());
            if (folded.isPresent()) {
                return folded;
            }
            ctx.touch(source.id(), target.id());
            ctx.touch(children.stream().map(ConceptNode::id).toList());
            ctx.tx.run(MOVE_TO_SURVIVOR, Map.of("source", source.id(), "target", target.id())).consume();
            ctx.moved(target.id()); // the source's classified symptoms and narrower concepts are under the target now
            children.forEach(child -> ctx.update(child, Map.of(), ConceptProperties.BROADER));
            ctx.update(target, survivorLabels(source, target), ConceptProperties.RELATED);
            retire(ctx, source, target, null);
            return Optional.empty();
        });
    }

    /** The merged concept's labels, in every language, become altLabels of the survivor (never duplicating its prefLabel). */
    private static Map<String, Object> survivorLabels(ConceptNode source, ConceptNode target) {
        Map<String, TreeSet<String>> alts = new HashMap<>();
        ConceptProperties.byLanguage(source.props(), PREF_LABEL, String.class).forEach((lang, l) -> alts.computeIfAbsent(lang, k -> new TreeSet<>()).add(l));
        ConceptProperties.byLanguage(source.props(), ALT_LABELS, List.class).forEach((lang, ls) ->
                ls.forEach(l -> alts.computeIfAbsent(lang, k -> new TreeSet<>()).add((String) l)));
        Map<String, Object> changes = new HashMap<>();
        alts.forEach((lang, labels) -> {
            labels.addAll(target.altLabels(lang));
            labels.remove(target.prefLabel(lang));
            if (!labels.isEmpty()) {
                changes.put(key(ALT_LABELS, lang), List.copyOf(labels));
            }
        });
        return changes;
    }

    static void retire(EditContext ctx, ConceptNode c, ConceptNode replacement, String reason) {
        ctx.touch(c.id());
        if (replacement != null) {
            ctx.touch(replacement.id());
        }
        Map<String, Object> changes = new HashMap<>();
        changes.put(STATUS, ConceptStatus.DEPRECATED.name());
        changes.put(DEPRECATION_REASON, reason);
        ConceptNode current = ctx.concept(c.iri()).orElseThrow();
        ctx.update(current, changes);
        Map<String, Object> params = new HashMap<>();
        params.put("id", c.id());
        params.put("replacement", replacement == null ? null : replacement.id());
        ctx.tx.run(REPLACE, params).consume();
    }

    private static void mapWaitingTag(EditContext ctx, ConceptNode concept, String label) {
        ctx.tx.run(MAP_UNMAPPED_TAG, Map.of("normalized", TagLabel.normalize(label), "concept", concept.id())).consume();
    }

    private static boolean broaderExists(EditContext ctx, ConceptNode child, ConceptNode parent) {
        return ctx.tx.run(BROADER_EXISTS, Map.of("child", child.id(), "parent", parent.id())).single().get("found").asBoolean();
    }

    static Optional<Rejection> withConcept(EditContext ctx, String iri, java.util.function.Function<ConceptNode, Optional<Rejection>> edit) {
        return ctx.concept(iri).map(edit).orElseGet(() -> Optional.of(new Rejection.NotFound("concept", iri)));
    }

    static Optional<Rejection> withConcepts(EditContext ctx, String iri, String otherIri,
                                            java.util.function.BiFunction<ConceptNode, ConceptNode, Optional<Rejection>> edit) {
        return withConcept(ctx, iri, c -> withConcept(ctx, otherIri, other -> edit.apply(c, other)));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static Optional<Rejection> invalid(String message) {
        return Optional.of(new Rejection.Invalid(message));
    }

    static Optional<Rejection> conflict(String message) {
        return Optional.of(new Rejection.Conflict(message));
    }
}
