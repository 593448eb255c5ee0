package io.peergraph.graph.symptom;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.ConceptProperties;
import io.peergraph.graph.taxonomy.ConceptStatus;
import io.peergraph.graph.taxonomy.TaxonomyIri;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;

/**
 * Symptoms customers describe in their own words. A new one is a {@code :Symptom} with {@code proposedBy} and a
 * CANDIDATE concept of the symptom scheme it is classified as (notation = its key, label = its name), so moderators
 * shape it with the taxonomy's own curation (approve, deprecate = reject, merge); {@link SymptomVisibility} says who
 * sees it meanwhile. The existing symptoms closest to the words are offered first: nothing is made while there are
 * some, unless the customer says none fits. A customer makes at most a given number a day (counted in the graph, so
 * across restarts and instances; the customer's node is locked first so that two requests at once count each other).
 */
public final class SymptomProposals {

    /** How many of the closest existing symptoms are offered. */
    public static final int OFFERED = 5;

    /** The outcome of describing a symptom. */
    public sealed interface Outcome {
        /** Made: a candidate, reportable by its author at once. */
        record Created(Symptom symptom) implements Outcome {}

        /**
         * A symptom the customer may already report has this very name, or another customer's candidate has and the
         * customer joined it (may report it from now on): nothing made.
         */
        record Existing(Symptom symptom) implements Outcome {}

        /** Nothing made: these existing symptoms are close; describe it again saying none fits to make it anyway. */
        record Offered(List<Symptom> closest) implements Outcome {}

        /** The name breaks {@link SymptomName}'s rule. */
        record Invalid(String reason) implements Outcome {}

        /** The customer made {@code perDay} in the last 24 hours; the oldest of them leaves the window in {@code retryAfterSeconds}. */
        record TooMany(int perDay, long retryAfterSeconds) implements Outcome {}
    }

    /** A customer's symptom waiting for a moderator, with how much it is used. */
    public record Candidate(Symptom symptom, String conceptIri, String proposedBy, ZonedDateTime proposedAt, long customers, long reports) {}

    // Takes the customer's write lock first: a second proposal of theirs waits here and then counts this one.
    private static final String LOCK_AND_COUNT = """
            MATCH (c:Customer {id: $customerId})
            SET c.symptomProposedAt = datetime()
            WITH c
            OPTIONAL MATCH (s:Symptom) WHERE s.proposedBy = $customerId AND s.createdAt > datetime() - duration('P1D')
            RETURN count(s) AS made, min(s.createdAt) AS oldest
            """;

    // A candidate of another customer's by the same name (its concept's label key) through concept_status: the
    // caller joins it rather than making a twin, and may report it from now on, which is how it gets used by enough
    // customers to be approved without a moderator.
    private static final String JOIN_SAME = """
            MATCH (c:Concept {status: 'CANDIDATE'})<-[:CLASSIFIED_AS]-(s:Symptom)
            WHERE $same IN c.labelKeys AND s.proposedBy IS NOT NULL AND NOT EXISTS { (s)-[:MERGED_INTO]->() }
            WITH s ORDER BY s.createdAt LIMIT 1
            SET s.describedBy = CASE WHEN $customerId IN s.describedBy THEN s.describedBy ELSE s.describedBy + $customerId END
            RETURN s {.id, .key, .name, broaderId: null} AS s
            """;

    private static final String KEY_TAKEN = "RETURN EXISTS { (:Symptom {key: $key}) } AS taken";

    // The concept as a promoted tag's (TagEdits), in the symptom scheme; constraints symptom_key, concept_iri.
    private static final String CREATE = """
            MATCH (scheme:ConceptScheme {iri: $scheme})
            CREATE (s:Symptom {id: $id, key: $key, name: $name, proposedBy: $customerId, describedBy: [$customerId], createdAt: datetime(), updatedAt: datetime()})
            CREATE (c:Concept {id: $conceptId, iri: $iri, origin: 'CUSTOMER', moderated: [], createdAt: datetime(), updatedAt: datetime()})
            SET c += $concept
            CREATE (c)-[:IN_SCHEME]->(scheme)
            CREATE (c)-[:TOP_CONCEPT_OF]->(scheme)
            CREATE (s)-[:CLASSIFIED_AS]->(c)
            RETURN s {.id, .key, .name, broaderId: null} AS s
            """;

