package io.peergraph.graph.peers;

import io.peergraph.graph.facet.DeclaredKinds;
import io.peergraph.graph.facet.ItemFacets;
import io.peergraph.graph.facet.ItemRelation;
import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.solution.ConfirmationTotals;
import io.peergraph.graph.symptom.SymptomVisibility;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.peergraph.graph.stuff.ConfigItem;
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
 * rarity (BM25 idf, Lucene's own: not {@link io.peergraph.graph.stuff.Rarity}, since the top-k is kept inside the
 * index), so a shared rare GPU counts far more than a shared common amount of RAM. The cost depends on
 * the symptom's posting list inside Lucene, not on walking tens of thousands of reports, nor on how many narrower
 * symptoms the taxonomy holds.
 *
 * <p>Solutions are every solution of the symptom or one under it, ranked by {@link SolutionRanking}: how often each
 * is tried at all, what the peers in that pool confirmed, and, when the question names the product, what its
 * reports tried, recent evidence weighing more (docs/ranking.md).
 *
 * <p>The page comes twice: as reports, and counted in peers ({@link PeerMatch}: one row per peer with their best
 * reports, scored 0–1 against my items by rarity, with what is shared and what differs).
 */
public final class PeersWithSymptomQuery {

    /** Peers whose confirmations rank the solutions: the most similar ones, bounded so the cost is too. */
    public static final int SOLUTION_POOL = 200;

    /**
     * The boost of a concept term of my item (another item of its concept) in the Lucene query, beside 1 for the item
     * itself. Half, as PeerMatch counts a relative half: a peer with a relative of my rare GPU ranks above one with my
     * common RAM size (BM25's idf still weighs the concept by its own rarity, and a concept is always more common than
     * each of its items), never above one with the GPU itself, who matches both terms. Chosen, not tuned; measured with
     * bench/run-answers.sh (docs/benchmarks.md, issue 19: MRR 0.826 against 0.827 without concept terms on the same 500
     * questions, no measurable change to the solutions; what it changes is who is found and why).
     */
    static final double CONCEPT_BOOST = 0.5;

    /** The same for a concept one level above my item's (a family a moderator linked it under): a looser relative. */
    static final double BROADER_BOOST = 0.25;

    /** The concepts of the item {@code i} ({@link ItemRelation#concepts(String)}): the question's concept terms, and PeerMatch's. */
    private static final String ITEM_CONCEPTS = ItemRelation.concepts("i");

    // The asker's right: only its cheapest case (they own the configuration, Visibility.cypherOwns, and may see the
    // symptom, SymptomVisibility) in this round trip; anyone else, or a symptom hidden from them, is settled by the
    // caller's own checks (AccessQuery, SymptomStore.visible), which then asks again with $askerId null.
    // Ids come from the graph (well-formed, [a-z0-9_]), never from user text, so the Lucene query cannot be
    // injected into; the caller's ids are only ever Cypher parameters.
    private static final String SIGNATURE_QUERY = """
            MATCH (owner:Customer)-[:OWNS]->(me:Configuration {id: $configurationId})
            WHERE $askerId IS NULL OR """ + Visibility.cypherOwns("owner", "$askerId") + """

            MATCH (symptom:Symptom {id: $symptomId})
            WHERE $askerId IS NULL OR SYMPTOM_VISIBLE
            // The symptom's id and its concepts' ids: every report showing it or a narrower symptom carries one of them.
            WITH owner, me, symptom, [(symptom)-[:CLASSIFIED_AS]->(c:Concept) | c.id] AS conceptIds
            CALL (me) {
              MATCH (me)-[:INCLUDES]->(i:ConfigItem)
              RETURN collect(i {.id, .kind, .value, concepts: ITEM_CONCEPTS}) AS mine
            }
            WITH symptom, conceptIds, mine, owner WHERE size(mine) > 0
            WITH symptom, conceptIds, mine,
                 '+peerSymptoms:(' + reduce(q = symptom.id, c IN conceptIds | q + ' ' + c) + ')'
                 + ' +peerItems:(' + reduce(q = '', i IN mine | q + ' ' + i.id
                     + reduce(t = '', c IN i.concepts | t + ' CONCEPT_TERM' + c.id + CASE c.depth WHEN 0 THEN '^CONCEPT_BOOST' ELSE '^BROADER_BOOST' END))
                 + ') -peerOwner:' + owner.id AS lucene
            """.replace("SYMPTOM_VISIBLE", SymptomVisibility.visibleTo("symptom", "$askerId"))
            .replace("ITEM_CONCEPTS", ITEM_CONCEPTS).replace("CONCEPT_TERM", PeerSignature.CONCEPT_TERM)
            .replace("CONCEPT_BOOST", Double.toString(CONCEPT_BOOST)).replace("BROADER_BOOST", Double.toString(BROADER_BOOST));

