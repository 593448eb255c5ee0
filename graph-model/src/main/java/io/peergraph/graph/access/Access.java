package io.peergraph.graph.access;

/**
 * What a customer may do with someone's stuff: their own, their organisation's by member role, or nothing.
 * Computed by {@link AccessQuery}; the API turns {@code NONE} into FORBIDDEN and a missing node into NOT_FOUND.
 */
public enum Access {
    /** The caller owns it, or is an OWNER/ADMIN/MEMBER of the organisation that owns it. */
    WRITE,
    /** The caller is a VIEWER of the owning organisation. */
    READ,
    /** Someone else's. */
    NONE;

    public boolean canRead() {
        return this != NONE;
    }

    public boolean canWrite() {
        return this == WRITE;
    }
}
