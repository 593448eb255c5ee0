package io.peergraph.graph.tag;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.taxonomy.ConceptRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * What the tags customers use suggest to moderators, each with its evidence: emerging tags to promote,
 * pairs of tags that are one tag spelt two ways, and tags that belong under a broader tag or concept.
 * Synonym and broader candidates are computed in memory from one read of the usage (tags × things), which
 * takes seconds for the whole debtags stream; callers compute a round and page through it.
 */
public final class TagSuggestions {

    /**
     * Defaults that worked on the debtags stream (see the report printed by the debtags test and docs/benchmarks.md).
     * {@code minConfidence}/{@code maxReverseConfidence}: the share of the narrower's things the broader has, and the
     * most of the broader's things the narrower may have (a symptom's reports, for tags and symptoms); {@code minLift}:
     * how much likelier the broader (or the symptom) must be next to the narrower than anywhere, so that a tag on
     * nearly everything is not everyone's broader; {@code minUsageSimilarity} and {@code maxTogether}: the cosine two
     * tags' usage needs to be synonym candidates by usage, and the most of the rarer one's things that may carry both.
     */
    public record Thresholds(int minUses, int minCustomers, double minConfidence, double maxReverseConfidence, double minLift,
                             double minUsageSimilarity, double maxTogether) {
        private static final double MIN_LIFT = 1.5;
        private static final double MIN_USAGE_SIMILARITY = 0.45;
        private static final double MAX_TOGETHER = 0.1;
        public static final Thresholds DEFAULT = new Thresholds(5, 3, 0.8, 0.5);

        public Thresholds(int minUses, int minCustomers, double minConfidence, double maxReverseConfidence) {
            this(minUses, minCustomers, minConfidence, maxReverseConfidence, MIN_LIFT, MIN_USAGE_SIMILARITY, MAX_TOGETHER);
        }
    }

    /**
     * Usage is evidence only over enough things, whatever {@code minUses} a moderator asks for spelling variants: the
     * evaluation measured names on about 10 or more things (docs/benchmarks.md, held-out merges of debtags tags used on
     * 20 or more); on fewer, a tag's neighbours are a handful of co-occurrences and its nearest tag is chance.
     */
    static final int USAGE_MIN_THINGS = 10;

    // Relies on the index tag_usage (Tag.usageCount range).
    private static final String EMERGING = """
            MATCH (t:Tag)
            WHERE t.usageCount >= $minUses AND NOT EXISTS { (t)-[:MEANS]->() } AND NOT EXISTS { (t)-[:MERGED_INTO]->() }
            CALL (t) {
              MATCH (x)-[r:TAGGED]->(t)
              WITH x, r ORDER BY r.at DESC
              RETURN count(DISTINCT r.by) AS customers, max(r.at) AS lastUsedAt, collect(x.id)[..3] AS examples
            }
            WITH t, customers, lastUsedAt, examples WHERE customers >= $minCustomers
            RETURN t.id AS id, t.label AS label, t.normalized AS normalized, t.usageCount AS usageCount,
                   customers, lastUsedAt, examples
            ORDER BY customers DESC, usageCount DESC, normalized
            """;

    private static final String CONCEPT_LABELS = """
            MATCH (c:Concept) WHERE c.status <> 'DEPRECATED'
            UNWIND c.labelKeys AS key
            RETURN key, c.notation AS notation, c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)} AS concept
            ORDER BY c.iri
            """;

    private static final String ALREADY_BROADER = """
            UNWIND $pairs AS pair
            MATCH (a:Concept {id: pair[0]}), (b:Concept {id: pair[1]})
            WHERE a = b OR EXISTS { (a)-[:BROADER*1..]->(b) }
            RETURN collect(pair[0] + ' ' + pair[1]) AS known
            """;

    // Relies on the unique constraint on Symptom.id.
    private static final String SYMPTOMS = """
            UNWIND $ids AS id
            MATCH (s:Symptom {id: id})
            RETURN s.id AS id, s.key AS key, s.name AS name, COUNT { (:Report)-[:SHOWS]->(s) } AS reports,
                   head([(s)-[:BROADER]->(b:Symptom) | b.id]) AS broaderId, [(s)-[:BROADER*1..8]->(b:Symptom) | b.id] AS broader,
                   head([(s)-[:CLASSIFIED_AS]->(c:Concept) | c.id]) AS conceptId
            """;