    /** A peer row's reports: their best-matching ones, at most this many. */
    public static final int REPORTS_PER_PEER = 5;

    /** What an answer shows of a peer's report (a map projection of {@code r}, its hit's {@code score} beside it); twice the
     * excerpt's length of text, since PeerReport.excerpt collapses whitespace before it cuts. */
    private static final String REPORT_FIELDS = """
            r {.id, .title, .status, .occurredAt, .createdAt, score: score, ownerId: r.peerOwner,
               text: left(r.text, %d),
               product: head([(r)-[:ABOUT]->(p:Product) | p {.id, .key, .name, .verified, .createdAt}]),
               symptoms: [(r)-[:SHOWS]->(s:Symptom) | s {.id, .key, .name, broaderId: head([(s)-[:BROADER]->(b:Symptom) | b.id])}],
               shared: [i IN mine WHERE r.peerItems CONTAINS i.id]}""".formatted(2 * PeerReport.EXCERPT_LENGTH);

    /** One round trip: a page of peer reports and the ranked solutions (whole: no second query fetches them). */
    public static final String CYPHER = (SIGNATURE_QUERY + """
            CALL (lucene) { // a row even when nobody matches: an empty answer, not a missing one
              CALL db.index.fulltext.queryNodes('report_peer_signature', lucene, {limit: $pool}) YIELD node, score
              WITH node AS r, score ORDER BY score DESC, r.id LIMIT $pool
              RETURN collect({r: r, score: score}) AS hits
            }
            CALL (hits, mine) {
              UNWIND hits[$offset..$offset + $first + 1] AS hit
              WITH hit.r AS r, hit.score AS score, mine
              RETURN collect(REPORT_FIELDS) AS page
            }
            // The same page counted in peers: one row per peer (by their best report), their best reports inside, and
            // the items of the configuration of their closest report, to say how alike it is to mine (PeerMatch).
            CALL (hits, mine) {
              UNWIND hits AS hit
              WITH hit.r.peerOwner AS ownerId, collect(hit) AS theirs, max(hit.score) AS best, mine
              ORDER BY best DESC, ownerId SKIP $offset LIMIT $first + 1
              CALL (theirs, mine) {
                UNWIND theirs[..$reportsPerPeer] AS hit
                WITH hit.r AS r, hit.score AS score, mine
                RETURN collect(REPORT_FIELDS) AS reports, head(collect(r)) AS closest
              }
              RETURN collect({ownerId: ownerId, score: best, reports: reports,
                              items: [(closest)-[:ON]->(:Configuration)-[:INCLUDES]->(i:ConfigItem) | i {.id, .kind, .value, concepts: ITEM_CONCEPTS}]}) AS peers
            }
            // My items with how many configurations hold each (their rarity), and how many configurations there are.
            CALL (mine) {
              UNWIND mine AS m
              MATCH (i:ConfigItem {id: m.id})
              RETURN collect(i {.id, .kind, .value, configurations: COUNT { (i)<-[:INCLUDES]-() }, concepts: m.concepts}) AS rarity,
                     COUNT { (:Configuration) } AS configurations
            }
            // The symptoms the question covers: the symptom, those under it, those classified under its concepts.
            CALL (symptom, conceptIds) {
              CALL (symptom, conceptIds) {
                MATCH (symptom)<-[:BROADER*0..8]-(s:Symptom) RETURN s
                UNION
                MATCH (c:Concept)<-[:BROADER*0..8]-(:Concept)<-[:CLASSIFIED_AS]-(s:Symptom) WHERE c.id IN conceptIds RETURN s
              }
              RETURN collect(DISTINCT s) AS covered
            }
            // Their solutions, once: what the levels below rank.
            CALL (covered) {
              UNWIND covered AS s
              MATCH (s)<-[:SOLVES]-(sol:Solution)
              RETURN collect(DISTINCT sol) AS coveredSolutions
            }
            // Everyone: every solution of a covered symptom with how often it was tried at all (its confirmations: the
            // OF degree, nothing else points OF at a solution), the most tried first; a just-proposed one (tried by
            // nobody) still has its row. For those kept, how often it worked and how much of it is recent (what people
            // use now, by a short half-life): the totals kept on the solution (ConfirmationTotals) when they hold for
            // this question, else (a confirmation dated after $now, another half-life) its confirmations, read.
            CALL (coveredSolutions) {
              UNWIND coveredSolutions AS sol
              WITH sol, COUNT { (sol)<-[:OF]-() } AS tried
              ORDER BY tried DESC, sol.id LIMIT $candidates
              WITH sol, tried, tried = 0 OR ($recentHalfLifeDays = $keptHalfLifeDays AND coalesce(sol.lastConfirmedAt <= $now, false)) AS kept
              CALL (sol, kept) {
                WITH sol WHERE kept
                RETURN coalesce(sol.confirmationsWorked, 0) AS worked, RECENT AS recent, RECENT_WORKED AS recentWorked
                UNION ALL
                WITH sol WHERE NOT kept
                OPTIONAL MATCH (sol)<-[:OF]-(cf:Confirmation)
                WITH sol, cf, duration.inSeconds(coalesce(cf.at, cf.createdAt, $now), $now).seconds / 86400.0 AS age
                WITH sol, cf, CASE WHEN cf IS NULL THEN 0.0 ELSE 0.5 ^ (CASE WHEN age < 0 THEN 0 ELSE age END / $recentHalfLifeDays) END AS w
                // Grouped by the solution: no row at all when it is kept (an aggregate over nothing would give one).
                WITH sol, count(CASE WHEN cf.worked THEN 1 END) AS worked, sum(w) AS recent,
                     sum(CASE WHEN cf.worked THEN w ELSE 0.0 END) AS recentWorked
                RETURN worked, recent, recentWorked
              }
              RETURN collect({id: sol.id, tried: tried, worked: worked, recent: recent, recentWorked: recentWorked}) AS everyone
            }
            // Configurations like mine: the confirmations of the pool's peers of a solution of a covered symptom, by age.
            CALL (hits, coveredSolutions) {
              UNWIND hits AS hit
              WITH DISTINCT hit.r.peerOwner AS peerId, coveredSolutions
              MATCH (:Customer {id: peerId})-[:CONFIRMED]->(cf:Confirmation)-[:OF]->(sol:Solution)
              WHERE sol IN coveredSolutions
              WITH sol, cf, peerId, 0.5 ^ (duration.inSeconds(coalesce(cf.at, cf.createdAt, $now), $now).seconds / 86400.0 / $halfLifeDays) AS w
              WITH sol, sum(CASE WHEN cf.worked THEN 1 ELSE 0 END) AS worked, count(cf) AS total, count(DISTINCT peerId) AS peers,
                   sum(CASE WHEN cf.worked THEN w ELSE 0.0 END) AS workedWeight, sum(w) AS triedWeight
              RETURN collect({id: sol.id, worked: worked, total: total, peers: peers, workedWeight: workedWeight,
                              triedWeight: triedWeight}) AS similar
            }
            // The same product: its reports that tried a solution of a covered symptom (solved: it worked), by age.
            CALL (coveredSolutions) {
              OPTIONAL MATCH (:Product {id: $productId})<-[:ABOUT]-(r:Report)-[:TRIED]->(sol:Solution)
              WHERE sol IN coveredSolutions
              WITH sol, r, 0.5 ^ (duration.inSeconds(coalesce(r.occurredAt, r.createdAt, $now), $now).seconds / 86400.0 / $halfLifeDays) AS w
              WITH sol, sum(CASE WHEN r.status = 'SOLVED' THEN 1 ELSE 0 END) AS worked, count(r) AS total,
                   sum(CASE WHEN r.status = 'SOLVED' THEN w ELSE 0.0 END) AS workedWeight, sum(w) AS triedWeight
              WHERE sol IS NOT NULL
              RETURN collect({id: sol.id, worked: worked, total: total, workedWeight: workedWeight, triedWeight: triedWeight}) AS product
            }
            // The candidates' own fields, once each, for the ranking done in Java (SolutionRanking).
            CALL (everyone, similar, product) {
              UNWIND everyone + similar + product AS row
              WITH DISTINCT row.id AS id
              MATCH (sol:Solution {id: id})
              RETURN collect(sol {.id, .title, .steps, .kind, .createdAt,
                                  proposerId: head([(proposer:Customer)-[:PROPOSED]->(sol) | proposer.id]),
                                  symptomIds: [(sol)-[:SOLVES]->(s:Symptom) | s.id],
                                  tried: COUNT { (sol)<-[:OF]-() }}) AS candidates
            }
            RETURN page, peers, rarity, configurations, candidates, everyone, similar, product
            """).replace("REPORT_FIELDS", REPORT_FIELDS).replace("ITEM_CONCEPTS", ITEM_CONCEPTS)
            .replace("RECENT_WORKED", ConfirmationTotals.recent("sol", true)).replace("RECENT", ConfirmationTotals.recent("sol", false));

