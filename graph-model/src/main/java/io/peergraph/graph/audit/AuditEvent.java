package io.peergraph.graph.audit;

import java.time.ZonedDateTime;

/**
 * One entry of the append-only audit trail: who ({@code by}, a customer id or "system"), when, what
 * ({@code action}, e.g. ACCESS_DENIED, SUPPORT_READ, PRIVACY_CHANGED, IMPORT, or a curation action), on what
 * ({@code target} id) and a one-line {@code summary}. Never secrets or tokens.
 */
public record AuditEvent(String id, ZonedDateTime at, String by, String action, String target, String summary) {}
