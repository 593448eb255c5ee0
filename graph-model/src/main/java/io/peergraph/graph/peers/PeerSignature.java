package io.peergraph.graph.peers;

/**
 * The peer signature of a report: the terms of the {@code report_peer_signature} full-text index that lets
 * "others with my configuration who saw this symptom" rank peers without walking every report of a popular
 * symptom. Lucene scores the shared configuration items by their rarity (BM25 idf) and keeps only the top-k.
 *
 * <p>A report carries a signature only while it may be shown to peers: the report is not private, its
 * configuration takes part in peer listings. Everything that writes reports, symptoms or those privacy
 * settings calls {@link #REFRESH} in the same transaction, so the index never shows what it must not.
 * The items are those of the configuration when the signature is refreshed.
 */
public final class PeerSignature {

    /** When a report is shown to peers (in terms of {@code r}, {@code cfg}, {@code symptoms}, {@code items}). */
    private static final String SHOWN = """
            r.privacy <> 'PRIVATE' AND coalesce(cfg.listedInPeers, true) AND size(symptoms) > 0 AND size(items) > 0""";

    /** Recomputes the signature of the reports whose ids are in {@code $reportIds}. */
    public static final String REFRESH = """
            UNWIND $reportIds AS reportId
            MATCH (owner:Customer)-[:REPORTED]->(r:Report {id: reportId})-[:ON]->(cfg:Configuration)
            CALL (r, cfg) {
              OPTIONAL MATCH (r)-[:SHOWS]->(s:Symptom)
              WITH r, cfg, collect(s.id) AS symptoms
              OPTIONAL MATCH (cfg)-[:INCLUDES]->(i:ConfigItem)
              RETURN symptoms, collect(i.id) AS items
            }
            WITH r, owner, cfg, symptoms, items, """ + SHOWN + """
             AS shown
            SET r.peerSymptoms = CASE WHEN shown THEN reduce(t = '', s IN symptoms | t + ' ' + s) END,
                r.peerItems = CASE WHEN shown THEN reduce(t = '', i IN items | t + ' ' + i) END,
                r.peerOwner = CASE WHEN shown THEN owner.id END
            """;

    /**
     * The signature of a report created by the statement it ends, from what that statement has in hand, so that
     * bulk writers need not read the report back ({@link #REFRESH} does): {@code r}, its {@code owner}, its
     * configuration {@code cfg}, {@code symptoms} (the ids of the symptoms it shows) and {@code items} (the ids of
     * its configuration's items). A new report has no signature to clear, so this only sets one when it is shown.
     */
    public static final String SET_NEW = """
            WITH *, """ + SHOWN + """
             AS shown
            FOREACH (_ IN CASE WHEN shown THEN [1] ELSE [] END |
              SET r.peerSymptoms = reduce(t = '', s IN symptoms | t + ' ' + s),
                  r.peerItems = reduce(t = '', i IN items | t + ' ' + i),
                  r.peerOwner = owner.id)
            """;

    /** The same for every report on the configurations in {@code $configurationIds}. */
    public static final String REFRESH_FOR_CONFIGURATIONS = """
            UNWIND $configurationIds AS configurationId
            MATCH (:Configuration {id: configurationId})<-[:ON]-(r:Report)
            RETURN collect(r.id) AS reportIds
            """;

    private PeerSignature() {}
}
