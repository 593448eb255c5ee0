package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.security.Role;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.api.notification.LiveNotifications;
import io.peergraph.graph.notification.NotificationRelay;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GraphiQL in Debian's Chromium with every request outside 127.0.0.1 failing: it must load from the service alone
 * (Spring's own page fetched React and GraphiQL from a CDN and stayed on "Loading..." offline), run a query with the
 * Authorization header typed in its header editor, and run a subscription authenticated with that header.
 */
@BrowserTest
class GraphiQlOfflineTest {

    /** GraphiQL 2's editors: the query, and the headers (the visible one of the two tool editors, headers first shown). */
    static final String QUERY_EDITOR = ".graphiql-query-editor .CodeMirror";
    static final String HEADER_EDITOR = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired NotificationRelay relay;
    @Autowired LiveNotifications live;

    @Test
    void graphiqlLoadsFromTheServiceAloneAndRunsAnAuthenticatedQuery(Browser browser) {
        String handle = "graphiql-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String token = api.token(handle, List.of(Role.CUSTOMER));
        browser.forgetRequests();
        browser.open(api.uri("/graphiql").toString());
        browser.visible(By.cssSelector(".graphiql-container .graphiql-query-editor .CodeMirror"));

        setEditor(browser, HEADER_EDITOR, "{\"Authorization\": \"Bearer " + token + "\"}");
        setEditor(browser, QUERY_EDITOR, "query Me { me { customer { handle } roles } }");
        browser.driver().findElement(By.cssSelector(".graphiql-execute-button")).click();
        // Any answer first, then what it says: a wrong answer fails with its text instead of a bare timeout.
        browser.waitFor(d -> response(browser).contains("\"data\"") || response(browser).contains("\"errors\""));
        assertThat(response(browser)).contains("\"handle\": \"" + handle + "\"").contains("CUSTOMER");
        browser.screenshot("graphiql");

        List<String> urls = browser.requestedUrls();
        assertThat(urls).as("requests made by the GraphiQL page").isNotEmpty()
                .anyMatch(url -> url.contains("/webjars/graphiql/"))
                .allMatch(url -> url.startsWith(api.uri("/").toString()) || url.startsWith("ws://127.0.0.1:")
                        || url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:"));
    }

    @Test
    void aSubscriptionAuthenticatesWithTheHeaderEditorsTokenAndReceivesANotification(Browser browser) throws Exception {
        String u = java.util.UUID.randomUUID().toString().substring(0, 8);
        var symptom = symptoms.findOrAdd("graphiql-" + u, "GraphiQL live " + u, null);
        String alice = api.newCustomer();
        String bob = api.newCustomer();
        String config = api.post(alice, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "pc", "items", List.of(Map.of("kind", "gpu", "value", "graphiql gpu " + u)))))
                .data().path("createConfiguration").path("id").asText();
        api.post(alice, "mutation($i: ReportSymptomInput!) { reportSymptom(input: $i) { id } }",
                Map.of("i", Map.of("configuration", config, "symptoms", List.of(symptom.id()), "title", "Live case"))).data();
        relay.drain();

        browser.open(api.uri("/graphiql").toString());
        browser.visible(By.cssSelector(".graphiql-container .graphiql-query-editor .CodeMirror"));
        setEditor(browser, HEADER_EDITOR, "{\"Authorization\": \"Bearer " + alice + "\"}");
        setEditor(browser, QUERY_EDITOR, "subscription Live { notifications { kind title } }");
        String aliceId = api.post(alice, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        browser.forgetRequests();
        browser.driver().findElement(By.cssSelector(".graphiql-execute-button")).click();
        // Subscribed only once the server accepted the token in connection_init (a refused socket closes with 4401).
        browser.waitFor(d -> live.connected(aliceId) > 0);

        api.post(bob, "mutation($i: ProposeSolutionInput!) { proposeSolution(input: $i) { id } }",
                Map.of("i", Map.of("symptoms", List.of(symptom.id()), "title", "Live fix " + u))).data();
        relay.drain();
        live.push();
        browser.waitFor(d -> response(browser).contains("Live fix " + u));
        assertThat(response(browser)).contains("NEW_SOLUTION_FOR_MY_SYMPTOM");
        assertThat(browser.requestedUrls()).anyMatch(url -> url.startsWith("ws://127.0.0.1:") && url.endsWith("/graphql"));
        browser.screenshot("graphiql-subscription");
        browser.driver().findElement(By.cssSelector(".graphiql-execute-button")).click(); // stops the subscription
    }

    /** Sets an editor once it is on the page, and waits until GraphiQL holds the text (a busy browser renders late). */
    private static void setEditor(Browser browser, String selector, String text) {
        browser.visible(By.cssSelector(selector));
        browser.script("document.querySelector(arguments[0]).CodeMirror.setValue(arguments[1]);", selector, text);
        browser.waitFor(d -> text.equals(browser.script(
                "var e = document.querySelector(arguments[0]); return e ? e.CodeMirror.getValue() : null;", selector)));
    }

    private static String response(Browser browser) {
        Object value = browser.script("var e = document.querySelector('.graphiql-response .CodeMirror'); return e ? e.CodeMirror.getValue() : '';");
        return String.valueOf(value);
    }
}
