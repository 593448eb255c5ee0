package io.peergraph.graph.taxonomy.curation;

/**
 * A symptom as read inside a curation transaction: {@code proposedBy} is set for one a customer described,
 * {@code conceptIri} is the concept it is classified as (null if none), {@code mergedInto} the symptom it joined.
 */
record SymptomNode(String id, String key, String name, String proposedBy, String conceptIri, String conceptStatus, String mergedInto) {

    String displayName() {
        return name == null ? key : name;
    }

    /** Seeded, imported, or a customer's that was approved: everyone may report it. */
    boolean everyones() {
        return mergedInto == null && (proposedBy == null || "APPROVED".equals(conceptStatus));
    }
}
