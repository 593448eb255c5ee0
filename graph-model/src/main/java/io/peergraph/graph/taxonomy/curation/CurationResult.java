package io.peergraph.graph.taxonomy.curation;

/** A curation change either happened, recorded as an audit event, or was refused with a reason. */
public sealed interface CurationResult {

    record Applied(AuditEntry event) implements CurationResult {}

    record Rejected(Rejection rejection) implements CurationResult {}
}
