package io.peergraph.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.account.LocalAccountStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Local accounts of the embedded issuer over real HTTP: sign-up, sign-in, their refusals, and what is stored. */
@ApiTest
class AccountApiTest {

    static final String SIGN_UP = "mutation($h: String!, $p: String!) { signUp(handle: $h, password: $p) { token tokenType expiresAt handle roles } }";
    static final String SIGN_IN = "mutation($h: String!, $p: String!) { signIn(handle: $h, password: $p) { token handle roles } }";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired GraphQlHttp api;
    @Autowired LocalAccountStore accounts;

    @Test
    void signUpYieldsTheSameTokenAsTheCommandLineForTheHandle() throws Exception {
        String handle = newHandle();
        JsonNode signedUp = api.post(null, SIGN_UP, Map.of("h", handle, "p", "correct horse battery")).data().path("signUp");
        assertThat(signedUp.path("handle").asText()).isEqualTo(handle);
        assertThat(signedUp.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(signedUp.path("roles").toString()).isEqualTo("[\"CUSTOMER\"]");

        JsonNode mine = claims(signedUp.path("token").asText());
        JsonNode cli = claims(api.token(handle, List.of(Role.CUSTOMER)));
        for (String claim : List.of("iss", "aud", "sub", "roles")) {
            assertThat(mine.path(claim)).as(claim).isEqualTo(cli.path(claim));
        }
        assertThat(mine.path("sub").asText()).isEqualTo(handle);
        JsonNode me = api.post(signedUp.path("token").asText(), "{ me { customer { handle } roles } }").data().path("me");
        assertThat(me.path("customer").path("handle").asText()).isEqualTo(handle);
    }

    @Test
    void signInWithTheRightPasswordOnly() {
        String handle = newHandle();
        api.post(null, SIGN_UP, Map.of("h", handle, "p", "correct horse battery")).data();

        JsonNode signedIn = api.post(null, SIGN_IN, Map.of("h", handle, "p", "correct horse battery")).data().path("signIn");
        assertThat(signedIn.path("handle").asText()).isEqualTo(handle);
        assertThat(api.post(signedIn.path("token").asText(), "{ me { customer { handle } } }").data()
                .path("me").path("customer").path("handle").asText()).isEqualTo(handle);

        var wrongPassword = api.post(null, SIGN_IN, Map.of("h", handle, "p", "correct horse staple"));
        assertThat(wrongPassword.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(wrongPassword.firstError().path("extensions").path("field").asText()).isEqualTo("password");
        assertThat(wrongPassword.firstError().path("message").asText()).isEqualTo("password: the handle or the password is wrong");
        assertThat(wrongPassword.json().path("data").path("signIn").isMissingNode()
                || wrongPassword.json().path("data").isNull() || wrongPassword.json().path("data").path("signIn").isNull()).isTrue();
        var unknownHandle = api.post(null, SIGN_IN, Map.of("h", newHandle(), "p", "correct horse battery"));
        assertThat(unknownHandle.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(unknownHandle.firstError().path("message").asText()).as("not told apart from a wrong password")
                .isEqualTo(wrongPassword.firstError().path("message").asText());
    }

    @Test
    void theStoredPasswordIsAHashNeverThePassword() {
        String handle = newHandle();
        api.post(null, SIGN_UP, Map.of("h", handle, "p", "correct horse battery")).data();
        String stored = accounts.passwordHash(handle).orElseThrow();
        assertThat(stored).startsWith("{bcrypt}$2").doesNotContain("correct horse battery");
    }

    @Test
    void aTakenHandleIsAConflictEvenWithoutAnAccount() {
        String handle = newHandle();
        api.post(null, SIGN_UP, Map.of("h", handle, "p", "correct horse battery")).data();
        assertThat(api.post(null, SIGN_UP, Map.of("h", handle, "p", "another password")).errorCode()).isEqualTo("CONFLICT");

        // Someone who signed in with a token of this issuer owns the handle: a password must not open their stuff.
        String tokenHolder = newHandle();
        api.post(api.token(tokenHolder, List.of(Role.CUSTOMER)), "{ me { customer { id } } }").data();
        assertThat(api.post(null, SIGN_UP, Map.of("h", tokenHolder, "p", "correct horse battery")).errorCode()).isEqualTo("CONFLICT");
        assertThat(api.post(null, SIGN_IN, Map.of("h", tokenHolder, "p", "correct horse battery")).errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void badHandlesAndPasswordsAreRefusedWithTheField() {
        var badHandle = api.post(null, SIGN_UP, Map.of("h", "no spaces", "p", "correct horse battery"));
        assertThat(badHandle.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(badHandle.firstError().path("extensions").path("field").asText()).isEqualTo("handle");

        var shortPassword = api.post(null, SIGN_UP, Map.of("h", newHandle(), "p", "short"));
        assertThat(shortPassword.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(shortPassword.firstError().path("extensions").path("field").asText()).isEqualTo("password");

        // BCrypt reads 72 bytes: 'é' is two, so 37 of them would be cut silently.
        var longPassword = api.post(null, SIGN_UP, Map.of("h", newHandle(), "p", "é".repeat(37)));
        assertThat(longPassword.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(longPassword.firstError().path("extensions").path("field").asText()).isEqualTo("password");
    }

    @Test
    void theStartPageLearnsThatLocalAccountsAreOn() {
        JsonNode options = api.post(null, "{ signInOptions { localAccounts issuer clientId scopes } }").data().path("signInOptions");
        assertThat(options.path("localAccounts").asBoolean()).isTrue();
        assertThat(options.path("issuer").asText()).isEqualTo("peergraph-local");
        assertThat(options.path("clientId").isNull()).as("no provider to send people to").isTrue();
        assertThat(options.path("scopes").isNull()).isTrue();
    }

    static String newHandle() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