    // The count store answers a count of one label.
    private static final String REPORT_COUNT = "MATCH (r:Report) RETURN count(r) AS n";

    /** The namespace of a label: what comes before its last "::", "/" or ":". */
    private static final Pattern NAMESPACE = Pattern.compile("^(.+?)(?:::|/|:)[^:/]+$");

    private final Driver driver;

    public TagSuggestions(Driver driver) {
        this.driver = driver;
    }

    public SuggestionPage<EmergingTag> emergingTags(Thresholds th, int offset, int limit) {
        try (Session session = driver.session()) {
            List<EmergingTag> all = session.run(EMERGING, Map.of("minUses", th.minUses(), "minCustomers", th.minCustomers()))
                    .list(r -> new EmergingTag(new TagRef(r.get("id").asString(), r.get("label").asString(), r.get("normalized").asString(),
                            r.get("usageCount").asLong(), null), r.get("customers").asLong(), r.get("lastUsedAt").asZonedDateTime(),
                            r.get("examples").asList(Value::asString)));
            return SuggestionPage.of(all, offset, limit);
        }
    }

    public SuggestionPage<SynonymCandidate> synonymCandidates(Thresholds th, int offset, int limit) {
        UsageMatrix usage = new UsageMatrix(driver);
        return SuggestionPage.of(synonyms(usage, usage.pairCounts(), th), offset, limit);
    }

    /**
     * Tags on reports that go with a symptom: proposed as its synonyms or narrower symptoms ({@link SymptomTagCandidate}),
     * highest lift first. The evidence is at least {@code minUses} reports with both. A tag that means the symptom's
     * concept already is left out, and of a symptom and a narrower one the tag goes with, only the narrower is proposed.
     */
    public SuggestionPage<SymptomTagCandidate> symptomTagCandidates(Thresholds th, int offset, int limit) {
        UsageMatrix usage = new UsageMatrix(driver);
        return SuggestionPage.of(symptomTags(usage, th), offset, limit);
    }

    public SuggestionPage<BroaderCandidate> broaderCandidates(Thresholds th, int offset, int limit) {
        UsageMatrix usage = new UsageMatrix(driver);
        return SuggestionPage.of(broader(usage, usage.pairCounts(), th), offset, limit);
    }

    /** Synonym and broader candidates, best first, from one read of the usage (for a job that wants both). */
    public record Candidates(List<SynonymCandidate> synonyms, List<BroaderCandidate> broader) {}

    public Candidates synonymAndBroaderCandidates(Thresholds th) {
        UsageMatrix usage = new UsageMatrix(driver);
        Map<Long, Integer> shared = usage.pairCounts();
        return new Candidates(synonyms(usage, shared, th), broader(usage, shared, th));
    }