    // Newest first through concept_status; keyset strictly after ($afterMillis, $afterId).
    private static final String CANDIDATES = """
            MATCH (c:Concept {status: 'CANDIDATE'})<-[:CLASSIFIED_AS]-(s:Symptom)
            WHERE s.proposedBy IS NOT NULL AND NOT EXISTS { (s)-[:MERGED_INTO]->() }
            WITH s, c, s.createdAt.epochMillis AS t
            WHERE $afterId IS NULL OR t < $afterMillis OR (t = $afterMillis AND s.id < $afterId)
            WITH s, c ORDER BY s.createdAt DESC, s.id DESC LIMIT $size
            RETURN s {.id, .key, .name, broaderId: null} AS s, c.iri AS conceptIri, s.proposedBy AS proposedBy, s.createdAt AS at,
                   COUNT { MATCH (cu:Customer)-[:REPORTED]->(:Report)-[:SHOWS]->(s) RETURN DISTINCT cu } AS customers,
                   COUNT { (:Report)-[:SHOWS]->(s) } AS reports
            """;

    // Of these symptoms, the customers' candidates that at least $minCustomers distinct customers reported.
    private static final String DUE = """
            UNWIND $ids AS id
            MATCH (s:Symptom {id: id})-[:CLASSIFIED_AS]->(c:Concept {status: 'CANDIDATE'})
            WHERE s.proposedBy IS NOT NULL AND NOT EXISTS { (s)-[:MERGED_INTO]->() }
            WITH s, c, COUNT { MATCH (cu:Customer)-[:REPORTED]->(:Report)-[:SHOWS]->(s) RETURN DISTINCT cu } AS customers
            WHERE customers >= $minCustomers
            RETURN c.iri AS iri, customers
            """;

    private static final String CONCEPT_OF = """
            MATCH (s:Symptom {id: $id})-[:CLASSIFIED_AS]->(c:Concept)
            RETURN c.iri AS iri ORDER BY c.iri LIMIT 1
            """;

    private final Driver driver;
    private final SymptomStore symptoms;

    public SymptomProposals(GraphConnection graph, SymptomStore symptoms) {
        this.driver = graph.driver();
        this.symptoms = symptoms;
    }

