package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.WebElement;
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

    @Test
    void preferencesSavedOnTheInboxPageAreTheApis(Browser browser) {
        String u = UUID.randomUUID().toString().substring(0, 8);
        browser.open(api.uri("/").toString());
        CustomerPagesTest.signUp(browser, "prefs-" + u, "correct horse battery");
        browser.driver().findElement(By.cssSelector("a[href='#/inbox']")).click();
        WebElement form = browser.visible(By.cssSelector("form[data-testid=notification-preferences]"));
        WebElement live = form.findElement(By.cssSelector("input[value=LIVE]"));
        WebElement digest = form.findElement(By.cssSelector("input[value=DIGEST]"));
        if (live.isSelected()) live.click();
        if (!digest.isSelected()) digest.click();
        form.findElement(By.id("quiet-on")).click();
        WebElement zone = CustomerPagesTest.labelled(browser, form, "Time zone");
        zone.clear();
        zone.sendKeys("Europe/Berlin");
        form.findElement(By.id("anomalies-only")).click();
        assertThat(form.findElement(By.cssSelector("input[name=kind][value=CASE_INTERACTION]")).isEnabled()).as("kinds do not apply to anomalies only").isFalse();
        form.findElement(By.xpath(".//button[text()='Save preferences']")).click();
        browser.textIn(By.cssSelector("[data-testid=preferences-saved]"), "Quiet from 22:00 until 07:00 (Europe/Berlin)");
        browser.screenshot("inbox-preferences");
        CustomerPagesTest.fitsA390PxPhone(browser, "inbox-preferences-390px");

        String token = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        JsonNode saved = api.post(token, "{ notificationPreferences { channels anomaliesOnly quietHours { from to timeZone } } }")
                .data().path("notificationPreferences");
        assertThat(saved.path("channels").toString()).contains("INBOX", "DIGEST").doesNotContain("LIVE");
        assertThat(saved.path("anomaliesOnly").asBoolean()).isTrue();
        assertThat(saved.path("quietHours").path("timeZone").asText()).isEqualTo("Europe/Berlin");

        // A bad time zone comes back as a sentence naming what is wrong, and nothing is saved.
        browser.go(api.uri("/").toString() + "#/inbox");
        WebElement again = browser.visible(By.cssSelector("form[data-testid=notification-preferences]"));
        WebElement zoneAgain = CustomerPagesTest.labelled(browser, again, "Time zone");
        zoneAgain.clear();
        zoneAgain.sendKeys("Mars/Olympus");
        again.findElement(By.xpath(".//button[text()='Save preferences']")).click();
        assertThat(browser.visible(By.cssSelector("form[data-testid=notification-preferences] .error")).getText()).startsWith("Time zone: is not a time zone");
        assertThat(api.post(token, "{ notificationPreferences { quietHours { timeZone } } }").data().path("notificationPreferences")
                .path("quietHours").path("timeZone").asText()).isEqualTo("Europe/Berlin");
    }
}
