package io.peergraph.graph.stuff;

/** Who may see a thing besides its owner (and support staff). */
public enum Privacy {
    /** Owner, their organisation by role, and support only. */
    PRIVATE,
    /** Other customers see it pseudonymously. */
    COMMUNITY,
    /** Anyone may see it, still without the owner's identity. */
    PUBLIC
}
