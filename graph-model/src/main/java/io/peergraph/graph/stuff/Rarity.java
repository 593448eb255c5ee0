package io.peergraph.graph.stuff;

/**
 * "A rare item weighs more": the weight of a configuration item, {@code ln(1 + N / n)} with N the configurations
 * there are and n those that include the item ({@code ConfigItem.configCount}, at least 1). An item everybody has
 * weighs ln 2 ≈ 0.69; one in a thousand of a million configurations weighs ln 1001 ≈ 6.9: an inverse document
 * frequency, of the same family as the BM25 idf that Lucene computes for the answers scored inside an index.
 *
 * <p>Who weighs with it: similar peers (SimilarPeersQuery, its exact and family slots) and the notification of a
 * peer report on one's product (RecipientMatcher, in Cypher through {@link #cypher}). Who does not, and why:
 * <ul>
 * <li>peers with a symptom (PeersWithSymptomQuery) and Elasticsearch's similar cases: the index scores shared items
 *     by BM25 idf over the reports it holds, and keeps only the top-k inside Lucene; weighing here would mean
 *     reading every candidate out of the index, which is what the signature exists to avoid;
 * <li>similar cases on the graph while Elasticsearch is away (search GraphCaseSearch): {@code 1 / (log2(1 + n) + 1)}
 *     without N, added to the fixed weights of symptoms (2) and product (1) on a scale those were tuned against;
 *     changing it would change which fallback cases come first.
 * </ul>
 */
public final class Rarity {

    private Rarity() {}

    /** The weight of an item that {@code configurationsWithItem} of {@code configurations} include. */
    public static double weight(long configurations, long configurationsWithItem) {
        return Math.log(1.0 + (double) configurations / Math.max(1, configurationsWithItem));
    }

    /** {@link #weight} in Cypher, of two Cypher expressions (Cypher's {@code log} is the natural logarithm). */
    public static String cypher(String configurations, String configurationsWithItem) {
        return "log(1.0 + toFloat(%s) / CASE WHEN %s < 1 THEN 1 ELSE %s END)"
                .formatted(configurations, configurationsWithItem, configurationsWithItem);
    }
}
