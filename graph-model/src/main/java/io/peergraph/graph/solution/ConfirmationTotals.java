package io.peergraph.graph.solution;

/**
 * What everyone's confirmations of a solution add up to, kept on the solution in the transaction that writes each
 * confirmation, so that ranking a popular symptom's solutions reads a few properties per solution instead of every
 * confirmation ({@code peersWithSymptom}'s "everyone" level, docs/ranking.md):
 * <ul>
 *   <li>{@code confirmationsWorked}: how many say it worked (how many tried it is the solution's {@code OF} degree);</li>
 *   <li>{@code recentWeight}, {@code recentWorkedWeight}: Σ 2<sup>(t − {@link #EPOCH}) / h</sup> over its confirmations
 *       (those that worked), t each one's date and h {@link #HALF_LIFE_DAYS}: times 2<sup>−(now − EPOCH) / h</sup> that is
 *       Σ ½<sup>age / h</sup>, the recency-weighted count, for any {@code now} no earlier than every t;</li>
 *   <li>{@code lastConfirmedAt}: the latest t (a confirmation without a date counts as dated far in the future), so a
 *       question asked at a {@code now} before it reads the confirmations instead (their age is then clamped at 0).</li>
 * </ul>
 * Every statement that writes a confirmation takes the solution's write lock ({@link #LOCK}) before it reads these,
 * so concurrent confirmations of one solution add up. Confirmations are never deleted; a confirmation given again
 * (a changed verdict, a new date) is taken out ({@link #uncount}) and counted anew ({@link #count}).
 */
public final class ConfirmationTotals {

    /** The half-life the recent weights are kept for (SolutionRanking's recentHalfLifeDays; another reads confirmations). */
    public static final double HALF_LIFE_DAYS = 30;

    /** 2020-01-01T00:00:00Z in epoch seconds: weights stay within a double's range from before 1900 to after 2100. */
    public static final long EPOCH = 1_577_836_800L;

    private static final String HALF_LIFE_SECONDS = String.valueOf(HALF_LIFE_DAYS * 86_400);

    /** Taken before the totals are read: a write of the solution, so a concurrent confirmation waits for this one's commit. */
    public static String lock(String sol) {
        return "SET %1$s.confirmationsWorked = coalesce(%1$s.confirmationsWorked, 0)\n".formatted(sol);
    }

    /** Adds confirmation {@code cf} to solution {@code sol}'s totals (a SET clause; after {@link #lock}). */
    public static String count(String sol, String cf) {
        return change(sol, cf, "+") + """
                , %1$s.lastConfirmedAt = CASE WHEN %1$s.lastConfirmedAt IS NULL OR %2$s > %1$s.lastConfirmedAt THEN %2$s
                                              ELSE %1$s.lastConfirmedAt END
                """.formatted(sol, "coalesce(%1$s.at, %1$s.createdAt, datetime('9999-12-31T00:00:00Z'))".formatted(cf));
    }

    /** Takes confirmation {@code cf} (as it was; null: nothing) out of solution {@code sol}'s totals, before it changes. */
    public static String uncount(String sol, String cf) {
        return change(sol, cf, "-") + "\n";
    }

    /** Solution {@code sol}'s totals counted afresh from its confirmations (the migration that introduced them, bulk loads). */
    public static String recount(String sol) {
        return """
                CALL (%1$s) {
                  OPTIONAL MATCH (%1$s)<-[:OF]-(cf:Confirmation)
                  WITH %1$s, cf, %2$s AS w
                  WITH %1$s, count(CASE WHEN cf.worked THEN 1 END) AS worked, sum(w) AS recent,
                       sum(CASE WHEN cf.worked THEN w ELSE 0.0 END) AS recentWorked,
                       max(CASE WHEN cf IS NOT NULL THEN coalesce(cf.at, cf.createdAt, datetime('9999-12-31T00:00:00Z')) END) AS last
                  SET %1$s.confirmationsWorked = worked, %1$s.recentWeight = recent, %1$s.recentWorkedWeight = recentWorked,
                      %1$s.lastConfirmedAt = last
                }
                """.formatted(sol, weight("cf"));
    }

    /** Every solution's totals counted afresh, a thousand solutions per transaction (run outside an explicit transaction). */
    public static final String RECOUNT_ALL = "MATCH (sol:Solution)\nCALL (sol) {\n" + recount("sol") + "} IN TRANSACTIONS OF 1000 ROWS";

    /**
     * Cypher: the recency-weighted count of solution {@code sol}'s confirmations (those that worked, with {@code worked}),
     * at parameter {@code now}, from the totals (valid when {@code sol.lastConfirmedAt <= $now}).
     */
    public static String recent(String sol, boolean worked) {
        return "coalesce(%s.%s, 0.0) * 2.0 ^ (-($now.epochSeconds - %d) / %s)"
                .formatted(sol, worked ? "recentWorkedWeight" : "recentWeight", EPOCH, HALF_LIFE_SECONDS);
    }

    private static String change(String sol, String cf, String sign) {
        String w = weight(cf);
        return """
                SET %1$s.confirmationsWorked = coalesce(%1$s.confirmationsWorked, 0) %3$s CASE WHEN %2$s.worked THEN 1 ELSE 0 END,
                    %1$s.recentWeight = coalesce(%1$s.recentWeight, 0.0) %3$s %4$s,
                    %1$s.recentWorkedWeight = coalesce(%1$s.recentWorkedWeight, 0.0) %3$s CASE WHEN %2$s.worked THEN %4$s ELSE 0.0 END"""
                .formatted(sol, cf, sign, w);
    }

    /** A confirmation's weight 2^((t − EPOCH) / h); 0 for none or an undated one (which sends questions to the confirmations). */
    private static String weight(String cf) {
        return "CASE WHEN coalesce(%1$s.at, %1$s.createdAt) IS NULL THEN 0.0 ELSE 2.0 ^ ((datetime(coalesce(%1$s.at, %1$s.createdAt)).epochSeconds - %2$d) / %3$s) END"
                .formatted(cf, EPOCH, HALF_LIFE_SECONDS);
    }

    private ConfirmationTotals() {}
}
