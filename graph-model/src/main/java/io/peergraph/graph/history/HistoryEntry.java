package io.peergraph.graph.history;

import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.solution.Confirmation;
import java.time.ZonedDateTime;

/**
 * One event of a customer's history. {@code subjectId} is what happened (an item, configuration, report,
 * interaction, solution or confirmation id; ids are unique across types, so (at, subjectId) orders the history
 * totally). {@code reportId} is the case an interaction belongs to; interactions and confirmations are carried
 * whole because they have no other reader by id.
 */
public record HistoryEntry(Kind kind, ZonedDateTime at, String subjectId, String reportId, Interaction interaction,
                           Confirmation confirmation) {

    public enum Kind {
        /** An item was registered ({@code createdAt}). */
        ITEM_ADDED,
        /** A configuration was created ({@code createdAt}). */
        CONFIGURATION_CREATED,
        /** A report (case) was filed ({@code createdAt}: when it reached us; the report carries {@code occurredAt}). */
        REPORTED,
        /** An interaction on one of the customer's reports, either direction, any channel ({@code at}). */
        INTERACTION,
        /** The customer proposed a solution ({@code createdAt}). */
        SOLUTION_PROPOSED,
        /** The customer said whether a solution worked ({@code at}). */
        CONFIRMED
    }
}
