package io.peergraph.graph.customer;

import java.time.ZonedDateTime;

/**
 * A person or an organisation that has stuff. {@code handle}: a person's login subject (or, for a person imported
 * and not yet signed in, the handle the import gave); an organisation's import key, its id when created through the API.
 * It never identifies anyone at sign-in: persons are their token's issuer and subject ({@link CustomerStore#signIn}).
 */
public record Customer(String id, String handle, String displayName, Kind kind, ZonedDateTime createdAt) {

    public enum Kind { PERSON, ORGANISATION }
}
