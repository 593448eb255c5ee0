package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.notification.LiveNotifications;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.notification.NotificationRelay;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A notification caused in one signed-in browser tab arrives live in another (each tab is its own session: the
 * token lives in the tab's sessionStorage), raises the unread count and lands in the inbox, where it is marked read.
 */
@BrowserTest
class NotificationPagesTest {

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired NotificationRelay relay;
    @Autowired LiveNotifications live;

    @Test
    void aNotificationFromAnotherSessionArrivesLiveAndIsReadInTheInbox(Browser browser) {
        String u = UUID.randomUUID().toString().substring(0, 8);
        Symptom symptom = symptoms.findOrAdd("web-notify-" + u, "Web notify " + u, null);

        browser.open(api.uri("/").toString());
        CustomerPagesTest.signUp(browser, "alice-" + u, "correct horse battery");
        String alice = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        String config = api.post(alice, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "pc", "items", List.of(Map.of("kind", "gpu", "value", "notify gpu " + u)))))
                .data().path("createConfiguration").path("id").asText();
        api.post(alice, "mutation($i: ReportSymptomInput!) { reportSymptom(input: $i) { id } }",
                Map.of("i", Map.of("configuration", config, "symptoms", List.of(symptom.id()), "title", "Live case " + u))).data();
        relay.drain();
        String aliceId = api.post(alice, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        // Signed in, the page subscribed with the tab's token: wait until the server has the subscription.
        browser.waitFor(d -> live.connected(aliceId) > 0);
        String aliceTab = browser.driver().getWindowHandle();

        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.go(api.uri("/").toString());
        CustomerPagesTest.signUp(browser, "bob-" + u, "correct horse battery");
        String bob = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        assertThat(bob).isNotEqualTo(alice);
        api.post(bob, "mutation($i: ProposeSolutionInput!) { proposeSolution(input: $i) { id } }",
                Map.of("i", Map.of("symptoms", List.of(symptom.id()), "title", "Live fix " + u))).data();
        browser.driver().close();
        browser.driver().switchTo().window(aliceTab);

        relay.drain();
        live.push();
        browser.textIn(By.cssSelector("[data-testid=live-notification]"), "Live fix " + u);
        browser.textIn(By.cssSelector("[data-testid=unread-count]"), "1");
        browser.screenshot("live-notification");

        browser.driver().findElement(By.cssSelector("a[href='#/inbox']")).click();
        var entry = browser.textIn(By.cssSelector("[data-testid=inbox]"), "Live fix " + u);
        assertThat(entry.getText()).contains("A new solution for your symptom");
        browser.screenshot("inbox");
        browser.driver().findElement(By.xpath("//li[@data-testid='notification'][contains(., 'Live fix " + u + "')]//button[text()='Mark read']")).click();
        browser.textIn(By.cssSelector("[data-testid=unread-count]"), "0");
        assertThat(api.post(alice, "{ unreadNotificationCount }").data().path("unreadNotificationCount").asInt()).isZero();
    }
}
