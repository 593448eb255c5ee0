package io.peergraph.graph.peers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * "Others with my configuration who saw this symptom — and what worked for them."
 *
 * <p>Starts from neither side of the graph: the {@code report_peer_signature} full-text index holds, per
 * shareable report, its symptoms with everything above them in the taxonomy ({@link PeerSignature}), its
 * configuration's items and its owner. One Lucene query asks for reports whose signature holds the symptom or a
 * concept it is classified under (so narrower symptoms, by key or through the taxonomy, count without being listed)
 * and share any of my items, excluding my own, and keeps only the best {@code $pool}: a shared item weighs by its
 * rarity (BM25 idf), so a shared rare GPU counts far more than a shared common amount of RAM. The cost depends on
 * the symptom's posting list inside Lucene, not on walking tens of thousands of reports, nor on how many narrower
 * symptoms the taxonomy holds.
 *
 * <p>Solutions are ranked by what the peers in that pool confirmed, by the lower bound of the 95 % Wilson
 * score interval of "worked": 1 of 1 (0.21) never beats 40 of 50 (0.67).
 */
public final class PeersWithSymptomQuery {

    /** Peers whose confirmations rank the solutions: the most similar ones, bounded so the cost is too. */
    public static final int SOLUTION_POOL = 200;

    // Ids come from the graph (well-formed, [a-z0-9_]), never from user text, so the Lucene query cannot be
    // injected into; the caller's ids are only ever Cypher parameters.
    private static final String SIGNATURE_QUERY = """
            MATCH (owner:Customer)-[:OWNS]->(me:Configuration {id: $configurationId})
            WHERE $askerId IS NULL OR owner.id = $askerId
            MATCH (symptom:Symptom {id: $symptomId})
            // The symptom's id and its concepts' ids: every report showing it or a narrower symptom carries one of them.
            WITH owner, me, symptom, [(symptom)-[:CLASSIFIED_AS]->(c:Concept) | c.id] AS conceptIds
            CALL (me) {
              MATCH (me)-[:INCLUDES]->(i:ConfigItem)
              RETURN collect(i {.id, .kind, .value}) AS mine
            }
            WITH symptom, conceptIds, mine, owner WHERE size(mine) > 0
            WITH symptom, conceptIds, mine,
                 '+peerSymptoms:(' + reduce(q = symptom.id, c IN conceptIds | q + ' ' + c) + ')'
                 + ' +peerItems:(' + reduce(q = '', i IN mine | q + ' ' + i.id) + ') -peerOwner:' + owner.id AS lucene
            """;

    /** One round trip: a page of peer reports and the ranked solutions (whole: no second query fetches them). */
    public static final String CYPHER = SIGNATURE_QUERY + """
            CALL (lucene) { // a row even when nobody matches: an empty answer, not a missing one
              CALL db.index.fulltext.queryNodes('report_peer_signature', lucene, {limit: $pool}) YIELD node, score
              WITH node AS r, score ORDER BY score DESC, r.id LIMIT $pool
              RETURN collect({r: r, score: score}) AS hits
            }
            CALL (hits, mine) {
              UNWIND hits[$offset..$offset + $first + 1] AS hit
              WITH hit.r AS r, hit.score AS score, mine
              RETURN collect(r {.id, .title, .status, .occurredAt, .createdAt, score: score, ownerId: r.peerOwner,
                                product: head([(r)-[:ABOUT]->(p:Product) | p {.id, .key, .name, .verified, .createdAt}]),
                                symptoms: [(r)-[:SHOWS]->(s:Symptom) | s {.id, .key, .name, broaderId: head([(s)-[:BROADER]->(b:Symptom) | b.id])}],
                                shared: [i IN mine WHERE r.peerItems CONTAINS i.id]}) AS page
            }
            CALL (hits, symptom, conceptIds) {
              UNWIND hits AS hit
              WITH DISTINCT hit.r.peerOwner AS peerId, symptom, conceptIds
              MATCH (:Customer {id: peerId})-[:CONFIRMED]->(cf:Confirmation)-[:OF]->(sol:Solution)
              // Solves the symptom or one under it: walked up from the solution's symptoms, as signatures are.
              WHERE EXISTS { (sol)-[:SOLVES]->(s:Symptom)
                             WHERE s = symptom OR EXISTS { (s)-[:BROADER*1..8]->(symptom) }
                                OR EXISTS { (s)-[:CLASSIFIED_AS]->(:Concept)-[:BROADER*0..8]->(c:Concept) WHERE c.id IN conceptIds } }
              WITH sol, toFloat(sum(CASE WHEN cf.worked THEN 1 ELSE 0 END)) AS worked, toFloat(count(cf)) AS total,
                   count(DISTINCT peerId) AS peers
              WITH sol, worked, total, peers, worked / total AS p, 1.96 * 1.96 AS z2
              WITH sol, worked, total, peers,
                   (p + z2 / (2 * total) - sqrt(z2) * sqrt(p * (1 - p) / total + z2 / (4 * total * total))) / (1 + z2 / total) AS rank
              ORDER BY rank DESC, total DESC, sol.id
              LIMIT $solutions
              RETURN collect({solution: sol {.id, .title, .steps, .kind, .createdAt,
                                                  proposerId: head([(proposer:Customer)-[:PROPOSED]->(sol) | proposer.id]),
                                                  symptomIds: [(sol)-[:SOLVES]->(s:Symptom) | s.id]},
                              worked: toInteger(worked), total: toInteger(total), peers: peers, rank: rank}) AS solutions
            }
            RETURN page, solutions
            """;

    /** How many other customers with a shareable, overlapping configuration reported the symptom. */
    public static final String COUNT_CYPHER = SIGNATURE_QUERY + """
            CALL db.index.fulltext.queryNodes('report_peer_signature', lucene) YIELD node
            RETURN count(DISTINCT node.peerOwner) AS peers
            """;

    private final Neo4jClient client;

    public PeersWithSymptomQuery(Neo4jClient client) {
        this.client = client;
    }

    /**
     * {@code askerId}, when given, must own the configuration, else there is no answer row: the usual question (about
     * one's own configuration) is settled in the one round trip; null when the caller's right was checked already.
     */
    public static Map<String, Object> parameters(String askerId, String configurationId, String symptomId, int offset, int first, int solutions) {
        Map<String, Object> p = new HashMap<>();
        p.put("askerId", askerId);
        p.put("configurationId", configurationId);
        p.put("symptomId", symptomId);
        p.put("offset", offset);
        p.put("first", first);
        p.put("pool", Math.max(SOLUTION_POOL, offset + first + 1));
        p.put("solutions", solutions);
        return p;
    }

    /** Empty when the configuration has no items, is not the asker's, or the symptom does not exist. */
    public Optional<PeerAnswer> run(String askerId, String configurationId, String symptomId, int offset, int first, int solutions) {
        return client.query(CYPHER).bindAll(parameters(askerId, configurationId, symptomId, offset, first, solutions))
                .fetchAs(PeerAnswer.class).mappedBy((t, r) -> map(r, offset, first)).one();
    }

    public long peerCount(String configurationId, String symptomId) {
        return client.query(COUNT_CYPHER).bindAll(parameters(null, configurationId, symptomId, 0, 0, 0))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("peers").asLong()).one().orElse(0L);
    }

    static PeerAnswer map(Record r, int offset, int first) {
        List<PeerReport> reports = r.get("page").asList(PeerReport::from);
        boolean hasNext = reports.size() > first;
        return new PeerAnswer(reports.subList(0, Math.min(first, reports.size())),
offset, hasNext, r.get("solutions").asList(RankedSolution::from));
    }
}
