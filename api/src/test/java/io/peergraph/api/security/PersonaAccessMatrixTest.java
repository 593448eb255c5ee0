package io.peergraph.api.security;

import static io.peergraph.api.security.PersonaAccessMatrixTest.Outcome.ALLOWED;
import static io.peergraph.api.security.PersonaAccessMatrixTest.Outcome.FORBIDDEN;
import static io.peergraph.api.security.PersonaAccessMatrixTest.Outcome.NOT_FOUND;
import static io.peergraph.api.security.PersonaAccessMatrixTest.Outcome.PSEUDONYMOUS;
import static io.peergraph.api.security.PersonaAccessMatrixTest.Outcome.UNAUTHENTICATED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Who may do what with whose stuff, over real HTTP, for every operation in the schema and every kind of caller the
 * security design names: anonymous, the owner, another customer, each member role of the owning organisation,
 * support, moderator and admin. {@link OperationAccessRulesTest} proves the role rule of each operation; this one
 * proves ownership and privacy on top of it.
 *
 * <p>Stuff: the personas OWNER, OTHER_CUSTOMER, SUPPORT, MODERATOR, ADMIN and ANONYMOUS act on things that the
 * customer OWNER owns; the four ORG_* personas act on things that their organisation owns. Every operation in the
 * schema must be listed here, either with a case per persona or among the operations that take nobody's stuff:
 * a new operation without a rule fails {@link #everyOperationHasAPersonaRule()}.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonaAccessMatrixTest {

    enum Persona { ANONYMOUS, OWNER, OTHER_CUSTOMER, ORG_OWNER, ORG_ADMIN, ORG_MEMBER, ORG_VIEWER, SUPPORT, MODERATOR, ADMIN }

    /**
     * ALLOWED: the whole thing; PSEUDONYMOUS: answered, but only the view privacy allows others (no configuration,
     * no interactions, the author as a pseudonym, nobody's id); FORBIDDEN / UNAUTHENTICATED / NOT_FOUND: that error
     * code (NOT_FOUND: as if the thing did not exist, e.g. someone else's invitation).
     */
    enum Outcome { ALLOWED, PSEUDONYMOUS, FORBIDDEN, UNAUTHENTICATED, NOT_FOUND }

    /** Operations that act on nobody's stuff (public catalogues, the caller's own account, staff tools). */
    static final Set<String> TAKES_NOBODYS_STUFF = Set.of(
            "Query.me", "Query.metrics",
            // Local accounts: the caller's own sign-up and sign-in, before they are anyone (AccountApiTest).
            "Query.signInOptions", "Mutation.signUp", "Mutation.signIn", "Query.product", "Query.products", "Query.symptom", "Query.symptoms",
            "Query.auditEvents", "Query.searchCases",
            // Canonical item values with counts only: nobody's configuration (TypedItemsMeetImportsTest).
            "Query.itemValues", "Mutation.createOrganisation", "Mutation.defineMetric",
            // Moderators' list of unclassified item values with counts only: nobody's configuration (DomainOverApiTest).
            "Query.unclassifiedItemValues",
            // The caller's own inbox and preferences (others' notification ids are ignored by markRead).
            "Query.notifications", "Query.unreadNotificationCount", "Query.notificationPreferences", "Query.notificationDigest",
            "Mutation.markRead", "Mutation.markAllRead", "Mutation.updateNotificationPreferences", "Mutation.unfollow",
            "Subscription.notifications",
            // Support's own saved searches (another's id deletes nothing: NotificationApiTest).
            "Query.savedSearches", "Mutation.saveSearch", "Mutation.deleteSavedSearch",
            // The community's taxonomy: public reads, tag usage counts and MODERATOR curation. Nobody owns a concept;
            // the role rule is the schema's @access (OperationAccessRulesTest, TaxonomyApiTest).
            "Query.conceptSchemes", "Query.concept", "Query.resolveLabel", "Query.tagUsage", "Query.emergingTags",
            "Query.synonymCandidates", "Query.symptomTagCandidates", "Query.broaderCandidates", "Query.conceptHistory", "Query.curationEvents",
            "Query.taxonomyValidation", "Mutation.promoteTag", "Mutation.mapTagToConcept", "Mutation.mergeTags",
            "Mutation.mergeConcepts", "Mutation.renameConcept", "Mutation.addAltLabel", "Mutation.removeAltLabel",
            "Mutation.setDefinition", "Mutation.setBroader", "Mutation.removeBroader", "Mutation.markRelated",
            "Mutation.unmarkRelated", "Mutation.deprecateConcept", "Mutation.curateInBulk", "Mutation.undoCuration",
            "Mutation.approveConcept", "Query.symptomCandidates", "Mutation.approveSymptom", "Mutation.rejectSymptom", "Mutation.mergeSymptom",
            // A customer describes a symptom of their own; who sees it is the symptom's rule (SymptomProposalTest).
            "Mutation.describeSymptom");

    @Autowired GraphQlSource graphQlSource;
    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptomStore;

    final Map<Persona, String> tokens = new EnumMap<>(Persona.class);
    Stuff mine;
    Stuff organisations;
    String organisationId;
    /** An organisation none of the personas belongs to. */
    String clubId;
    String symptomId;
    String metricKey;
    String solutionId;

    /** Things of one owner; {@code writer} may create more of them. */
    record Stuff(String ownerId, String writer, String item, String configuration, String report, String privateReport) {}

    /** One call of an operation as a persona, against that persona's stuff. */
    record Call(String document, Map<String, Object> variables) {}

    record Case(String operation, Function<Stuff, Call> call, Map<Persona, Outcome> expected) {}

    @BeforeAll
    void createPersonasAndTheirStuff() {
        String u = UUID.randomUUID().toString().substring(0, 8);
        tokens.put(Persona.ANONYMOUS, null);
        for (Persona p : List.of(Persona.OWNER, Persona.OTHER_CUSTOMER, Persona.ORG_OWNER, Persona.ORG_ADMIN, Persona.ORG_MEMBER, Persona.ORG_VIEWER)) {
            String token = api.token(p.name().toLowerCase().replace('_', '-') + "-" + u, List.of(Role.CUSTOMER));
            api.post(token, "{ me { customer { id } } }").data();
            tokens.put(p, token);
        }
        tokens.put(Persona.SUPPORT, api.newCustomer(Role.SUPPORT));
        tokens.put(Persona.MODERATOR, api.newCustomer(Role.MODERATOR));
        tokens.put(Persona.ADMIN, api.newCustomer(Role.ADMIN));

        organisationId = api.organisation(tokens.get(Persona.ORG_OWNER), "Acme");
        Map.of(Persona.ORG_ADMIN, "ADMIN", Persona.ORG_MEMBER, "MEMBER", Persona.ORG_VIEWER, "VIEWER").forEach((p, role) ->
                api.join(tokens.get(Persona.ORG_OWNER), organisationId, p.name().toLowerCase().replace('_', '-') + "-" + u, tokens.get(p), role));
        clubId = api.organisation(api.newCustomer(), "Club");

        symptomId = symptomStore.findOrAdd("persona-" + u + "/noise", "Noise", null).id();
        metricKey = "persona_fps_" + u.replace('-', '_');
        api.post(tokens.get(Persona.MODERATOR), "mutation($k: String!) { defineMetric(input: {key: $k, name: \"fps\", unit: \"fps\", direction: HIGHER_IS_BETTER, min: 0, max: 1000}) { id } }",
                Map.of("k", metricKey)).data();

        String ownerId = api.post(tokens.get(Persona.OWNER), "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        mine = stuffOf(ownerId, tokens.get(Persona.OWNER), null);
        organisations = stuffOf(organisationId, tokens.get(Persona.ORG_OWNER), organisationId);
        solutionId = api.post(tokens.get(Persona.OWNER), "mutation($s: ID!) { proposeSolution(input: {symptoms: [$s], title: \"Reseat the card\"}) { id } }",
                Map.of("s", symptomId)).data().path("proposeSolution").path("id").asText();
    }

    private Stuff stuffOf(String ownerId, String writer, String organisation) {
        String item = newItem(writer, organisation);
        String configuration = newConfiguration(writer, organisation);
        api.post(writer, "mutation($c: ID!, $m: String!) { recordMeasurement(input: {configuration: $c, metric: $m, value: 60, unit: \"fps\"}) { id } }",
                Map.of("c", configuration, "m", metricKey)).data();
        return new Stuff(ownerId, writer, item, configuration, newReport(writer, configuration, "COMMUNITY"),
                newReport(writer, configuration, "PRIVATE"));
    }

    private String newItem(String writer, String organisation) {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("productName", "Persona GPU"));
        if (organisation != null) {
            input.put("owner", organisation);
        }
        return api.post(writer, "mutation($i: CreateItemInput!) { createItem(input: $i) { id } }", Map.of("i", input))
                .data().path("createItem").path("id").asText();
    }

    private String newConfiguration(String writer, String organisation) {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("name", "persona pc", "items",
                List.of(Map.of("kind", "gpu", "value", "Persona GPU 9000"), Map.of("kind", "os", "value", "Debian 12"))));
        if (organisation != null) {
            input.put("owner", organisation);
        }
        return api.post(writer, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }", Map.of("i", input))
                .data().path("createConfiguration").path("id").asText();
    }

    private String newReport(String writer, String configuration, String privacy) {
        return api.post(writer, "mutation($c: ID!, $s: ID!, $p: Privacy!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: \"It hums\", privacy: $p}) { id } }",
                Map.of("c", configuration, "s", symptomId, "p", privacy)).data().path("reportSymptom").path("id").asText();
    }

    /** Expected outcomes: the owner and the organisation's writers, viewers, support, the rest (other customer, moderator, admin). */
    static Map<Persona, Outcome> expect(Outcome writers, Outcome viewer, Outcome support, Outcome others) {
        Map<Persona, Outcome> out = new EnumMap<>(Persona.class);
        out.put(Persona.ANONYMOUS, UNAUTHENTICATED);
        Stream.of(Persona.OWNER, Persona.ORG_OWNER, Persona.ORG_ADMIN, Persona.ORG_MEMBER).forEach(p -> out.put(p, writers));
        out.put(Persona.ORG_VIEWER, viewer);
        out.put(Persona.SUPPORT, support);
        Stream.of(Persona.OTHER_CUSTOMER, Persona.MODERATOR, Persona.ADMIN).forEach(p -> out.put(p, others));
        return out;
    }

    /** Only members of the owning organisation who hold OWNER or ADMIN (member management). */
    static Map<Persona, Outcome> organisationManagers() {
        Map<Persona, Outcome> out = expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN);
        out.put(Persona.ORG_OWNER, ALLOWED);
        out.put(Persona.ORG_ADMIN, ALLOWED);
        out.put(Persona.OWNER, FORBIDDEN); // not a member of the organisation
        return out;
    }

    /** Members of the organisation, whatever their role. */
    static Map<Persona, Outcome> organisationMembers() {
        Map<Persona, Outcome> out = expect(ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN);
        out.put(Persona.OWNER, FORBIDDEN); // not a member of the organisation
        return out;
    }

    /** Nobody but its invitee knows the invitation: every customer gets NOT_FOUND; staff tokens without CUSTOMER are refused. */
    static Map<Persona, Outcome> someoneElsesInvitation() {
        Map<Persona, Outcome> out = expect(NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND);
        out.put(Persona.MODERATOR, FORBIDDEN);
        out.put(Persona.ADMIN, FORBIDDEN);
        return out;
    }

    /** An invitation of the organisation: its managers withdraw it, its other members may not, outsiders do not know it. */
    static Map<Persona, Outcome> organisationsInvitation() {
        Map<Persona, Outcome> out = organisationManagers();
        out.put(Persona.OWNER, NOT_FOUND);
        out.put(Persona.OTHER_CUSTOMER, NOT_FOUND);
        return out;
    }

    /** Any customer (staff tokens without the CUSTOMER role are refused by the operation's role rule). */
    static Map<Persona, Outcome> anyCustomer() {
        Map<Persona, Outcome> out = expect(ALLOWED, ALLOWED, FORBIDDEN, ALLOWED);
        out.put(Persona.MODERATOR, FORBIDDEN);
        out.put(Persona.ADMIN, FORBIDDEN);
        return out;
    }

    /** The 360° view: the customer themself and support staff; an organisation's members do not get the organisation's. */
    static Map<Persona, Outcome> customerOverview() {
        Map<Persona, Outcome> out = expect(FORBIDDEN, FORBIDDEN, ALLOWED, FORBIDDEN);
        out.put(Persona.OWNER, ALLOWED);
        return out;
    }

    private static final String REPORT_VIEW = "{ id mine peer { pseudonym } configuration { id } interactions { id } customer { id } }";

    List<Case> cases() {
        var readOwn = expect(ALLOWED, ALLOWED, ALLOWED, FORBIDDEN);
        var write = expect(ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN);
        var askAboutOwn = expect(ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN);
        return List.of(
                new Case("Query.item", s -> call("query($id: ID!) { item(id: $id) { id } }", "id", s.item()), readOwn),
                new Case("Query.configuration", s -> call("query($id: ID!) { configuration(id: $id) { id } }", "id", s.configuration()), readOwn),
                new Case("Query.node", s -> call("query($id: ID!) { node(id: $id) { id } }", "id", s.configuration()), readOwn),
                new Case("Query.report", s -> call("query($id: ID!) { report(id: $id) " + REPORT_VIEW + " }", "id", s.report()),
                        expect(ALLOWED, ALLOWED, ALLOWED, PSEUDONYMOUS)),
                new Case("Query.report (private)", s -> call("query($id: ID!) { report(id: $id) " + REPORT_VIEW + " }", "id", s.privateReport()),
                        expect(ALLOWED, ALLOWED, ALLOWED, FORBIDDEN)),
                new Case("Query.customer", s -> call("query($id: ID!) { customer(id: $id) { __typename } }", "id", s.ownerId()),
                        customerOverview()),
                new Case("Query.solution", s -> call("query($id: ID!) { solution(id: $id) { id title } }", "id", solutionId),
                        expect(ALLOWED, ALLOWED, ALLOWED, ALLOWED)),
                new Case("Query.peersWithSymptom", s -> call("query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s) { peerCount } }",
                        "c", s.configuration(), "s", symptomId), askAboutOwn),
                new Case("Query.similarPeers", s -> call("query($c: ID!) { similarPeers(configuration: $c) { edges { node { similarity } } } }",
                        "c", s.configuration()), askAboutOwn),
                new Case("Query.benchmark", s -> call("query($m: String!, $c: ID!) { benchmark(metric: $m, configuration: $c, cohort: SIMILAR_PEERS) { __typename } }",
                        "m", metricKey, "c", s.configuration()), askAboutOwn),
                new Case("Query.similarCases", s -> call("query($r: ID!) { similarCases(report: $r) { cases { score } } }", "r", s.report()),
                        expect(ALLOWED, ALLOWED, ALLOWED, FORBIDDEN)),
                new Case("Mutation.createItem", s -> call("mutation($o: ID!) { createItem(input: {productName: \"Persona GPU\", owner: $o}) { id } }",
                        "o", s.ownerId()), write),
                new Case("Mutation.updateItem", s -> call("mutation($id: ID!) { updateItem(id: $id, input: {nickname: \"renamed\"}) { id } }",
                        "id", newItem(s.writer(), organisationOf(s))), write),
                new Case("Mutation.deleteItem", s -> call("mutation($id: ID!) { deleteItem(id: $id) }", "id", newItem(s.writer(), organisationOf(s))), write),
                new Case("Mutation.createConfiguration", s -> call("mutation($o: ID!) { createConfiguration(input: {name: \"x\", items: [{kind: \"os\", value: \"Debian 12\"}], owner: $o}) { id } }",
                        "o", s.ownerId()), write),
                new Case("Mutation.updateConfiguration", s -> call("mutation($id: ID!) { updateConfiguration(id: $id, input: {name: \"renamed\"}) { id } }",
                        "id", newConfiguration(s.writer(), organisationOf(s))), write),
                new Case("Mutation.deleteConfiguration", s -> call("mutation($id: ID!) { deleteConfiguration(id: $id) }",
                        "id", newConfiguration(s.writer(), organisationOf(s))), write),
                new Case("Mutation.reportSymptom", s -> call("mutation($c: ID!, $s: ID!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: \"Buzz\"}) { id } }",
                        "c", s.configuration(), "s", symptomId), write),
                new Case("Mutation.updateReport", s -> call("mutation($id: ID!) { updateReport(id: $id, input: {title: \"Hums louder\"}) { id } }",
                        "id", newReport(s.writer(), s.configuration(), "COMMUNITY")), write),
                new Case("Mutation.addInteraction", s -> call("mutation($r: ID!) { addInteraction(report: $r, input: {channel: WEB, text: \"Any news?\"}) { id } }",
                        "r", s.report()), expect(ALLOWED, FORBIDDEN, ALLOWED, FORBIDDEN)),
                new Case("Mutation.proposeSolution", s -> call("mutation($s: ID!, $r: ID!) { proposeSolution(input: {symptoms: [$s], title: \"Swap the PSU\", triedOn: $r}) { id } }",
                        "s", symptomId, "r", s.report()), write),
                new Case("Mutation.confirmSolution", s -> call("mutation($sol: ID!, $c: ID!) { confirmSolution(input: {solution: $sol, configuration: $c, worked: true}) { id } }",
                        "sol", solutionId, "c", s.configuration()), write),
                new Case("Mutation.tag", s -> call("mutation($t: ID!) { tag(target: $t, label: \"humming\") { id } }", "t", s.configuration()), write),
                new Case("Mutation.tag (a shared report)", s -> call("mutation($t: ID!) { tag(target: $t, label: \"humming\") { id } }", "t", s.report()),
                        anyCustomer()),
                new Case("Mutation.tag (a private report)", s -> call("mutation($t: ID!) { tag(target: $t, label: \"humming\") { id } }", "t", s.privateReport()),
                        expect(ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN)),
                // Removes only the caller's own application of the tag (false when there is none), so any customer may ask.
                new Case("Mutation.untag", s -> call("mutation($t: ID!) { untag(target: $t, label: \"humming\") }", "t", s.configuration()),
                        anyCustomer()),
                new Case("Mutation.recordMeasurement", s -> call("mutation($c: ID!, $m: String!) { recordMeasurement(input: {configuration: $c, metric: $m, value: 60, unit: \"fps\"}) { id } }",
                        "c", s.configuration(), "m", metricKey), write),
                new Case("Mutation.recordMeasurements", s -> call("mutation($c: ID!, $m: String!) { recordMeasurements(measurements: [{configuration: $c, metric: $m, value: 61, unit: \"fps\"}]) { created } }",
                        "c", s.configuration(), "m", metricKey), write),
                // Following someone's configuration needs read access to it, as reading it does.
                new Case("Mutation.follow", s -> call("mutation($t: ID!) { follow(thing: $t) { id } }", "t", s.configuration()), readOwn),
                new Case("Mutation.setMember", s -> call("mutation($o: ID!, $h: String!) { setMember(organisation: $o, handle: $h, role: VIEWER) { role } }",
                        "o", organisationId, "h", newMember()), organisationManagers()),
                new Case("Mutation.removeMember", s -> call("mutation($o: ID!, $h: String!) { removeMember(organisation: $o, handle: $h) }",
                        "o", organisationId, "h", newMember()), organisationManagers()),
                new Case("Query.organisationMembers", s -> call("query($o: ID!) { organisationMembers(organisation: $o) { handle role } }",
                        "o", organisationId), organisationMembers()),
                new Case("Query.organisationInvitations", s -> call("query($o: ID!) { organisationInvitations(organisation: $o) { id role } }",
                        "o", organisationId), organisationManagers()),
                // The answer is the same whether or not anyone has the handle: a fresh one here.
                new Case("Mutation.inviteMember", s -> call("mutation($o: ID!, $h: String!) { inviteMember(organisation: $o, handle: $h, role: VIEWER) { id } }",
                        "o", organisationId, "h", "invitee-" + UUID.randomUUID()), organisationManagers()),
                new Case("Mutation.cancelInvitation", s -> call("mutation($i: ID!) { cancelInvitation(invitation: $i) }",
                        "i", newInvitation()), organisationsInvitation()),
                new Case("Mutation.acceptInvitation (someone else's)", s -> call("mutation($i: ID!) { acceptInvitation(invitation: $i) { role } }",
                        "i", newInvitation()), someoneElsesInvitation()),
                new Case("Mutation.declineInvitation (someone else's)", s -> call("mutation($i: ID!) { declineInvitation(invitation: $i) }",
                        "i", newInvitation()), someoneElsesInvitation()),
                new Case("Mutation.leaveOrganisation (one the caller is not in)", s -> call("mutation($o: ID!) { leaveOrganisation(organisation: $o) }",
                        "o", clubId), expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
    }

    /** A customer who has just joined the organisation as a MEMBER; their handle. */
    private String newMember() {
        String handle = "newcomer-" + UUID.randomUUID().toString().substring(0, 8);
        api.join(tokens.get(Persona.ORG_OWNER), organisationId, handle, api.token(handle, List.of(Role.CUSTOMER)), "MEMBER");
        return handle;
    }

    /** A pending invitation of the organisation, for a handle no persona has; its id. */
    private String newInvitation() {
        return api.post(tokens.get(Persona.ORG_OWNER), "mutation($o: ID!, $h: String!) { inviteMember(organisation: $o, handle: $h, role: MEMBER) { id } }",
                Map.of("o", organisationId, "h", "invitee-" + UUID.randomUUID())).data().path("inviteMember").path("id").asText();
    }

    private String organisationOf(Stuff stuff) {
        return stuff == organisations ? organisationId : null;
    }

    private static Call call(String document, Object... nameValues) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            variables.put((String) nameValues[i], nameValues[i + 1]);
        }
        return new Call(document, variables);
    }

    @Test
    void everyOperationHasAPersonaRule() {
        Set<String> covered = cases().stream().map(c -> c.operation().replaceFirst(" \\(.*", "")).collect(Collectors.toSet());
        var schema = graphQlSource.schema();
        List<String> missing = Stream.of(schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType())
                .filter(java.util.Objects::nonNull)
                .flatMap(t -> t.getFieldDefinitions().stream().map(f -> t.getName() + "." + f.getName()))
                .filter(name -> !covered.contains(name) && !TAKES_NOBODYS_STUFF.contains(name))
                .sorted().toList();
        assertThat(missing).as("operations with no persona rule: add a Case to PersonaAccessMatrixTest.cases(), or list the "
                + "operation in TAKES_NOBODYS_STUFF if it acts on nobody's stuff").isEmpty();
    }

    @Test
    void everyPersonaGetsWhatTheRulesSayForEveryOperation() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            c.expected().forEach((persona, expected) -> {
                Stuff stuff = persona.name().startsWith("ORG_") ? organisations : mine;
                Call call = c.call().apply(stuff);
                var response = api.post(tokens.get(persona), call.document(), call.variables());
                String actual = outcome(response.json(), stuff);
                if (!actual.equals(expected.name())) {
                    wrong.add(c.operation() + " as " + persona + ": expected " + expected + " but got " + actual + " " + response.raw());
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    /** What the answer amounts to; any other error shows up as its code, so that every mismatch is listed at once. */
    private String outcome(JsonNode json, Stuff stuff) {
        JsonNode errors = json.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            return errors.get(0).path("extensions").path("code").asText();
        }
        JsonNode report = json.path("data").path("report");
        if (report.isObject() && report.path("configuration").isNull() && !report.path("mine").asBoolean()) {
            boolean pseudonymous = !report.path("peer").path("pseudonym").asText().isBlank() && report.path("interactions").isEmpty()
                    && !json.toString().contains(stuff.ownerId());
            return pseudonymous ? PSEUDONYMOUS.name() : "NOT PSEUDONYMOUS";
        }
        return ALLOWED.name();
    }
}
