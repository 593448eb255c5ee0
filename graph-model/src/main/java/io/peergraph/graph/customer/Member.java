package io.peergraph.graph.customer;

import java.time.ZonedDateTime;

/** One member of an organisation as its members see them: handle, name and role (ids stay inside the service). */
public record Member(String customerId, String handle, String displayName, Membership.Role role, ZonedDateTime since) {}
