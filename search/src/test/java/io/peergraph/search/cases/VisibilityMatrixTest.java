package io.peergraph.search.cases;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.peergraph.graph.access.Access;
import io.peergraph.graph.access.AccessQuery;
import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.customer.Membership;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.search.testing.SharedElasticsearch;
import io.peergraph.search.testing.TestGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The persona matrix of {@link Visibility}: for every persona (the owner, members of the owning organisation by
 * role, another customer, a moderator, support staff, nobody signed in) and every thing (items, configurations,
 * reports; private, peers-only (COMMUNITY), public; owned by a person or by an organisation), the four forms of the
 * one rule give the same answer, and that answer is the expected one:
 * <ol>
 * <li>the Cypher condition ({@link Visibility#cypherSees}) on the shared Neo4j;
 * <li>the search filter ({@link Visibility#filter}, turned into Elasticsearch by {@link CaseFilters#visibleTo}) on the
 *     shared Elasticsearch, over documents with the case index's {@code ownerId} and {@code privacy} fields;
 * <li>the in-memory rule ({@link Visibility#sees});
 * <li>the API's check (Ownership): the graph's access ({@link AccessQuery}) through {@link Visibility#seesWhole}, or
 *     shared by privacy.
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisibilityMatrixTest {

    private enum Persona { OWNER, ORG_ADMIN, ORG_MEMBER, ORG_VIEWER, ANOTHER_CUSTOMER, MODERATOR, SUPPORT, ANONYMOUS }

    private record Thing(String id, PublicId type, String ownerId, boolean ownedByOrganisation, Privacy privacy) {
        String describe() {
            return "%s %s of %s".formatted(privacy, type.label(), ownedByOrganisation ? "the organisation" : "the owner");
        }
    }

    private final TestGraph graph = new TestGraph();
    private final AccessQuery access = new AccessQuery(graph.client);
    private final Map<Persona, Viewer> viewers = new LinkedHashMap<>();
    private final List<Thing> things = new ArrayList<>();
    private String owner;
    private String organisation;
    private ElasticsearchClient es;
    private final String index = "visibility-matrix-" + UUID.randomUUID();

    @BeforeAll
    void graphAndIndex() throws IOException {
        owner = graph.newCustomer();
        organisation = graph.inTx(() -> graph.customers.createOrganisation(owner, "Matrix Ltd").id());
        Map<Persona, String> ids = new LinkedHashMap<>();
        ids.put(Persona.OWNER, owner);
        for (Persona p : List.of(Persona.ORG_ADMIN, Persona.ORG_MEMBER, Persona.ORG_VIEWER, Persona.ANOTHER_CUSTOMER,
                Persona.MODERATOR, Persona.SUPPORT)) {
            ids.put(p, graph.newCustomer());
        }
        graph.client.query("""
                        MATCH (org:Customer {id: $org})
                        UNWIND [[$admin, 'ADMIN'], [$member, 'MEMBER'], [$viewer, 'VIEWER']] AS m
                        MATCH (c:Customer {id: m[0]})
                        CREATE (c)-[:MEMBER_OF {role: m[1], since: datetime()}]->(org)
                        """).bindAll(Map.of("org", organisation, "admin", ids.get(Persona.ORG_ADMIN),
                        "member", ids.get(Persona.ORG_MEMBER), "viewer", ids.get(Persona.ORG_VIEWER))).run();
        graph.inTx(() -> {
            graph.customers.recordStaffRoles(ids.get(Persona.MODERATOR), List.of("CUSTOMER", "MODERATOR"));
            graph.customers.recordStaffRoles(ids.get(Persona.SUPPORT), List.of("CUSTOMER", "SUPPORT"));
            return null;
        });

        // The viewers as the API builds them (Ownership.viewer): memberships read from the graph, support by role.
        Map<String, List<Membership>> memberships = graph.customers.memberships(ids.values());
        ids.forEach((persona, id) -> viewers.put(persona, persona == Persona.SUPPORT ? Viewer.support(id)
                : Viewer.member(id, roles(memberships.get(id)))));
        viewers.put(Persona.ANONYMOUS, Viewer.anonymous());

        for (String ownerId : List.of(owner, organisation)) {
            for (Privacy privacy : Privacy.values()) {
                Map<String, Object> p = Map.of("owner", ownerId, "privacy", privacy.name(), "item", PublicId.ITEM.random(),
                        "configuration", PublicId.CONFIGURATION.random(), "report", PublicId.REPORT.random());
                graph.client.query("""
                        MATCH (o:Customer {id: $owner})
                        CREATE (o)-[:OWNS]->(:Item {id: $item, privacy: $privacy, status: 'ACTIVE'})
                        CREATE (o)-[:OWNS]->(cfg:Configuration {id: $configuration, name: 'matrix', privacy: $privacy,
                                                                listedInPeers: true, inStatistics: true})
                        CREATE (o)-[:REPORTED]->(:Report {id: $report, title: 'matrix', status: 'OPEN', privacy: $privacy})-[:ON]->(cfg)
                        """).bindAll(p).run();
                boolean org = ownerId.equals(organisation);
                things.add(new Thing((String) p.get("item"), PublicId.ITEM, ownerId, org, privacy));
                things.add(new Thing((String) p.get("configuration"), PublicId.CONFIGURATION, ownerId, org, privacy));
                things.add(new Thing((String) p.get("report"), PublicId.REPORT, ownerId, org, privacy));
            }
        }

        es = SharedElasticsearch.client();
        es.indices().create(c -> c.index(index).mappings(m -> m
                .properties("ownerId", p -> p.keyword(k -> k)).properties("privacy", p -> p.keyword(k -> k))));
        BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
        for (Thing t : things) {
            bulk.operations(op -> op.index(i -> i.index(index).id(t.id()).document(Map.of("ownerId", t.ownerId(), "privacy", t.privacy().name()))));
        }
        assertThat(es.bulk(bulk.build()).errors()).isFalse();
    }

    @AfterAll
    void dropIndex() throws IOException {
        if (es != null) {
            es.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            es.close();
        }
    }

    @Test
    void theCypherConditionTheSearchFilterAndTheInMemoryRuleAgreeOnEveryCell() throws IOException {
        Map<String, String> disagreements = new TreeMap<>();
        for (Map.Entry<Persona, Viewer> e : viewers.entrySet()) {
            Persona persona = e.getKey();
            Viewer viewer = e.getValue();
            Set<String> byCypher = seenByCypher(viewer);
            Set<String> bySearch = seenBySearch(viewer);
            for (Thing t : things) {
                boolean inMemory = Visibility.sees(viewer, t.ownerId(), t.privacy());
                boolean byApi = seenByApi(viewer, t);
                boolean expected = expected(persona, t);
                List<Boolean> forms = List.of(byCypher.contains(t.id()), bySearch.contains(t.id()), inMemory, byApi);
                if (forms.stream().anyMatch(seen -> seen != expected)) {
                    disagreements.put("%-16s %s".formatted(persona, t.describe()),
                            "expected %s; cypher, search, in memory, API: %s".formatted(expected, forms));
                }
            }
        }
        assertThat(disagreements).as("cells where a form of the rule disagrees").isEmpty();
        assertThat(things).hasSize(18);
        assertThat(viewers).hasSize(Persona.values().length);
    }

    @Test
    void ownersAndOrganisationsWriteTheirStuffViewersOnlyReadIt() {
        Thing orgPrivate = things.stream().filter(t -> t.ownedByOrganisation() && t.privacy() == Privacy.PRIVATE).findFirst().orElseThrow();
        Thing ownersPrivate = things.stream().filter(t -> !t.ownedByOrganisation() && t.privacy() == Privacy.PRIVATE).findFirst().orElseThrow();
        Map<Persona, Access> expectedOnOrganisations = Map.of(Persona.OWNER, Access.WRITE, Persona.ORG_ADMIN, Access.WRITE,
                Persona.ORG_MEMBER, Access.WRITE, Persona.ORG_VIEWER, Access.READ, Persona.ANOTHER_CUSTOMER, Access.NONE,
                Persona.MODERATOR, Access.NONE, Persona.SUPPORT, Access.NONE);
        expectedOnOrganisations.forEach((persona, expected) -> {
            Viewer viewer = viewers.get(persona);
            assertThat(access.of(viewer.customerId(), orgPrivate.id())).as(persona + " in the graph").contains(expected);
            if (persona != Persona.SUPPORT) { // support's Viewer carries no memberships: it sees everything anyway
                assertThat(Visibility.access(viewer, orgPrivate.ownerId())).as(persona + " in memory").isEqualTo(expected);
            }
            assertThat(access.of(viewer.customerId(), ownersPrivate.id())).as(persona + " on the owner's own")
                    .contains(persona == Persona.OWNER ? Access.WRITE : Access.NONE);
        });
    }

    /** The rule as a table: what each persona sees, written out by hand. */
    private boolean expected(Persona persona, Thing t) {
        return switch (persona) {
            case OWNER, SUPPORT -> true;
            case ORG_ADMIN, ORG_MEMBER, ORG_VIEWER -> t.ownedByOrganisation() || t.privacy() != Privacy.PRIVATE;
            case ANOTHER_CUSTOMER, MODERATOR -> t.privacy() != Privacy.PRIVATE;
            case ANONYMOUS -> t.privacy() == Privacy.PUBLIC;
        };
    }

    private Set<String> seenByCypher(Viewer viewer) {
        Set<String> seen = new HashSet<>();
        for (PublicId type : List.of(PublicId.ITEM, PublicId.CONFIGURATION, PublicId.REPORT)) {
            List<String> ids = things.stream().filter(t -> t.type() == type).map(Thing::id).toList();
            Privacy unset = type == PublicId.ITEM ? Privacy.PRIVATE : Privacy.COMMUNITY;
            Map<String, Object> p = new HashMap<>(Visibility.parameters(viewer));
            p.put("ids", ids);
            seen.addAll(graph.client.query("""
                            UNWIND $ids AS id
                            MATCH (owner:Customer)-[:OWNS|REPORTED]->(thing:%s {id: id})
                            WHERE %s
                            RETURN thing.id AS id
                            """.formatted(type.label(), Visibility.cypherSees("thing", "owner", unset, Visibility.CypherViewer.PARAMETERS)))
                    .bindAll(p).fetchAs(String.class).mappedBy((x, r) -> r.get("id").asString()).all());
        }
        return seen;
    }

    private Set<String> seenBySearch(Viewer viewer) throws IOException {
        List<Query> filters = new ArrayList<>(CaseFilters.visibleTo(viewer));
        filters.add(Query.of(q -> q.ids(i -> i.values(things.stream().map(Thing::id).toList()))));
        Set<String> seen = new HashSet<>();
        for (Hit<Void> hit : es.search(s -> s.index(index).size(100).query(q -> q.bool(b -> b.filter(filters))), Void.class).hits().hits()) {
            seen.add(hit.id());
        }
        return seen;
    }

    /** How the API decides (Ownership.requireRead, ReportController): the graph's access, support, or shared. */
    private boolean seenByApi(Viewer viewer, Thing t) {
        if (!viewer.signedIn()) {
            return Visibility.sharedWith(t.privacy(), false);
        }
        Access a = access.of(viewer.customerId(), t.id()).orElseThrow();
        Viewer caller = viewer.support() ? Viewer.support(viewer.customerId()) : Viewer.customer(viewer.customerId());
        return Visibility.seesWhole(caller, a) || Visibility.sharedWith(t.privacy(), true);
    }

    private static Map<String, Membership.Role> roles(List<Membership> memberships) {
        Map<String, Membership.Role> out = new HashMap<>();
        (memberships == null ? List.<Membership>of() : memberships).forEach(m -> out.put(m.organisation().id(), m.role()));
        return out;
    }
}