    private static List<SynonymCandidate> synonyms(UsageMatrix usage, Map<Long, Integer> shared, Thresholds th) {
        List<Set<String>> grams = usage.tags.stream().map(t -> Spelling.trigrams(t.normalized())).toList();
        Map<String, List<Integer>> byGram = new HashMap<>();
        for (int i = 0; i < usage.tags.size(); i++) {
            if (usage.tags.get(i).usageCount() >= th.minUses()) {
                for (String g : grams.get(i)) {
                    byGram.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
                }
            }
        }
        List<SynonymCandidate> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        // One word with other separators or accents is one tag however rarely each spelling was used: no minimum uses.
        Map<String, List<Integer>> byLetters = new HashMap<>();
        for (int i = 0; i < usage.tags.size(); i++) {
            byLetters.computeIfAbsent(Spelling.compact(usage.tags.get(i).normalized()), k -> new ArrayList<>()).add(i);
        }
        byLetters.forEach((letters, bucket) -> {
            for (int x = 0; x < bucket.size() && !letters.isEmpty(); x++) {
                for (int y = x + 1; y < bucket.size(); y++) {
                    int a = bucket.get(x);
                    int b = bucket.get(y);
                    seen.add(UsageMatrix.pair(a, b));
                    candidate(usage, shared, grams, a, b).ifPresent(out::add);
                }
            }
        });
        for (List<Integer> bucket : byGram.values()) {
            for (int x = 0; x < bucket.size(); x++) {
                for (int y = x + 1; y < bucket.size(); y++) {
                    int a = bucket.get(x);
                    int b = bucket.get(y);
                    if (seen.add(UsageMatrix.pair(a, b)) && Spelling.jaccard(grams.get(a), grams.get(b)) >= Spelling.MIN_SIMILARITY) {
                        candidate(usage, shared, grams, a, b).ifPresent(out::add);
                    }
                }
            }
        }
        Map<Long, UsageSimilarity.Pair> alike = new HashMap<>();
        UsageSimilarity.similarPairs(usage.tags.size(), usage.thingTags, usage.thingSymptoms, Math.max(th.minUses(), USAGE_MIN_THINGS),
                        th.minUsageSimilarity(), th.maxTogether())
                .forEach(p -> alike.put(UsageMatrix.pair(p.a(), p.b()), p));
        out.replaceAll(c -> withUsage(c, usage, alike));
        alike.forEach((pair, p) -> {
            if (seen.add(pair) && !sameConcept(usage.tags.get(p.a()), usage.tags.get(p.b()))) {
                out.add(new SynonymCandidate(usage.tags.get(p.a()), usage.tags.get(p.b()), SynonymCandidate.Basis.USAGE,
                        Spelling.jaccard(grams.get(p.a()), grams.get(p.b())), p.cosine(),
                        "used alike: cosine %.2f over %d shared contexts (other tags, symptoms); on one thing together %d times"
                                .formatted(p.cosine(), p.sharedContexts(), p.together()),
                        p.together(), usage.examples(p.a(), p.b(), 3)));
            }
        });
        // Spelling first (a rule matched), then usage; each by its own similarity.
        out.sort(Comparator.comparing(SynonymCandidate::basis)
                .thenComparing(Comparator.comparingDouble((SynonymCandidate c) -> c.basis() == SynonymCandidate.Basis.SPELLING
                        ? c.similarity() : c.usageSimilarity()).reversed())
                .thenComparing(c -> c.first().normalized()).thenComparing(c -> c.second().normalized()));
        return out;
    }

    private static SynonymCandidate withUsage(SynonymCandidate c, UsageMatrix usage, Map<Long, UsageSimilarity.Pair> alike) {
        UsageSimilarity.Pair p = alike.get(UsageMatrix.pair(usage.indexOf.get(c.first().id()), usage.indexOf.get(c.second().id())));
        return p == null ? c : new SynonymCandidate(c.first(), c.second(), c.basis(), c.similarity(), p.cosine(), c.reason(), c.sharedThings(),
                c.exampleThingIds());
    }

    private static boolean sameConcept(TagRef a, TagRef b) {
        return a.concept() != null && b.concept() != null && a.concept().id().equals(b.concept().id());
    }

    /** Two tags as a synonym candidate when a spelling rule makes them one and they do not mean one concept already. */
    private static Optional<SynonymCandidate> candidate(UsageMatrix usage, Map<Long, Integer> shared, List<Set<String>> grams, int a, int b) {
        TagRef ta = usage.tags.get(a);
        TagRef tb = usage.tags.get(b);
        if (sameConcept(ta, tb)) {
            return Optional.empty();
        }
        return Spelling.variantRule(ta.normalized(), tb.normalized()).map(reason -> new SynonymCandidate(ta, tb, SynonymCandidate.Basis.SPELLING,
                Spelling.jaccard(grams.get(a), grams.get(b)), 0, reason, shared.getOrDefault(UsageMatrix.pair(a, b), 0), usage.examples(a, b, 3)));
    }

