package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.testing.oidc.OpenIdProvider;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The web pages with an external OpenID Connect provider: a person signs in at the provider's own login form and
 * comes back signed in, by the authorization-code flow with PKCE (the provider refuses this client without it), with
 * no token ever in an address. A second service context that trusts only that provider (search points where nothing
 * listens, as in {@code ProductionProfileTest}, rather than starting a second Elasticsearch).
 */
@BrowserTest
@TestPropertySource(properties = {"peergraph.search.uri=http://127.0.0.1:9",
        "peergraph.security.web-client-id=" + OpenIdProvider.CLIENT_ID})
class OpenIdSignInTest {

    static OpenIdProvider provider;

    @Autowired GraphQlHttp api;

    /** The provider must answer before the service starts: the service reads its discovery document at start-up. */
    @DynamicPropertySource
    static void trustTheProvider(DynamicPropertyRegistry properties) {
        provider = new OpenIdProvider();
        properties.add("peergraph.security.issuer-uri", provider::issuer);
    }

    @AfterAll
    static void stopTheProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @BeforeEach
    void registerThePages() {
        provider.allowReturnTo(api.uri("/").toString());
    }

    @Test
    void aPersonSignsInAtTheProviderAndComesBackSignedInWithNoTokenInAnyAddress(Browser browser) {
        browser.open(api.uri("/").toString());
        String host = URI.create(provider.issuer()).getAuthority();
        browser.textIn(By.cssSelector("[data-testid=signInWithProvider]"), "Sign in with " + host);
        assertThat(browser.driver().findElements(By.cssSelector("form[data-testid=signUp]"))).as("no local accounts beside a provider").isEmpty();
        browser.screenshot("oidc-start");
        browser.forgetRequests();
        browser.driver().findElement(By.cssSelector("[data-testid=signInWithProvider]")).click();

        // The provider's own login form, on the provider's origin.
        browser.visible(By.id("username")).sendKeys(provider.username);
        assertThat(browser.driver().getCurrentUrl()).startsWith(provider.issuer() + "/login");
        browser.screenshot("oidc-provider-login");
        browser.driver().findElement(By.id("password")).sendKeys(provider.password + Keys.ENTER);

        browser.textIn(By.cssSelector("[data-testid=signed-in-as]"), provider.username);
        browser.screenshot("oidc-signed-in");
        assertThat(browser.driver().getCurrentUrl()).as("the one-time code is taken out of the address bar")
                .doesNotContain("code=").doesNotContain("state=");
        var addresses = browser.requestedUrls();
        assertThat(addresses).as("the provider was asked with a PKCE challenge")
                .anyMatch(a -> a.startsWith(provider.issuer() + "/oauth2/authorize?") && a.contains("code_challenge_method=S256"));
        assertThat(addresses).as("no token in any address").noneMatch(a -> a.contains("access_token") || a.contains("id_token") || a.contains("eyJ"));
        assertThat(addresses).as("nothing left 127.0.0.1").allMatch(a -> a.startsWith("http://127.0.0.1:") || a.startsWith("ws://127.0.0.1:")
                || a.startsWith("data:"));

        String token = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        var me = api.post(token, "{ me { customer { handle } roles } }").data().path("me");
        assertThat(me.path("customer").path("handle").asText()).isEqualTo(provider.username);
        assertThat(me.path("roles").toString()).contains("CUSTOMER");
        assertThat(browser.script("return sessionStorage.getItem('peergraph.oidc.pending')")).as("the verifier is spent").isNull();
    }

    @Test
    void aReturnThisTabDidNotStartSignsNobodyIn(Browser browser) {
        browser.open(api.uri("/").toString());
        browser.go(api.uri("/?code=stolen&state=forged").toString());
        assertThat(browser.visible(By.cssSelector(".error")).getText()).contains("This sign-in was not started from this tab");
        assertThat(browser.script("return sessionStorage.getItem('peergraph.token')")).isNull();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
    }
}
