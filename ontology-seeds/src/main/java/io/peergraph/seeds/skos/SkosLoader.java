package io.peergraph.seeds.skos;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.taxonomy.ConceptProperties;
import io.peergraph.graph.taxonomy.SchemeSeeding.Link;
import io.peergraph.graph.taxonomy.SchemeSeeding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads SKOS schemes into the graph (through graph-model's {@link SchemeSeeding}, one transaction per scheme).
 * Loading is a diff: only facts that differ are written (so loading the same seed twice changes
 * nothing, timestamps included), never a fact listed in the node's {@code moderated} (a moderator's word
 * beats any seed), and never an older version than the store holds. Concepts a newer seed no longer lists
 * are deprecated, not deleted, so their IRIs keep resolving.
 */
public final class SkosLoader {

    private static final Logger log = LoggerFactory.getLogger(SkosLoader.class);

    private final SchemeSeeding seeding;

    public SkosLoader(GraphConnection graph) {
        this.seeding = new SchemeSeeding(graph);
    }

    /**
     * Loads every scheme in the model; concepts outside any scheme are logged and skipped. A scheme whose links
     * point into a scheme loaded after it is loaded a second time, once every concept exists.
     */
    public List<LoadReport> load(Model model) {
        SkosReader.Result read = SkosReader.read(model);
        if (!read.conceptsOutsideSchemes().isEmpty()) {
            log.warn("Skipping {} concepts that belong to no scheme, e.g. {}", read.conceptsOutsideSchemes().size(),
                    read.conceptsOutsideSchemes().getFirst());
        }
        List<LoadReport> reports = new ArrayList<>(read.schemes().stream().map(this::load).toList());
        for (int i = 0; i < reports.size(); i++) {
            if (!reports.get(i).unresolved().isEmpty()) {
                reports.set(i, reports.get(i).then(load(read.schemes().get(i))));
            }
        }
        return reports;
    }

    public LoadReport load(SkosScheme scheme) {
        // The planner may run again when the transaction is retried: each run starts from a fresh diff.
        Diff[] planned = new Diff[1];
        boolean[] schemeChanged = new boolean[1];
        SchemeSeeding.Seeded seeded = seeding.seed(scheme.iri(), scheme.concepts().stream().map(SkosConcept::iri).toList(), linkTargets(scheme),
                stored -> {
                    if (stored.props().get("seedVersion") instanceof String v && new SeedVersion(v).compareTo(scheme.version()) > 0) {
                        return Optional.empty();
                    }
                    Map<String, Object> schemeChanges = schemeChanges(scheme, stored.props());
                    schemeChanged[0] = schemeChanges != null;
                    Set<String> resolvable = new HashSet<>(stored.existingTargets());
                    scheme.concepts().forEach(c -> resolvable.add(c.iri()));
                    Diff diff = new Diff(scheme.iri(), resolvable);
                    scheme.concepts().forEach(concept -> diff.add(concept, stored.concepts().get(concept.iri())));
                    planned[0] = diff;
                    return Optional.of(new SchemeSeeding.SchemeWrite(schemeChanges, scheme.version().text(),
                            scheme.concepts().stream().map(SkosConcept::iri).toList(), diff.conceptRows, diff.edgeRows,
                            "Not in seed version " + scheme.version()));
                });
        LoadReport report;
        if (seeded.skipped()) {
            report = new LoadReport(scheme.iri(), scheme.version(), LoadReport.Outcome.SKIPPED_OLDER, 0, 0, 0, 0, 0, List.of());
        } else {
            Diff diff = planned[0];
            int unchanged = scheme.concepts().size() - diff.created - diff.updated;
            boolean changed = schemeChanged[0] || diff.created + diff.updated + seeded.retired() > 0;
            report = new LoadReport(scheme.iri(), scheme.version(), changed ? LoadReport.Outcome.APPLIED : LoadReport.Outcome.UNCHANGED,
                    diff.created, diff.updated, unchanged, seeded.retired(), diff.keptByModerators, List.copyOf(diff.unresolved));
        }
        log.info("Seed {} {}: {}", scheme.iri(), scheme.version(), report);
        return report;
    }

    /** The scheme's facts that differ from the stored ones, or null when the stored scheme already says all of it. */
    private static Map<String, Object> schemeChanges(SkosScheme scheme, Map<String, Object> stored) {
        Map<String, Object> desired = new HashMap<>();
        scheme.prefLabels().forEach((lang, label) -> desired.put(ConceptProperties.key(ConceptProperties.PREF_LABEL, lang), label));
        scheme.definitions().forEach((lang, text) -> desired.put(ConceptProperties.key(ConceptProperties.DEFINITION, lang), text));
        desired.put("seedVersion", scheme.version().text());
        Map<String, Object> changes = changedFacts(desired, stored, schemeFactKeys(stored), List.of());
        return !stored.isEmpty() && changes.isEmpty() ? null : changes;
    }

