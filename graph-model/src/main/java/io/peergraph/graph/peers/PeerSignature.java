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
            WITH r, owner, cfg, symptoms, items,
                 r.privacy <> 'PRIVATE' AND coalesce(cfg.listedInPeers, true) AND size(symptoms) > 0 AND size(items) > 0 AS shown
            SET r.peerSymptoms = CASE WHEN shown THEN reduce(t = '', s IN symptoms | t + ' ' + s) END,
                r.peerItems = CASE WHEN shown THEN reduce(t = '', i IN items | t + ' ' + i) END,
                r.peerOwner = CASE WHEN shown THEN owner.id END
            """;

    /** The same for every report on the configurations in {@code $configurationIds}. */
    public static final String REFRESH_FOR_CONFIGURATIONS = """
            UNWIND $configurationIds AS configurationId
            MATCH (:Configuration {id: configurationId})<-[:ON]-(r:Report)
            RETURN collect(r.id) AS reportIds
            """;

    private PeerSignature() {}
}