    /** How many other customers with a shareable, overlapping configuration reported the symptom. */
    public static final String COUNT_CYPHER = SIGNATURE_QUERY + """
            CALL db.index.fulltext.queryNodes('report_peer_signature', lucene) YIELD node
            RETURN count(DISTINCT node.peerOwner) AS peers
            """;

    private final Neo4jClient client;
    private final DeclaredKinds declaredKinds;

    public PeersWithSymptomQuery(Neo4jClient client) {
        this.client = client;
        this.declaredKinds = new DeclaredKinds(client);
    }

    /**
     * {@code askerId}, when given, must own the configuration and see the symptom ({@link SymptomVisibility#VISIBLE}),
     * else there is no answer row: the usual question (about one's own configuration, a symptom they may see) is settled
     * in the one round trip; null when the caller's right was checked already.
     */
    public static Map<String, Object> parameters(String askerId, String configurationId, String symptomId, int offset, int first, int solutions) {
        return parameters(askerId, configurationId, symptomId, null, Instant.now(), offset, first, SolutionRanking.DEFAULT);
    }

    /** {@code productId}: the product the problem is about, whose reports' evidence is preferred (null: none); {@code now}: evidence ages from it. */
    public static Map<String, Object> parameters(String askerId, String configurationId, String symptomId, String productId, Instant now,
                                                 int offset, int first, SolutionRanking ranking) {
        Map<String, Object> p = new HashMap<>();
        p.put("askerId", askerId);
        p.put("configurationId", configurationId);
        p.put("symptomId", symptomId);
        p.put("productId", productId);
        p.put("now", now.atOffset(ZoneOffset.UTC));
        p.put("halfLifeDays", ranking.halfLifeDays());
        p.put("recentHalfLifeDays", ranking.recentHalfLifeDays());
        p.put("keptHalfLifeDays", ConfirmationTotals.HALF_LIFE_DAYS);
        p.put("candidates", ranking.candidates());
        p.put("offset", offset);
        p.put("first", first);
        p.put("pool", Math.max(SOLUTION_POOL, offset + first + 1));
        p.put("reportsPerPeer", REPORTS_PER_PEER);
        return p;
    }