    private static Set<String> schemeFactKeys(Map<String, Object> stored) {
        Set<String> keys = new HashSet<>();
        stored.keySet().stream().filter(k -> k.startsWith(ConceptProperties.PREF_LABEL) || k.startsWith(ConceptProperties.DEFINITION)).forEach(keys::add);
        return keys;
    }

    /** Desired values that differ from stored ones; a stored fact the seed no longer states maps to null (removed). */
    static Map<String, Object> changedFacts(Map<String, Object> desired, Map<String, Object> stored, Set<String> storedFactKeys,
                                            List<?> moderated) {
        Map<String, Object> changes = new HashMap<>();
        Stream.concat(desired.keySet().stream(), storedFactKeys.stream()).distinct()
                .filter(key -> !moderated.contains(ConceptProperties.factOf(key)))
                .filter(key -> !Objects.equals(desired.get(key), stored.get(key)))
                .forEach(key -> changes.put(key, desired.get(key)));
        return changes;
    }

    /** Every IRI the scheme's concepts link to. */
    private static Set<String> linkTargets(SkosScheme scheme) {
        Set<String> targets = new TreeSet<>();
        scheme.concepts().forEach(c -> {
            targets.addAll(c.broader());
            targets.addAll(c.related());
            if (c.replacedBy() != null) {
                targets.add(c.replacedBy());
            }
        });
        return targets;
    }

    /** The writes one scheme needs, computed against the stored state. */
    private static final class Diff {
        private final String scheme;
        private final Set<String> resolvable;
        final List<SchemeSeeding.ConceptWrite> conceptRows = new ArrayList<>();
        final Map<Link, List<SchemeSeeding.LinksWrite>> edgeRows = Map.of(Link.BROADER, new ArrayList<>(), Link.RELATED, new ArrayList<>(),
                Link.REPLACED_BY, new ArrayList<>());
        final Set<String> unresolved = new TreeSet<>();
        int created;
        int updated;
        int keptByModerators;

        Diff(String scheme, Set<String> resolvable) {
            this.scheme = scheme;
            this.resolvable = resolvable;
        }

        void add(SkosConcept concept, SchemeSeeding.StoredConcept stored) {
            Map<String, Object> props = stored == null ? Map.of() : stored.props();
            List<Object> moderated = props.get("moderated") instanceof List<?> l ? List.copyOf(l) : List.of();
            Map<String, Object> desired = concept.literalFacts();
            Set<String> storedFacts = new HashSet<>(props.keySet());
            storedFacts.removeIf(key -> !ConceptProperties.isLiteralFact(key));
            Map<String, Object> changes = changedFacts(desired, props, storedFacts, moderated);
            keptByModerators += (int) Stream.concat(desired.keySet().stream(), storedFacts.stream()).distinct()
                    .filter(key -> moderated.contains(ConceptProperties.factOf(key)) && !Objects.equals(desired.get(key), props.get(key))).count();

            boolean edgesChanged = edges(Link.BROADER, ConceptProperties.BROADER, concept.iri(), concept.broader(),
                    stored == null ? null : stored.broader(), moderated);
            edgesChanged |= edges(Link.RELATED, ConceptProperties.RELATED, concept.iri(), concept.related(),
                    stored == null ? null : stored.related(), moderated);
            Set<String> replacement = concept.replacedBy() == null ? Set.of() : Set.of(concept.replacedBy());
            edgesChanged |= edges(Link.REPLACED_BY, ConceptProperties.STATUS, concept.iri(), replacement,
                    stored == null ? null : stored.replacedBy(), moderated);

            boolean top = concept.topConceptOf().contains(scheme);
            boolean membershipChanged = stored == null || !stored.member()
                    || (stored.top() != top && !moderated.contains(ConceptProperties.IN_SCHEME));
            if (stored != null && changes.isEmpty() && !edgesChanged && !membershipChanged) {
                return;
            }
            Map<String, Object> merged = new HashMap<>(props);
            changes.forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            conceptRows.add(new SchemeSeeding.ConceptWrite(concept.iri(), changes, ConceptProperties.labelKeys(merged), top));
            if (stored == null) {
                created++;
            } else {
                updated++;
            }
        }

        private boolean edges(Link type, String fact, String iri, Set<String> declared, List<String> stored, List<Object> moderated) {
            if (moderated.contains(fact)) {
                return false;
            }
            Set<String> desired = new TreeSet<>();
            declared.forEach(target -> {
                if (resolvable.contains(target)) {
                    desired.add(target);
                } else {
                    unresolved.add(iri + " -> " + target);
                }
            });
            Set<String> current = stored == null ? Set.of() : new TreeSet<>(stored);
            if (desired.equals(current)) {
                return false;
            }
            edgeRows.get(type).add(new SchemeSeeding.LinksWrite(iri, List.copyOf(desired)));
            return true;
        }
    }
}
