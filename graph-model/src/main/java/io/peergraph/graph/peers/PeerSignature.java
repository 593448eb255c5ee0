package io.peergraph.graph.peers;

import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.facet.ItemRelation;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The peer signature of a report: the terms of the {@code report_peer_signature} full-text index that lets
 * "others with my configuration who saw this symptom" rank peers without walking every report of a popular
 * symptom. Lucene scores the shared configuration items by their rarity (BM25 idf) and keeps only the top-k.
 *
 * <p>A report carries a signature only while it may be shown to peers: the report is not private, its
 * configuration takes part in peer listings. Everything that writes reports, symptoms or those privacy
 * settings refreshes it ({@link #refresh}) in the same transaction, so the index never shows what it must not:
 * graph-model's operations that change reports, their symptoms, their configuration's items or those settings
 * (ReportStore, ConfigurationStore, the imports, {@link SignatureResign}) do it themselves, so no caller can forget.
 * The items are those of the configuration when the signature is refreshed, each with the concepts it is classified
 * under ({@link #TERMS_OF_ITEM}).
 *
 * <p>The symptom terms carry the taxonomy above each symptom the report shows ({@link #TERMS_OF_SYMPTOM}), so a
 * question about a broad symptom is one or two terms however many narrower symptoms there are (docs/taxonomy.md).
 * Whatever changes that taxonomy re-signs the reports below the change ({@link SignatureResign}).
 */
public final class PeerSignature {

    /**
     * The index terms of the symptom {@code s} (rows of {@code term}): its id, its broader symptoms by key
     * ({@code audio} above {@code audio/crackling}), and the concepts it is classified under with their broader
     * concepts. The reverse of the question's expansion: a report shows a symptom under S (by key or through the
     * taxonomy) exactly when its signature holds S's id or the id of a concept S is classified under. Depth 8 as in
     * the question before this (PeersWithSymptomQuery), so a damaged taxonomy cannot explode a signature.
     */
    public static final String TERMS_OF_SYMPTOM = """
            CALL (s) {
              RETURN s.id AS term
              UNION
              MATCH (s)-[:BROADER*1..8]->(b:Symptom)
              RETURN b.id AS term
              UNION
              MATCH (s)-[:CLASSIFIED_AS]->(:Concept)-[:BROADER*0..8]->(c:Concept)
              RETURN c.id AS term
            }
            """;

    /**
     * Put before a concept's id among an item's terms ({@link #TERMS_OF_ITEM}), so a concept term can never be taken
     * for an item id, whatever ids look like.
     */
    public static final String CONCEPT_TERM = "as_";

    /**
     * The index terms of the configuration item {@code i} (rows of {@code term}): its id, and the concepts it is
     * classified under with their broader ones within {@link ItemRelation#CONCEPT_DEPTH}, each as {@link #CONCEPT_TERM} +
     * id. So a question finds a peer whose GPU is another device of my GPU's concept, or whose driver is of my driver's
     * generated family (facet.FamilyConcepts), and a moderator's merge or broader link between item concepts changes
     * who is found ({@link SignatureResign#underConcepts} re-signs the reports below it).
     */
    public static final String TERMS_OF_ITEM = """
            CALL (i) {
              RETURN i.id AS term
              UNION
              MATCH (i)-[:CLASSIFIED_AS]->(:Concept)-[:BROADER*0..%d]->(c:Concept)
              RETURN '%s' + c.id AS term
            }
            """.formatted(ItemRelation.CONCEPT_DEPTH, CONCEPT_TERM);

    /** The item terms of the configuration {@code cfg}, as an expression: what a statement ending in {@link #SET_NEW} names {@code items}. */
    public static final String ITEM_TERMS = "COLLECT { MATCH (cfg)-[:INCLUDES]->(i:ConfigItem) " + TERMS_OF_ITEM + " RETURN DISTINCT term }";

    /** The terms of each symptom in {@code $symptomIds}, for writers that sign many reports with few symptoms. */
    private static final String SYMPTOM_TERMS = """
            UNWIND $symptomIds AS symptomId
            MATCH (s:Symptom {id: symptomId})
            """ + TERMS_OF_SYMPTOM + """
            RETURN symptomId, collect(term) AS terms
            """;

    /** When a report is shown to peers (in terms of {@code r}, {@code cfg}, {@code symptoms}, {@code items}). */
    private static final String SHOWN = Visibility.cypherShownToPeers("r", "cfg") + " AND size(symptoms) > 0 AND size(items) > 0";

    /**
     * Recomputes the signature of the reports whose ids are in {@code $reportIds}. Call {@link #refresh}; the text is
     * public only for tests that sign reports they wrote by hand.
     */
    public static final String REFRESH = """
            UNWIND $reportIds AS reportId
            MATCH (owner:Customer)-[:REPORTED]->(r:Report {id: reportId})-[:ON]->(cfg:Configuration)
            CALL (r) {
              OPTIONAL MATCH (r)-[:SHOWS]->(s:Symptom)
              RETURN collect(s.id) AS symptoms
            }
            WITH r, owner, cfg, symptoms,
            """ + ITEM_TERMS + " AS items\n" + """
            WITH r, owner, cfg, symptoms, items, COLLECT {
              MATCH (r)-[:SHOWS]->(s:Symptom)
            """ + TERMS_OF_SYMPTOM + """
              RETURN DISTINCT term
            } AS terms
            WITH r, owner, cfg, symptoms, items, terms, """ + SHOWN + """
             AS shown
            SET r.peerSymptoms = CASE WHEN shown THEN reduce(t = '', term IN terms | t + ' ' + term) END,
                r.peerItems = CASE WHEN shown THEN reduce(t = '', i IN items | t + ' ' + i) END,
                r.peerOwner = CASE WHEN shown THEN owner.id END
            """;

    /**
     * The signature of a report created by the statement it ends, from what that statement has in hand, so that
     * bulk writers need not read the report back ({@link #REFRESH} does): {@code r}, its {@code owner}, its
     * configuration {@code cfg}, {@code symptoms} (the ids of the symptoms it shows) and {@code items} (its
     * configuration's {@link #ITEM_TERMS}), and the parameter {@code $symptomTerms}: each of those symptoms' terms by id, as
     * {@link #symptomTerms} gives them once per batch (a batch has thousands of reports, a few dozen symptoms). A
     * new report has no signature to clear, so this only sets one when it is shown. Only graph-model's import
     * statements (io.peergraph.graph.imports) end with it.
     */
    public static final String SET_NEW = """
            WITH *, """ + SHOWN + """
             AS shown
            FOREACH (_ IN CASE WHEN shown THEN [1] ELSE [] END |
              SET r.peerSymptoms = reduce(t = '', term IN reduce(acc = [], s IN symptoms |
                                     acc + [x IN coalesce($symptomTerms[s], [s]) WHERE NOT x IN acc]) | t + ' ' + term),
                  r.peerItems = reduce(t = '', i IN items | t + ' ' + i),
                  r.peerOwner = owner.id)
            """;

    /** The same for every report on the configurations in {@code $configurationIds}. */
    public static final String REFRESH_FOR_CONFIGURATIONS = """
            UNWIND $configurationIds AS configurationId
            MATCH (:Configuration {id: configurationId})<-[:ON]-(r:Report)
            RETURN collect(r.id) AS reportIds
            """;

    /** Recomputes the signature of these reports in the caller's transaction (driver). */
    public static void refresh(SimpleQueryRunner tx, Collection<String> reportIds) {
        if (!reportIds.isEmpty()) {
            tx.run(REFRESH, Map.of("reportIds", List.copyOf(reportIds))).consume();
        }
    }

    /** Recomputes the signature of these reports in the caller's transaction (Spring Data Neo4j). */
    public static void refresh(Neo4jClient client, Collection<String> reportIds) {
        if (!reportIds.isEmpty()) {
            client.query(REFRESH).bind(List.copyOf(reportIds)).to("reportIds").run();
        }
    }

    /** Each symptom's terms by id ({@link #TERMS_OF_SYMPTOM}), read in the caller's transaction: the {@code $symptomTerms} of {@link #SET_NEW}. */
    public static Map<String, List<String>> symptomTerms(SimpleQueryRunner tx, Collection<String> symptomIds) {
        Map<String, List<String>> terms = new HashMap<>();
        if (!symptomIds.isEmpty()) {
            tx.run(SYMPTOM_TERMS, Map.of("symptomIds", List.copyOf(symptomIds)))
                    .forEachRemaining(r -> terms.put(r.get("symptomId").asString(), r.get("terms").asList(Value::asString)));
        }
        return terms;
    }

    private PeerSignature() {}
}