    /** Empty when the configuration has no items, is not the asker's, or the symptom does not exist or is hidden from the asker. */
    public Optional<PeerAnswer> run(String askerId, String configurationId, String symptomId, int offset, int first, int solutions) {
        return run(askerId, configurationId, symptomId, null, Instant.now(), offset, first, solutions, SolutionRanking.DEFAULT);
    }

    /** The same, about a product (null: any) at a time (evidence ages from it), ranked by {@code ranking}. */
    public Optional<PeerAnswer> run(String askerId, String configurationId, String symptomId, String productId, Instant now,
                                    int offset, int first, int solutions, SolutionRanking ranking) {
        ItemFacets facets = declaredKinds.read(); // the families each kind declares, for the peers' partial matches
        return client.query(CYPHER).bindAll(parameters(askerId, configurationId, symptomId, productId, now, offset, first, ranking))
                .fetchAs(PeerAnswer.class).mappedBy((t, r) -> map(r, offset, first, solutions, ranking, facets)).one();
    }

    public long peerCount(String configurationId, String symptomId) {
        return client.query(COUNT_CYPHER).bindAll(parameters(null, configurationId, symptomId, 0, 0, 0))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("peers").asLong()).one().orElse(0L);
    }

    private static ConfigItem item(org.neo4j.driver.Value i, long configurations) {
        return new ConfigItem(i.get("id").asString(), i.get("kind").asString(), i.get("value").asString(), configurations);
    }

    static PeerAnswer map(Record r, int offset, int first, int solutions, SolutionRanking ranking, ItemFacets facets) {
        List<PeerReport> reports = r.get("page").asList(PeerReport::from);
        boolean hasNext = reports.size() > first;
        List<ConfigItem> mine = r.get("rarity").asList(i -> item(i, i.get("configurations").asLong()));
        long configurations = r.get("configurations").asLong();
        Map<String, List<ItemRelation.ItemConcept>> concepts = new HashMap<>();
        r.get("rarity").values().forEach(i -> concepts.put(i.get("id").asString(), ItemRelation.concepts(i.get("concepts"))));
        r.get("peers").values().forEach(p -> p.get("items").values().forEach(i -> concepts.put(i.get("id").asString(),
                ItemRelation.concepts(i.get("concepts")))));
        // Ordered here: the rows come out of a subquery per peer, which need not keep the order they went in with.
        List<PeerMatch> peers = r.get("peers").asList(p -> p).stream()
                .sorted(java.util.Comparator.comparingDouble((org.neo4j.driver.Value p) -> -p.get("score").asDouble())
                        .thenComparing(p -> p.get("ownerId").asString()))
                .map(p -> PeerMatch.of(facets, concepts, p.get("ownerId").asString(), mine, p.get("items").asList(i -> item(i, 0)), configurations,
                        p.get("reports").asList(PeerReport::from)))
                .toList();
        return new PeerAnswer(reports.subList(0, Math.min(first, reports.size())), offset, hasNext, ranking.rank(r, solutions),
                peers.subList(0, Math.min(first, peers.size())), peers.size() > first);
    }
}
