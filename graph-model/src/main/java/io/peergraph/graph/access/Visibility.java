package io.peergraph.graph.access;

import io.peergraph.graph.customer.Membership;
import io.peergraph.graph.stuff.Privacy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who may see an item, a configuration or a report, stated once. Every other form of the rule is derived from the
 * Java methods here, so that the Cypher of the stores, the Elasticsearch filter of case search and the checks of
 * the API cannot drift apart (VisibilityMatrixTest in search runs all three over the persona matrix).
 *
 * <p>The rule:
 * <ol>
 * <li>The owner (the customer who OWNS, REPORTED, PROPOSED or CONFIRMED it) changes it; so do the OWNER, ADMIN
 *     and MEMBER members of the organisation that owns it; its VIEWER members read it ({@link #access}).
 * <li>Support staff read everything, PRIVATE included (the API audits each such read).
 * <li>Anyone else reads it by its {@link Privacy}: PUBLIC things anyone, COMMUNITY things any signed-in customer
 *     (pseudonymously: the API never names the owner), PRIVATE things nobody ({@link #sharedWith}).
 * <li>A report is shown among peers (peer answers, notifications of peers) only when it is not PRIVATE and its
 *     configuration is listed in peers ({@link #shownToPeers}); moderators see no more than other customers.
 * </ol>
 *
 * <p>Its forms: the in-memory rule ({@link #access}, {@link #seesWhole}, {@link #sees}); the Cypher conditions
 * ({@link #cypherSees}, {@link #cypherReadsAsOwner}, {@link #cypherShownToPeers}) for a node alias and a viewer
 * given as Cypher expressions ({@link CypherViewer#PARAMETERS} with {@link #parameters}); and a neutral
 * {@link Filter} over the owner id and privacy fields of a search document, which the search module turns into an
 * Elasticsearch query (graph-model does not depend on its client). Every Cypher condition comes in parentheses,
 * so that it can follow a keyword at the end of a text block line (whose trailing space Java strips). The in-memory rule, the filter and
 * {@link #cypherSees} take the viewer's memberships from the {@link Viewer} (read once per request);
 * {@link #cypherReadsAsOwner} reads them from the graph, for a query about one customer's access.
 */
public final class Visibility {

    private Visibility() {}

    // ---- the rule ----

    /** What the owner, or a member of the owning organisation with {@code role} (null: none), may do with it. */
    public static Access access(boolean owns, Membership.Role role) {
        if (owns) {
            return Access.WRITE;
        }
        if (role == null) {
            return Access.NONE;
        }
        return switch (role) {
            case OWNER, ADMIN, MEMBER -> Access.WRITE;
            case VIEWER -> Access.READ;
        };
    }

    /** Whether a thing of this privacy is shared with everyone else: signed in or not. */
    public static boolean sharedWith(Privacy privacy, boolean signedIn) {
        return switch (privacy) {
            case PUBLIC -> true;
            case COMMUNITY -> signedIn;
            case PRIVATE -> false;
        };
    }

    /** Whether a report on a configuration is shown among peers. */
    public static boolean shownToPeers(Privacy reportPrivacy, boolean configurationListedInPeers) {
        return reportPrivacy != Privacy.PRIVATE && configurationListedInPeers;
    }

    // ---- in memory ----

    /** The viewer's access to a thing {@code ownerId} owns, by their own memberships. */
    public static Access access(Viewer viewer, String ownerId) {
        return access(viewer.signedIn() && viewer.customerId().equals(ownerId), viewer.organisations().get(ownerId));
    }

    /** The viewer sees the thing whole (the owner's identity, private details): owner, organisation, support. */
    public static boolean seesWhole(Viewer viewer, Access access) {
        return access.canRead() || viewer.support();
    }

    public static boolean seesWhole(Viewer viewer, String ownerId) {
        return seesWhole(viewer, access(viewer, ownerId));
    }

    /** The viewer sees the thing at all (whole, or as shared). */
    public static boolean sees(Viewer viewer, String ownerId, Privacy privacy) {
        return seesWhole(viewer, ownerId) || sharedWith(privacy, viewer.signedIn());
    }

    // ---- Cypher ----

    /**
     * The viewer as Cypher expressions: their customer id (null: anonymous), the ids of the owners whose stuff they
     * read as owner or member ({@link #readsAsOwner}: themselves and their organisations) and whether they are
     * support staff.
     */
    public record CypherViewer(String id, String owners, String support) {
        /** The parameters {@link #parameters} binds. */
        public static final CypherViewer PARAMETERS = new CypherViewer("$viewerId", "$viewerOwners", "$viewerSupport");
    }

    /** The values of {@link CypherViewer#PARAMETERS} for this viewer. */
    public static Map<String, Object> parameters(Viewer viewer) {
        Map<String, Object> p = new HashMap<>();
        p.put("viewerId", viewer.customerId());
        p.put("viewerOwners", readsAsOwner(viewer));
        p.put("viewerSupport", viewer.support());
        return p;
    }

    /**
     * True when the customer whose id is {@code customerId} (a Cypher expression) owns the thing {@code owner} owns:
     * the first and cheapest case of rule 1, which a query may settle alone and leave the rest to {@link AccessQuery}.
     */
    public static String cypherOwns(String owner, String customerId) {
        return "(%s.id = %s)".formatted(owner, customerId);
    }

    /** The roles whose members read their organisation's stuff, as a Cypher list: {@code m.role IN <this>}. */
    public static String cypherReadingRoles() {
        return list(readingRoles());
    }

    /** True when the thing {@code thing} is shared with every signed-in customer by its privacy ({@link #sharedWith}). */
    public static String cypherSharedWithCustomers(String thing) {
        return "(%s.privacy IN %s)".formatted(thing, list(sharedPrivacies(true)));
    }

    /**
     * True when the customer whose id is {@code customerId} (a Cypher expression) reads the thing owned by
     * {@code owner} as its owner or a member of the owning organisation (rule 1), membership read from the graph:
     * {@code (owner.id = $id OR EXISTS { (:Customer {id: $id})-[m:MEMBER_OF]->(owner) WHERE m.role IN [readers] })}
     * (a seek by the customer_id constraint, then their few MEMBER_OF).
     */
    public static String cypherReadsAsOwner(String owner, String customerId) {
        return "(%s OR EXISTS { (:Customer {id: %s})-[m:MEMBER_OF]->(%s) WHERE m.role IN %s })"
                .formatted(cypherOwns(owner, customerId), customerId, owner, cypherReadingRoles());
    }

    /**
     * True when {@code viewer} sees the node {@code thing} owned by {@code owner} ({@link #sees}); {@code unset} is
     * the privacy a node without one has (ItemStore reads a missing privacy as PRIVATE, the others as COMMUNITY).
     */
    public static String cypherSees(String thing, String owner, Privacy unset, CypherViewer viewer) {
        String privacy = "coalesce(%s.privacy, '%s')".formatted(thing, unset.name());
        return "(%s OR %s.id IN %s OR %s IN %s OR (%s IS NOT NULL AND %s IN %s))".formatted(
                viewer.support(), owner, viewer.owners(),
                privacy, list(sharedPrivacies(false)), viewer.id(), privacy, list(sharedPrivacies(true)));
    }

    /**
     * True when the report {@code report} on the configuration {@code configuration} is shown among peers. A report
     * without a privacy (none is written so: every writer sets one) is not, as before this rule was gathered here.
     */
    public static String cypherShownToPeers(String report, String configuration) {
        return "(%s.privacy IN %s AND coalesce(%s.listedInPeers, true))".formatted(report,
                list(Arrays.stream(Privacy.values()).filter(p -> shownToPeers(p, true)).map(Enum::name).toList()), configuration);
    }

    /** Roles whose members read the organisation's stuff. */
    static List<String> readingRoles() {
        return Arrays.stream(Membership.Role.values()).filter(r -> access(false, r).canRead()).map(Enum::name).toList();
    }

    static List<String> sharedPrivacies(boolean signedIn) {
        return Arrays.stream(Privacy.values()).filter(p -> sharedWith(p, signedIn)).map(Enum::name).toList();
    }

    private static String list(List<String> words) {
        return words.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    // ---- search ----

    /**
     * What a search document must match to be seen: {@code everything} (support staff), or an owner id in
     * {@code ownerIds} (the viewer's own and their organisations') or a privacy in {@code privacies}.
     */
    public record Filter(boolean everything, List<String> ownerIds, List<String> privacies) {
        public Filter {
            ownerIds = List.copyOf(ownerIds);
            privacies = List.copyOf(privacies);
        }
    }

    public static Filter filter(Viewer viewer) {
        if (viewer.support()) {
            return new Filter(true, List.of(), List.of());
        }
        return new Filter(false, readsAsOwner(viewer), sharedPrivacies(viewer.signedIn()));
    }

    /** The owners whose stuff the viewer reads as owner or member: themselves and their organisations (rule 1). */
    public static List<String> readsAsOwner(Viewer viewer) {
        List<String> owners = new ArrayList<>();
        if (viewer.signedIn()) {
            owners.add(viewer.customerId());
            viewer.organisations().forEach((org, role) -> {
                if (access(false, role).canRead()) {
                    owners.add(org);
                }
            });
        }
        return owners.stream().sorted().toList();
    }
}
