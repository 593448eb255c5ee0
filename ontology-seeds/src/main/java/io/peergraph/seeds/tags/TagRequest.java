package io.peergraph.seeds.tags;

/** A customer applying a label to one of their things (a report, solution, product or configuration, by id). */
public record TagRequest(String customerId, String thingId, String label) {}
