package io.peergraph.graph.customer;

import java.time.ZonedDateTime;

/** A person or an organisation that has stuff. {@code handle} is the login subject. */
public record Customer(String id, String handle, String displayName, Kind kind, ZonedDateTime createdAt) {

    public enum Kind { PERSON, ORGANISATION }
}
