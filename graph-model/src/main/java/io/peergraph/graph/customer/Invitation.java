package io.peergraph.graph.customer;

import java.time.ZonedDateTime;

/**
 * An offer to join an organisation with a role, addressed to whoever signs in with {@code handle} (a login subject of
 * the issuer the service trusts). Until the invitee accepts it they are not a member and see nothing of the
 * organisation but its name here.
 */
public record Invitation(String id, String organisationId, String organisationName, String handle, Membership.Role role,
                         ZonedDateTime createdAt) {}