    /**
     * A customer describes a symptom. {@code noneFits}: they saw the closest ones and want theirs anyway. The name is
     * checked before anything else, the daily bound before the offer, so a refused call reveals nothing.
     */
    public Outcome propose(String customerId, String rawName, boolean noneFits, int perDay) {
        String name = SymptomName.normalize(rawName);
        Optional<String> problem = SymptomName.problem(name);
        if (problem.isPresent()) {
            return new Outcome.Invalid(problem.get());
        }
        List<Symptom> closest = symptoms.closest(name, customerId, OFFERED);
        String same = SymptomName.sameness(name);
        Optional<Symptom> existing = closest.stream().filter(s -> s.name() != null && same.equals(SymptomName.sameness(s.name()))).findFirst();
        if (existing.isPresent()) {
            return new Outcome.Existing(existing.get());
        }
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> {
                List<Record> counted = tx.run(LOCK_AND_COUNT, Map.of("customerId", customerId)).list();
                if (counted.isEmpty()) {
                    throw new IllegalStateException("no customer " + customerId);
                }
                List<Record> joined = tx.run(JOIN_SAME, Map.of("same", same, "customerId", customerId)).list();
                if (!joined.isEmpty()) {
                    return new Outcome.Existing(SymptomStore.map(joined.getFirst().get("s")));
                }
                long made = counted.getFirst().get("made").asLong();
                if (made >= perDay) {
                    ZonedDateTime oldest = counted.getFirst().get("oldest").asZonedDateTime();
                    long wait = Math.max(1, java.time.Duration.between(ZonedDateTime.now(oldest.getZone()), oldest.plusDays(1)).toSeconds());
                    return new Outcome.TooMany(perDay, wait);
                }
                if (!closest.isEmpty() && !noneFits) {
                    return new Outcome.Offered(closest);
                }
                return new Outcome.Created(create(tx, customerId, name));
            });
        }
    }

    private static Symptom create(TransactionContext tx, String customerId, String name) {
        String key = freeKey(tx, "proposed/" + SymptomName.slug(name));
        String conceptId = PublicId.CONCEPT.random();
        Map<String, Object> concept = new HashMap<>();
        concept.put(ConceptProperties.key(ConceptProperties.PREF_LABEL, "en"), name);
        concept.put(ConceptProperties.STATUS, ConceptStatus.CANDIDATE.name());
        concept.put("notation", key);
        concept.put("labelKeys", List.of(SymptomName.sameness(name)));
        Map<String, Object> p = new HashMap<>();
        p.put("scheme", ConceptHierarchy.SYMPTOM_SCHEME);
        p.put("id", PublicId.SYMPTOM.fromKey(key));
        p.put("key", key);
        p.put("name", name);
        p.put("customerId", customerId);
        p.put("conceptId", conceptId);
        p.put("iri", TaxonomyIri.concept(conceptId));
        p.put("concept", concept);
        List<Record> rows = tx.run(CREATE, p).list();
        if (rows.isEmpty()) {
            throw new IllegalStateException("the symptom scheme " + ConceptHierarchy.SYMPTOM_SCHEME + " is not loaded");
        }
        return SymptomStore.map(rows.getFirst().get("s"));
    }

    /** {@code base}, or base-2, base-3 … the first no symptom has (then random, never looping long). */
    private static String freeKey(TransactionContext tx, String base) {
        for (int n = 1; n <= 5; n++) {
            String key = n == 1 ? base : base + "-" + n;
            if (!tx.run(KEY_TAKEN, Map.of("key", key)).single().get("taken").asBoolean()) {
                return key;
            }
        }
        return base + "-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    /** Candidates newest first, strictly after the keyset cursor (epoch millis, symptom id) when given. */
    public List<Candidate> candidates(Long afterMillis, String afterId, int size) {
        Map<String, Object> p = new HashMap<>();
        p.put("afterMillis", afterMillis);
        p.put("afterId", afterId);
        p.put("size", size);
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run(CANDIDATES, p).list(r -> new Candidate(SymptomStore.map(r.get("s")),
                    r.get("conceptIri").asString(), r.get("proposedBy").asString(), r.get("at").asZonedDateTime(),
                    r.get("customers").asLong(), r.get("reports").asLong())));
        }
    }

    /** Concept IRIs of the candidates among these symptoms that {@code minCustomers} customers reported, with that count. */
    public Map<String, Long> dueForApproval(Collection<String> symptomIds, int minCustomers) {
        if (symptomIds.isEmpty()) {
            return Map.of();
        }
        try (Session session = driver.session()) {
            Map<String, Long> due = new HashMap<>();
            session.executeRead(tx -> tx.run(DUE, Map.of("ids", List.copyOf(symptomIds), "minCustomers", minCustomers)).list())
                    .forEach(r -> due.put(r.get("iri").asString(), r.get("customers").asLong()));
            return due;
        }
    }

    /** The IRI of the concept a symptom is classified as, if any. */
    public Optional<String> conceptOf(String symptomId) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run(CONCEPT_OF, Map.of("id", symptomId)).list()).stream().findFirst()
                    .map(r -> r.get("iri").asString());
        }
    }

}
