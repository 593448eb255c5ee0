package io.peergraph.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nobody can be made to sign in as something another customer created (issue 16, 1): a person is their token's
 * issuer and subject, organisations live where no login lands, and joining an organisation is an invitation its
 * invitee accepts. The attacks as an outside reviewer ran them, over HTTP against the real service and store.
 */
@ApiTest
class AccountTakeoverTest {

    private static final String ME = "{ me { customer { id handle kind } organisations { organisation { id } role } } }";
    private static final String INVITE = "mutation($o: ID!, $h: String!, $r: MemberRole!) { inviteMember(organisation: $o, handle: $h, role: $r) { id organisationId handle role } }";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;

    private final String u = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anOrganisationNamedAfterSomeonesFutureLoginIsNotWhatTheySignInAs() {
        String victimHandle = "victim-" + u + "@example.com";
        String squatter = api.newCustomer();
        // The reviewer's attack: an organisation whose handle is the victim's login, before the victim ever signs in.
        // (An organisation's handle is no longer the caller's to choose, so today this is refused as an unknown argument.)
        api.post(squatter, "mutation($h: String!) { createOrganisation(handle: $h, displayName: \"Victim's\") { id } }", Map.of("h", victimHandle));

        String victim = api.token(victimHandle, List.of(Role.CUSTOMER));
        JsonNode me = api.post(victim, ME).data().path("me");
        assertThat(me.path("customer").path("kind").asText()).as("the victim is a person of their own").isEqualTo("PERSON");
        assertThat(me.path("customer").path("handle").asText()).isEqualTo(victimHandle);
        assertThat(me.path("organisations")).as("and belongs to nothing they did not accept").isEmpty();
        String victimId = me.path("customer").path("id").asText();

        // What the API offers instead: an organisation of the squatter's, with the victim invited as its OWNER. An
        // invitation waits for its invitee; it makes nobody a member.
        String squattersOrganisation = api.organisation(squatter, "Victim's things");
        api.post(squatter, INVITE, Map.of("o", squattersOrganisation, "h", victimHandle, "r", "OWNER")).data();
        assertThat(api.post(victim, ME).data().path("me").path("organisations")).isEmpty();

        String privateReport = privateReportOf(victim);
        assertThat(api.post(squatter, "query($id: ID!) { report(id: $id) { id } }", Map.of("id", privateReport)).errorCode())
                .as("the squatter reads nothing the victim creates").isEqualTo("FORBIDDEN");
        assertThat(api.post(squatter, "query($id: ID!) { customer(id: $id) { customer { id } } }", Map.of("id", victimId)).errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(api.post(squatter, "query($o: ID!) { organisationMembers(organisation: $o) { handle role } }", Map.of("o", squattersOrganisation))
                .data().path("organisationMembers").findValuesAsText("handle")).doesNotContain(victimHandle);
    }

    @Test
    void anOrganisationSquattedBeforeTheFixIsNotClaimedByTheFirstSignInOfItsHandle() {
        String victimHandle = "early-victim-" + u + "@example.com";
        String squatterId = api.post(api.newCustomer(), ME).data().path("me").path("customer").path("id").asText();
        // What the old createOrganisation wrote: an organisation holding the victim's future login as its handle.
        String squatted = PublicId.CUSTOMER.fromKey("handle:" + victimHandle);
        SharedNeo4j.driver().executableQuery("""
                        MATCH (squatter:Customer {id: $squatter})
                        CREATE (org:Customer {id: $id, handle: $handle, displayName: 'Squatted', kind: 'ORGANISATION', createdAt: datetime()})
                        CREATE (squatter)-[:MEMBER_OF {role: 'OWNER', since: datetime()}]->(org)
                        """).withParameters(Map.of("squatter", squatterId, "id", squatted, "handle", victimHandle)).execute();

        JsonNode me = api.post(api.token(victimHandle, List.of(Role.CUSTOMER)), ME).data().path("me");
        assertThat(me.path("customer").path("kind").asText()).isEqualTo("PERSON");
        assertThat(me.path("customer").path("id").asText()).isNotEqualTo(squatted);
        assertThat(me.path("organisations")).isEmpty();
    }

    @Test
    void aCustomerStoredBeforeIssuersWereRecordedKeepsTheirIdentity() {
        String handle = "old-timer-" + u;
        String id = PublicId.CUSTOMER.fromKey("handle:" + handle); // how sign-in derived ids before
        SharedNeo4j.driver().executableQuery("""
                        CREATE (:Customer {id: $id, handle: $handle, displayName: $handle, kind: 'PERSON', createdAt: datetime()})
                          -[:OWNS]->(:Configuration {id: $cfg, name: 'old pc', privacy: 'PRIVATE', listedInPeers: false, inStatistics: false,
                                                   createdAt: datetime(), updatedAt: datetime()})
                        """).withParameters(Map.of("id", id, "handle", handle, "cfg", PublicId.CONFIGURATION.random())).execute();

        String token = api.token(handle, List.of(Role.CUSTOMER));
        assertThat(api.post(token, ME).data().path("me").path("customer").path("id").asText()).isEqualTo(id);
        assertThat(api.post(token, "{ me { configurations { edges { node { name } } } } }").data().path("me").path("configurations")
                .findValuesAsText("name")).containsExactly("old pc");
    }

    @Test
    void invitingAndManagingMembersNeverTellsWhetherAHandleExists() {
        String owner = api.newCustomer();
        String organisation = api.organisation(owner, "Acme " + u);
        String existing = "someone-" + u;
        api.post(api.token(existing, List.of(Role.CUSTOMER)), ME).data();
        String nobody = "nobody-" + u;

        JsonNode toSomeone = api.post(owner, INVITE, Map.of("o", organisation, "h", existing, "r", "MEMBER")).data().path("inviteMember");
        JsonNode toNobody = api.post(owner, INVITE, Map.of("o", organisation, "h", nobody, "r", "MEMBER")).data().path("inviteMember");
        assertThat(shape(toSomeone)).isEqualTo(shape(toNobody));

        String setMember = "mutation($o: ID!, $h: String!) { setMember(organisation: $o, handle: $h, role: VIEWER) { role } }";
        var forSomeone = api.post(owner, setMember, Map.of("o", organisation, "h", existing));
        var forNobody = api.post(owner, setMember, Map.of("o", organisation, "h", nobody));
        assertThat(forSomeone.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(forSomeone.firstError().path("message")).isEqualTo(forNobody.firstError().path("message"));
    }

    @Test
    void anInviteeIsNoMemberAndSeesNothingUntilTheyAccept() {
        String owner = api.newCustomer();
        String organisation = api.organisation(owner, "Lab " + u);
        String configuration = api.post(owner, "mutation($o: ID!) { createConfiguration(input: {name: \"lab pc\", owner: $o, privacy: PRIVATE, items: [{kind: \"os\", value: \"Debian 12\"}]}) { id } }",
                Map.of("o", organisation)).data().path("createConfiguration").path("id").asText();
        String inviteeHandle = "invitee-" + u;
        String invitee = api.token(inviteeHandle, List.of(Role.CUSTOMER));
        String invitation = api.post(owner, INVITE, Map.of("o", organisation, "h", inviteeHandle, "r", "VIEWER")).data()
                .path("inviteMember").path("id").asText();

        JsonNode pending = api.post(invitee, "{ me { invitations { id organisationId organisationName role } organisations { role } } }").data().path("me");
        assertThat(pending.path("invitations").findValuesAsText("id")).containsExactly(invitation);
        assertThat(pending.path("invitations").get(0).path("organisationName").asText()).isEqualTo("Lab " + u);
        assertThat(pending.path("organisations")).isEmpty();
        String readConfiguration = "query($id: ID!) { configuration(id: $id) { name } }";
        assertThat(api.post(invitee, readConfiguration, Map.of("id", configuration)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(invitee, "query($o: ID!) { organisationMembers(organisation: $o) { handle } }", Map.of("o", organisation)).errorCode())
                .isEqualTo("FORBIDDEN");

        String other = api.newCustomer();
        String accept = "mutation($i: ID!) { acceptInvitation(invitation: $i) { organisation { id } role } }";
        assertThat(api.post(other, accept, Map.of("i", invitation)).errorCode()).as("only its invitee accepts it").isEqualTo("NOT_FOUND");
        assertThat(api.post(other, "{ me { invitations { id } } }").data().path("me").path("invitations")).isEmpty();

        assertThat(api.post(invitee, "mutation($i: ID!) { declineInvitation(invitation: $i) }", Map.of("i", invitation)).data()
                .path("declineInvitation").asBoolean()).isTrue();
        assertThat(api.post(owner, "query($o: ID!) { organisationInvitations(organisation: $o) { id } }", Map.of("o", organisation)).data()
                .path("organisationInvitations")).isEmpty();
        assertThat(api.post(invitee, accept, Map.of("i", invitation)).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.post(invitee, readConfiguration, Map.of("id", configuration)).errorCode()).isEqualTo("FORBIDDEN");

        String again = api.post(owner, INVITE, Map.of("o", organisation, "h", inviteeHandle, "r", "VIEWER")).data().path("inviteMember").path("id").asText();
        JsonNode joined = api.post(invitee, accept, Map.of("i", again)).data().path("acceptInvitation");
        assertThat(joined.path("role").asText()).isEqualTo("VIEWER");
        assertThat(joined.path("organisation").path("id").asText()).isEqualTo(organisation);
        assertThat(api.post(invitee, readConfiguration, Map.of("id", configuration)).data().path("configuration").path("name").asText()).isEqualTo("lab pc");
        assertThat(api.post(invitee, "{ me { invitations { id } } }").data().path("me").path("invitations")).isEmpty();
    }

    /** An invitation's answer without its id: what is the same for every handle. */
    private static String shape(JsonNode invitation) {
        return invitation.path("organisationId").asText() + "/" + invitation.path("role").asText() + "/" + invitation.fieldNames().hasNext();
    }

    private String privateReportOf(String token) {
        String configuration = api.post(token, "mutation { createConfiguration(input: {name: \"my pc\", privacy: PRIVATE, items: [{kind: \"os\", value: \"Arch\"}]}) { id } }")
                .data().path("createConfiguration").path("id").asText();
        String symptom = symptoms.findOrAdd("takeover-" + u + "/hum", "Hum", null).id();
        return api.post(token, "mutation($c: ID!, $s: ID!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: \"It hums\", privacy: PRIVATE}) { id } }",
                Map.of("c", configuration, "s", symptom)).data().path("reportSymptom").path("id").asText();
    }
}
