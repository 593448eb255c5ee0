package io.peergraph.api.stuff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ApiTest
class OwnershipAndValidationTest {

    static final String CREATE = """
            mutation($input: CreateConfigurationInput!) { createConfiguration(input: $input) { id name items { kind value } } }""";
    static final String UPDATE = """
            mutation($id: ID!, $input: UpdateConfigurationInput!) { updateConfiguration(id: $id, input: $input) { id name } }""";
    static final String MY_CONFIGURATIONS = "{ me { configurations { edges { node { id name items { value } } } } } }";

    @Autowired GraphQlHttp api;

    @Test
    void aCustomerCannotChangeAnotherCustomersConfiguration() {
        String alice = api.newCustomer();
        String bob = api.newCustomer();
        String id = api.post(alice, CREATE, Map.of("input", Map.of("name", "alice's pc", "items", List.of(Map.of("kind", "gpu", "value", "RX 580")))))
                .data().path("createConfiguration").path("id").asText();

        var update = api.post(bob, UPDATE, Map.of("id", id, "input", Map.of("name", "mine now")));
        assertThat(update.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(bob, "mutation($id: ID!) { deleteConfiguration(id: $id) }", Map.of("id", id)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(bob, "query($id: ID!) { configuration(id: $id) { id } }", Map.of("id", id)).errorCode()).isEqualTo("FORBIDDEN");

        JsonNode still = api.post(alice, MY_CONFIGURATIONS).data().path("me").path("configurations").path("edges");
        assertThat(still).hasSize(1);
        assertThat(still.get(0).path("node").path("name").asText()).isEqualTo("alice's pc");
    }

    @Test
    void organisationMembersManageTheOrganisationsStuffByRole() {
        String owner = api.newCustomer();
        String viewerHandle = "viewer-" + System.nanoTime();
        String viewer = api.token(viewerHandle, List.of(io.peergraph.api.security.Role.CUSTOMER));
        api.post(viewer, "{ me { customer { id } } }").data();
        String org = api.organisation(owner, "Acme");
        api.join(owner, org, viewerHandle, viewer, "VIEWER");
        assertThat(api.post(viewer, "{ me { organisations { organisation { id } role } } }").data().path("me").path("organisations")
                .findValuesAsText("role")).containsExactly("VIEWER");
        String config = api.post(owner, CREATE, Map.of("input", Map.of("name", "office pc", "owner", org,
                "items", List.of(Map.of("kind", "os", "value", "Debian 12"))))).data().path("createConfiguration").path("id").asText();

        assertThat(api.post(viewer, "query($id: ID!) { configuration(id: $id) { name } }", Map.of("id", config))
                .data().path("configuration").path("name").asText()).isEqualTo("office pc");
        assertThat(api.post(viewer, UPDATE, Map.of("id", config, "input", Map.of("name", "x"))).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(viewer, CREATE, Map.of("input", Map.of("name", "x", "owner", org,
                "items", List.of(Map.of("kind", "os", "value", "x"))))).errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void invalidInputNamesTheFieldAndWritesNothing() {
        String carol = api.newCustomer();
        assertBadInput(api.post(carol, CREATE, Map.of("input", Map.of("name", "   ", "items", List.of(Map.of("kind", "gpu", "value", "x"))))),
                "input.name");
        assertBadInput(api.post(carol, CREATE, Map.of("input", Map.of("name", "pc", "items", List.of()))), "input.items");
        assertBadInput(api.post(carol, CREATE, Map.of("input", Map.of("name", "pc",
                "items", List.of(Map.of("kind", "gpu", "value", "ok"), Map.of("kind", "9$", "value", "x"))))), "input.items[1].kind");
        assertBadInput(api.post(carol, CREATE, Map.of("input", Map.of("name", "pc",
                "items", List.of(Map.of("kind", "gpu", "value", "x".repeat(201)))))), "input.items[0].value");
        assertBadInput(api.post(carol, CREATE, Map.of("input", Map.of("name", "pc", "item", "rep_aaaaaaaaaaaaaaaaaaaa",
                "items", List.of(Map.of("kind", "gpu", "value", "x"))))), "input.item");
        assertBadInput(api.post(carol, UPDATE, Map.of("id", "not-an-id", "input", Map.of("name", "x"))), "id");
        assertBadInput(api.post(carol, "mutation { createItem(input: {productName: \"\"}) { id } }"), "input.productName");

        assertThat(api.post(carol, MY_CONFIGURATIONS).data().path("me").path("configurations").path("edges")).isEmpty();
        assertThat(api.post(carol, "{ me { items { edges { node { id } } } } }").data().path("me").path("items").path("edges")).isEmpty();
    }

    @Test
    void unknownIdsAreNotFound() {
        String dave = api.newCustomer();
        var response = api.post(dave, UPDATE, Map.of("id", "cfg_aaaaaaaaaaaaaaaaaaaa", "input", Map.of("name", "x")));
        assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("at io.peergraph");
    }

    private static void assertBadInput(GraphQlHttp.Response response, String field) {
        assertThat(response.errorCode()).as(response.raw()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.firstError().path("extensions").path("field").asText()).isEqualTo(field);
        assertThat(response.raw()).doesNotContain("Exception");
    }
}
