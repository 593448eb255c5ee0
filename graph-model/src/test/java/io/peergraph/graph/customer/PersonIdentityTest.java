package io.peergraph.graph.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.customer.CustomerStore.SignInOutcome;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.neo4j.core.Neo4jClient;

/** A person is their token's issuer and subject together; a handle never makes anyone someone else. */
class PersonIdentityTest {

    static CustomerStore customers;
    final String u = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void store() {
        customers = new CustomerStore(Neo4jClient.create(SharedNeo4j.driver()));
    }

    @Test
    void theSameSubjectAtTwoIssuersIsTwoPeople() {
        var local = customers.signIn("peergraph-local", "sam-" + u);
        var elsewhere = customers.signIn("https://idp.example.com", "sam-" + u);
        assertThat(local.outcome()).isEqualTo(SignInOutcome.CREATED);
        assertThat(elsewhere.outcome()).isEqualTo(SignInOutcome.CREATED);
        assertThat(elsewhere.customer().id()).isNotEqualTo(local.customer().id());
        assertThat(elsewhere.customer().handle()).as("both sign in as sam").isEqualTo(local.customer().handle()).isEqualTo("sam-" + u);

        var again = customers.signIn("https://idp.example.com", "sam-" + u);
        assertThat(again.outcome()).isEqualTo(SignInOutcome.KNOWN);
        assertThat(again.customer().id()).isEqualTo(elsewhere.customer().id());
    }

    @Test
    void aPersonStoredWithOnlyAHandleIsClaimedOnceAndAnOrganisationNever() {
        String person = PublicId.CUSTOMER.random();
        String organisation = PublicId.CUSTOMER.random();
        SharedNeo4j.driver().executableQuery("""
                CREATE (:Customer {id: $person, handle: $personHandle, kind: 'PERSON'})
                CREATE (:Customer {id: $organisation, handle: $organisationHandle, kind: 'ORGANISATION'})
                """).withParameters(Map.of("person", person, "personHandle", "imported-" + u,
                "organisation", organisation, "organisationHandle", "squatted-" + u)).execute();

        var claimed = customers.signIn("peergraph-local", "imported-" + u);
        assertThat(claimed.outcome()).isEqualTo(SignInOutcome.CLAIMED);
        assertThat(claimed.customer().id()).isEqualTo(person);
        var otherIssuer = customers.signIn("https://idp.example.com", "imported-" + u);
        assertThat(otherIssuer.outcome()).as("claimed once: the next issuer gets a person of its own").isEqualTo(SignInOutcome.CREATED);
        assertThat(otherIssuer.customer().id()).isNotEqualTo(person);

        var notTheOrganisation = customers.signIn("peergraph-local", "squatted-" + u);
        assertThat(notTheOrganisation.outcome()).isEqualTo(SignInOutcome.CREATED);
        assertThat(notTheOrganisation.customer().id()).isNotEqualTo(organisation);
        assertThat(notTheOrganisation.customer().kind()).isEqualTo(Customer.Kind.PERSON);
        assertThat(notTheOrganisation.customer().handle()).isEqualTo("squatted-" + u);
        assertThat(customers.byId(organisation).orElseThrow().kind()).isEqualTo(Customer.Kind.ORGANISATION);
    }

    @Test
    void anOrganisationsHandleIsItsIdAndNobodysLogin() {
        String founder = customers.signIn("founder-" + u).id();
        Customer organisation = customers.createOrganisation(founder, "Acme");
        assertThat(organisation.handle()).isEqualTo(organisation.id());
        assertThat(customers.roleIn(founder, organisation.id())).contains(Membership.Role.OWNER);
    }
}