    private List<BroaderCandidate> broader(UsageMatrix usage, Map<Long, Integer> shared, Thresholds th) {
        List<BroaderCandidate> out = new ArrayList<>();
        shared.forEach((pair, both) -> {
            int a = (int) (pair >>> 32);
            int b = (int) (long) pair;
            coOccurrence(usage, a, b, both, th).ifPresent(out::add);
            coOccurrence(usage, b, a, both, th).ifPresent(out::add);
        });
        out.addAll(byNamespace(usage, th));
        List<BroaderCandidate> fresh = withoutKnown(out);
        fresh.sort(Comparator.comparing(BroaderCandidate::basis).thenComparing(Comparator.comparingInt(BroaderCandidate::sharedThings).reversed())
                .thenComparing(c -> c.narrower().normalized()));
        return fresh;
    }

    /**
     * {@code narrower} under {@code broader} when the things say so: nearly every thing tagged narrower is tagged broader,
     * not the reverse, and the broader is much likelier next to the narrower than anywhere (lift), so a tag on nearly
     * every thing is not proposed above all others. Two spellings of one tag co-occur that way too (customers add the
     * spelling they know to things already tagged the common one); they are synonym candidates, never a hierarchy.
     */
    private static Optional<BroaderCandidate> coOccurrence(UsageMatrix usage, int narrower, int broader, int both, Thresholds th) {
        int n = usage.thingsPerTag[narrower];
        int m = usage.thingsPerTag[broader];
        double lift = (double) both * usage.thingTags.size() / ((double) n * m);
        if (n < th.minUses() || (double) both / n < th.minConfidence() || (double) both / m > th.maxReverseConfidence() || lift < th.minLift()) {
            return Optional.empty();
        }
        TagRef tb = usage.tags.get(broader);
        if (Spelling.variantRule(usage.tags.get(narrower).normalized(), tb.normalized()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new BroaderCandidate(usage.tags.get(narrower), tb, tb.concept(), BroaderCandidate.Basis.CO_OCCURRENCE,
                n, m, both, (double) both / n, usage.examples(narrower, broader, 3)));
    }

    private List<SymptomTagCandidate> symptomTags(UsageMatrix usage, Thresholds th) {
        int[] tagReports = new int[usage.tags.size()];
        Map<Long, Integer> shared = new HashMap<>();
        for (int i = 0; i < usage.thingIds.size(); i++) {
            if (PublicId.typeOf(usage.thingIds.get(i)).orElse(null) != PublicId.REPORT) {
                continue;
            }
            for (int t : usage.thingTags.get(i)) {
                tagReports[t]++;
                for (int s : usage.thingSymptoms.get(i)) {
                    shared.merge((long) t << 32 | s, 1, Integer::sum); // tag and symptom: two index spaces
                }
            }
        }
        Map<Integer, Symptom> symptoms = new HashMap<>();
        Map<Integer, String> conceptOf = new HashMap<>();
        Map<Integer, Integer> symptomReports = new HashMap<>();
        Map<String, Set<String>> broaderOf = new HashMap<>();
        long reports;
        try (Session session = driver.session()) {
            reports = session.run(REPORT_COUNT).single().get("n").asLong();
            session.run(SYMPTOMS, Map.of("ids", usage.symptomIds)).forEachRemaining(r -> {
                int index = usage.symptomIndex(r.get("id").asString());
                symptoms.put(index, new Symptom(r.get("id").asString(), r.get("key").asString(null), r.get("name").asString(null),
                        r.get("broaderId").asString(null)));
                conceptOf.put(index, r.get("conceptId").asString(null));
                symptomReports.put(index, r.get("reports").asInt());
                broaderOf.put(r.get("id").asString(), Set.copyOf(r.get("broader").asList(Value::asString)));
            });
        }
        Map<Integer, List<SymptomTagCandidate>> byTag = new HashMap<>();
        shared.forEach((pair, both) -> {
            int t = (int) (pair >>> 32);
            int s = (int) (long) pair;
            TagRef tag = usage.tags.get(t);
            Symptom symptom = symptoms.get(s);
            int n = tagReports[t];
            int m = symptomReports.getOrDefault(s, 0);
            if (symptom == null || n < th.minUses() || m == 0) {
                return;
            }
            double confidence = (double) both / n;
            double reverse = (double) both / m;
            double lift = (double) both * reports / ((double) n * m);
            boolean means = tag.concept() != null && tag.concept().id().equals(conceptOf.get(s));
            if (means || both < th.minUses() || confidence < th.minConfidence() || lift < th.minLift()) {
                return;
            }
            SymptomTagCandidate.Relation relation = reverse >= th.minConfidence() ? SymptomTagCandidate.Relation.SYNONYM
                    : reverse <= th.maxReverseConfidence() ? SymptomTagCandidate.Relation.NARROWER : null;
            if (relation != null) {
                byTag.computeIfAbsent(t, k -> new ArrayList<>()).add(new SymptomTagCandidate(tag, symptom, relation, n, m, both, confidence,
                        reverse, lift, usage.reportsWith(t, s, 3)));
            }
        });
        List<SymptomTagCandidate> out = new ArrayList<>();
        // Of a symptom and a narrower one that the tag both goes with, the narrower says more.
        byTag.values().forEach(candidates -> candidates.stream()
                .filter(c -> candidates.stream().noneMatch(o -> broaderOf.getOrDefault(o.symptom().id(), Set.of()).contains(c.symptom().id())))
                .forEach(out::add));
        out.sort(Comparator.comparingDouble(SymptomTagCandidate::lift).reversed().thenComparing(Comparator.comparingInt(SymptomTagCandidate::sharedReports).reversed())
                .thenComparing(c -> c.tag().normalized()).thenComparing(c -> c.symptom().id()));
        return out;
    }

    /**
     * Unmapped namespaced tags whose namespace names a concept. A namespace is a code more often than a
     * name ("suite::gkrellm" is under the facet "suite", not the tag labelled "Suite"), so a concept whose
     * notation is the namespace wins over one that only has it as a label.
     */
    private List<BroaderCandidate> byNamespace(UsageMatrix usage, Thresholds th) {
        Map<String, ConceptRef> conceptsByLabel = new HashMap<>();
        try (Session session = driver.session()) {
            session.run(CONCEPT_LABELS).forEachRemaining(r -> {
                String key = r.get("key").asString();
                Value c = r.get("concept");
                ConceptRef concept = new ConceptRef(c.get("id").asString(), c.get("iri").asString(), c.get("label").asString(null));
                boolean byNotation = !r.get("notation").isNull() && key.equals(TagLabel.normalize(r.get("notation").asString()));
                if (byNotation) {
                    conceptsByLabel.put(key, concept);
                } else {
                    conceptsByLabel.putIfAbsent(key, concept);
                }
            });
        }
        List<BroaderCandidate> out = new ArrayList<>();
        for (int i = 0; i < usage.tags.size(); i++) {
            TagRef tag = usage.tags.get(i);
            var m = NAMESPACE.matcher(tag.normalized());
            if (tag.concept() != null || tag.usageCount() < th.minUses() || !m.matches()) {
                continue;
            }
            ConceptRef broader = conceptsByLabel.get(m.group(1));
            if (broader != null) {
                out.add(new BroaderCandidate(tag, null, broader, BroaderCandidate.Basis.LABEL_NAMESPACE, usage.thingsPerTag[i], 0, 0, 1.0, List.of()));
            }
        }
        return out;
    }

    /** Drops suggestions the taxonomy already states (the narrower's concept is the broader one or under it). */
    private List<BroaderCandidate> withoutKnown(List<BroaderCandidate> candidates) {
        List<List<String>> pairs = candidates.stream()
                .filter(c -> c.narrower().concept() != null && c.broaderConcept() != null)
                .map(c -> List.of(c.narrower().concept().id(), c.broaderConcept().id())).distinct().toList();
        Set<String> known;
        try (Session session = driver.session()) {
            known = new HashSet<>(session.run(ALREADY_BROADER, Map.of("pairs", pairs)).single().get("known").asList(Value::asString));
        }
        List<BroaderCandidate> fresh = new ArrayList<>();
        for (BroaderCandidate c : candidates) {
            boolean stated = c.narrower().concept() != null && c.broaderConcept() != null
                    && known.contains(c.narrower().concept().id() + " " + c.broaderConcept().id());
            if (!stated) {
                fresh.add(c);
            }
        }
        return fresh;
    }
}
