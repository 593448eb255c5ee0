package io.peergraph.graph.tag;

import io.peergraph.graph.taxonomy.ConceptRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Which things carry which tags, read once for a round of suggestions: tags (merged ones excluded, their
 * applications already moved to the survivor) and, per tagged thing, the indexes of its tags and of the symptoms it
 * shows (reports only).
 */
final class UsageMatrix {

    private static final String TAGS = """
            MATCH (t:Tag)
            WHERE NOT EXISTS { (t)-[:MERGED_INTO]->() } AND t.usageCount > 0
            RETURN t.id AS id, t.label AS label, t.normalized AS normalized, t.usageCount AS usageCount,
                   head([(t)-[:MEANS]->(c:Concept) | c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)}]) AS concept
            ORDER BY t.normalized
            """;

    private static final String THINGS = """
            MATCH (x)-[:TAGGED]->(t:Tag)
            WITH x, collect(DISTINCT t.id) AS tags
            RETURN x.id AS thing, tags, [(x)-[:SHOWS]->(s:Symptom) | s.id] AS symptoms
            """;

    final List<TagRef> tags = new ArrayList<>();
    final Map<String, Integer> indexOf = new HashMap<>();
    final List<String> thingIds = new ArrayList<>();
    final List<int[]> thingTags = new ArrayList<>();
    /** Symptom ids, in the order of their first appearance; {@link #thingSymptoms} holds indexes into it. */
    final List<String> symptomIds = new ArrayList<>();
    final List<int[]> thingSymptoms = new ArrayList<>();
    final int[] thingsPerTag;
    private final Map<String, Integer> symptomIndex = new HashMap<>();

    UsageMatrix(Driver driver) {
        try (Session session = driver.session()) {
            session.run(TAGS).forEachRemaining(r -> {
                indexOf.put(r.get("id").asString(), tags.size());
                tags.add(new TagRef(r.get("id").asString(), r.get("label").asString(), r.get("normalized").asString(),
                        r.get("usageCount").asLong(), concept(r.get("concept"))));
            });
            thingsPerTag = new int[tags.size()];
            session.run(THINGS).forEachRemaining(r -> {
                int[] ids = r.get("tags").asList(Value::asString).stream().filter(indexOf::containsKey).mapToInt(indexOf::get).sorted().toArray();
                thingIds.add(r.get("thing").asString());
                thingTags.add(ids);
                thingSymptoms.add(r.get("symptoms").asList(Value::asString).stream().mapToInt(id -> symptomIndex.computeIfAbsent(id, k -> {
                    symptomIds.add(k);
                    return symptomIds.size() - 1;
                })).distinct().sorted().toArray());
                for (int t : ids) {
                    thingsPerTag[t]++;
                }
            });
        }
    }

    /** Things tagged with both, as a map from the packed pair (low index first) to the count. */
    Map<Long, Integer> pairCounts() {
        Map<Long, Integer> pairs = new HashMap<>();
        for (int[] ts : thingTags) {
            for (int i = 0; i < ts.length; i++) {
                for (int j = i + 1; j < ts.length; j++) {
                    pairs.merge(pair(ts[i], ts[j]), 1, Integer::sum);
                }
            }
        }
        return pairs;
    }

    /** Up to {@code max} things tagged with both. */
    List<String> examples(int a, int b, int max) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < thingTags.size() && out.size() < max; i++) {
            int[] ts = thingTags.get(i);
            if (java.util.Arrays.binarySearch(ts, a) >= 0 && java.util.Arrays.binarySearch(ts, b) >= 0) {
                out.add(thingIds.get(i));
            }
        }
        return out;
    }

    /** Up to {@code max} reports tagged {@code tag} that show the symptom of index {@code symptom}. */
    List<String> reportsWith(int tag, int symptom, int max) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < thingTags.size() && out.size() < max; i++) {
            if (java.util.Arrays.binarySearch(thingTags.get(i), tag) >= 0 && java.util.Arrays.binarySearch(thingSymptoms.get(i), symptom) >= 0) {
                out.add(thingIds.get(i));
            }
        }
        return out;
    }

    int symptomIndex(String symptomId) {
        return symptomIndex.get(symptomId);
    }

    static long pair(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    private static ConceptRef concept(Value v) {
        return v == null || v.isNull() ? null : new ConceptRef(v.get("id").asString(), v.get("iri").asString(), v.get("label").asString(null));
    }
}
