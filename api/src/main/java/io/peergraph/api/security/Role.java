package io.peergraph.api.security;

/** What a caller may do beyond managing their own stuff. Carried in the token's roles claim. */
public enum Role {
    /** Manages their own stuff, reports, confirms, tags, compares with peers. */
    CUSTOMER,
    /** Curates the taxonomy and hides abusive content. */
    MODERATOR,
    /** Reads full cases and customer histories (every such read is audited). */
    SUPPORT,
    /** Imports data and operates the service. */
    ADMIN
}
