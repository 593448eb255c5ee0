package io.peergraph.graph.outbox;

/** What changed. The aggregate is the thing whose search document (or notification) must be refreshed. */
public enum EventType {
    /** A report was created or changed (title, text, status, privacy). Aggregate: the report. Payload {@code change}: created or updated. */
    ReportChanged,
    /** An interaction was added to a report. Aggregate: the report. Payload: interactionId, channel, actorId (who added it, when known). */
    InteractionAdded,
    /** A solution was proposed or changed. Aggregate: the solution. Payload {@code change}: proposed. */
    SolutionChanged,
    /** A customer confirmed that a solution worked, or did not. Aggregate: the solution. */
    ConfirmationRecorded,
    /**
     * A configuration was created or deleted, or its items, privacy or peer listing changed. Aggregate: the
     * configuration. When its items change (or it is deleted) its reports get a {@link #ReportChanged} each in
     * the same transaction (a case document carries its configuration's items). Every instance's in-memory
     * similarity index follows these.
     */
    ConfigurationChanged,
    /** A catalog product was added or changed. Aggregate: the product. */
    ProductChanged,
    /** A customer applied a tag. Aggregate: the tagged thing (report, solution, product or configuration). Payload: tag, by. */
    TagApplied,
    /** A customer removed their tag. Aggregate: the tagged thing. */
    TagRemoved,
    /** A customer recorded a new measurement (not a replay of one already written). Aggregate: the measurement. */
    MeasurementRecorded
}
