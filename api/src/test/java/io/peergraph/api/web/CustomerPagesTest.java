package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer's pages end to end in Chromium on the real service, as a person uses them: sign up on the start page,
 * sign out and in again, add a configuration in "My stuff", and follow "I have a problem" from the symptom typed in
 * words to a peer's answer and a confirmation of what worked. Every step goes through the public GraphQL API.
 */
@BrowserTest
class CustomerPagesTest {

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;

    final String u = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void signUpSignOutAndSignInAgain(Browser browser) {
        String handle = "web-" + u;
        browser.open(api.uri("/").toString());
        signUp(browser, handle, "correct horse battery");
        browser.screenshot("start-signed-in");

        browser.driver().findElement(By.xpath("//button[text()='Sign out']")).click();
        browser.visible(By.cssSelector("form[data-testid=signIn]"));
        assertThat(browser.script("return sessionStorage.getItem('peergraph.token')")).isNull();
        browser.screenshot("start-signed-out");

        WebElement form = browser.driver().findElement(By.cssSelector("form[data-testid=signIn]"));
        labelled(browser, form, "Handle").sendKeys(handle);
        labelled(browser, form, "Password").sendKeys("wrong password");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.visible(By.cssSelector("form[data-testid=signIn] .error")).getText()).isEqualTo("Password: the handle or the password is wrong.");

        labelled(browser, form, "Password").clear();
        labelled(browser, form, "Password").sendKeys("correct horse battery" + Keys.ENTER);
        browser.textIn(By.cssSelector("[data-testid=signed-in-as]"), handle);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("ey"); // no token in the URL
        String token = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        assertThat(api.post(token, "{ me { customer { handle } } }").data().path("me").path("customer").path("handle").asText())
                .isEqualTo(handle);
    }

    @Test
    void aConfigurationAddedOnMyStuffIsMine(Browser browser) {
        String handle = "stuff-" + u;
        browser.open(api.uri("/").toString());
        signUp(browser, handle, "correct horse battery");
        browser.driver().findElement(By.linkText("My stuff")).click();
        WebElement form = browser.visible(By.cssSelector("form[data-testid=add-configuration]"));
        browser.screenshot("my-stuff-empty");
        labelled(browser, form, "Name").sendKeys("Gaming PC " + u);
        List<WebElement> values = form.findElements(By.cssSelector(".item-row input[name=value]"));
        values.get(0).sendKeys("Radeon RX 580");
        values.get(1).sendKeys("mesa 20.0");
        values.get(2).sendKeys("5.4");
        new Select(labelled(browser, form, "Who may see it")).selectByValue("COMMUNITY");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement listed = browser.textIn(By.cssSelector("[data-testid=configurations]"), "Gaming PC " + u);
        // An item is one node per canonical value, shown as it was first written: another test may have written it in
        // other case ("Mesa 20.0"), so the value is compared ignoring case.
        assertThat(listed.getText()).containsIgnoringCase("gpu: AMD Radeon RX 580").containsIgnoringCase("driver: mesa 20.0")
                .contains("kernel: 5.4");
        browser.screenshot("my-stuff");

        String token = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        JsonNode mine = api.post(token, "{ me { configurations(first: 5) { edges { node { name privacy items { kind value } } } } } }")
                .data().path("me").path("configurations").path("edges");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("node").path("name").asText()).isEqualTo("Gaming PC " + u);
        assertThat(mine.get(0).path("node").path("privacy").asText()).isEqualTo("COMMUNITY");
        assertThat(mine.get(0).path("node").path("items").findValuesAsText("value")).containsExactlyInAnyOrder("AMD Radeon RX 580", "AMD", "AMD Ellesmere", "mesa 20.0", "5.4");

        fitsA390PxPhone(browser, "my-stuff-390px");
    }

    @Test
    void anItemValueIsChosenFromTheValuesPeersUse(Browser browser) {
        String peerValue = "BIOS " + u + " rev 7";
        String peer = api.token("values-peer-" + u, List.of(Role.CUSTOMER));
        api.post(peer, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "peer pc", "items", List.of(Map.of("kind", "firmware", "value", peerValue))))).data();

        browser.open(api.uri("/").toString());
        signUp(browser, "values-" + u, "correct horse battery");
        browser.driver().findElement(By.linkText("My stuff")).click();
        WebElement form = browser.visible(By.cssSelector("form[data-testid=add-configuration]"));
        labelled(browser, form, "Name").sendKeys("Suggested " + u);
        // The third row: its kind becomes firmware; typing part of a value shows the one a peer uses, with its count.
        WebElement row = form.findElements(By.cssSelector(".item-row")).get(2);
        WebElement kind = row.findElement(By.cssSelector("input[name=kind]"));
        kind.clear();
        // Escape closes the kinds' own list (a datalist) so that no keystroke meant for the value lands in it.
        kind.sendKeys("firmware", Keys.ESCAPE);
        WebElement value = row.findElement(By.cssSelector("input[name=value]"));
        value.sendKeys("BIOS " + u);
        String list = value.getDomAttribute("aria-controls");
        WebElement suggestion;
        try {
            suggestion = browser.visible(By.xpath("//ul[@id='" + list + "']//button[contains(., '" + peerValue + "')]"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no suggestion of " + peerValue + ": kind '" + kind.getDomProperty("value") + "', value '"
                    + value.getDomProperty("value") + "', list '" + browser.driver().findElement(By.id(list)).getText() + "'", e);
        }
        assertThat(suggestion.getText()).contains("(1 configuration)");
        browser.screenshot("my-stuff-suggestions");
        value.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(suggestion);
        suggestion.sendKeys(Keys.ENTER);
        assertThat(value.getDomProperty("value")).isEqualTo(peerValue);
        assertThat(browser.driver().findElement(By.id(value.getDomAttribute("aria-controls"))).isDisplayed()).as("the list closes on a choice").isFalse();
        // The two rows left empty are not sent.
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.textIn(By.cssSelector("[data-testid=configurations]"), "Suggested " + u);

        String token = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        JsonNode items = api.post(token, "{ me { configurations(first: 5) { edges { node { items { kind value } } } } } }")
                .data().path("me").path("configurations").path("edges").get(0).path("node").path("items");
        assertThat(items.findValuesAsText("value")).containsExactly(peerValue);
        JsonNode held = api.post(token, "query($p: String) { itemValues(kind: \"firmware\", prefix: $p) { value configurations } }", Map.of("p", peerValue))
                .data().path("itemValues");
        assertThat(held.get(0).path("value").asText()).isEqualTo(peerValue);
        assertThat(held.get(0).path("configurations").asInt()).as("the customer landed on the peer's value").isEqualTo(2);
    }

    @Test
    void iHaveAProblemLeadsToAPeersAnswerAndAConfirmation(Browser browser) {
        String gpu = "Radeon Rare " + u;
        Symptom symptom = symptoms.findOrAdd("test-" + u + "/audio/crackling", "Crackling sound " + u, null);
        // A peer who shares the GPU reported the symptom and confirmed a fix.
        String peer = api.token("peer-" + u, List.of(Role.CUSTOMER));
        JsonNode peerConfiguration = api.post(peer, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id items { kind value } } }",
                Map.of("i", Map.of("name", "peer pc", "privacy", "COMMUNITY", "items", List.of(Map.of("kind", "gpu", "value", gpu)))))
                .data().path("createConfiguration");
        String peerConfig = peerConfiguration.path("id").asText();
        // The GPU as the normaliser stored it: a made-up name can land on a pci.ids device (e.g. "AMD Radeon R1E"),
        // depending on the random suffix.
        String storedGpu = java.util.stream.StreamSupport.stream(peerConfiguration.path("items").spliterator(), false)
                .filter(item -> item.path("kind").asText().equals("gpu")).map(item -> item.path("value").asText()).findFirst().orElseThrow();
        api.post(peer, "mutation($i: ReportSymptomInput!) { reportSymptom(input: $i) { id } }", Map.of("i", Map.of(
                "configuration", peerConfig, "symptoms", List.of(symptom.id()), "title", "Crackles in every game " + u, "privacy", "COMMUNITY"))).data();
        String solution = api.post(peer, "mutation($i: ProposeSolutionInput!) { proposeSolution(input: $i) { id } }", Map.of("i", Map.of(
                "symptoms", List.of(symptom.id()), "title", "Set the sample rate to 48 kHz " + u, "steps", "pulseaudio: default-sample-rate = 48000")))
                .data().path("proposeSolution").path("id").asText();
        api.post(peer, "mutation($i: ConfirmSolutionInput!) { confirmSolution(input: $i) { id } }", Map.of("i", Map.of(
                "solution", solution, "configuration", peerConfig, "worked", true))).data();

        String handle = "problem-" + u;
        browser.open(api.uri("/").toString());
        signUp(browser, handle, "correct horse battery");
        String token = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        api.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "My PC " + u, "items", List.of(Map.of("kind", "gpu", "value", gpu))))).data();

        browser.driver().findElement(By.linkText("I have a problem")).click();
        WebElement symptomInput = browser.visible(By.id("symptom-input"));
        symptomInput.sendKeys("Crackling sound " + u);
        WebElement suggestion = browser.visible(By.xpath("//ul[@id='symptom-suggestions']//button[contains(., 'Crackling sound " + u + "')]"));
        symptomInput.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(suggestion);
        suggestion.sendKeys(Keys.ENTER);
        browser.textIn(By.cssSelector("[data-testid=chosen-symptom]"), "Crackling sound " + u);
        browser.screenshot("problem-describe");

        browser.driver().findElement(By.xpath("//button[text()='Show what others saw']")).click();
        WebElement answer = browser.textIn(By.cssSelector("[data-testid=peer-reports]"), "Crackles in every game " + u);
        assertThat(answer.getText()).contains("gpu: " + storedGpu);
        WebElement fix = browser.textIn(By.cssSelector("[data-testid=solutions]"), "Set the sample rate to 48 kHz " + u);
        assertThat(fix.getText()).contains("Worked for 1 of 1 confirmations");
        browser.screenshot("problem-answer");

        fix.findElement(By.xpath(".//button[text()='It worked for me']")).click();
        browser.textIn(By.cssSelector("[data-testid=confirmed]"), "worked for you");
        JsonNode confirmations = api.post(token, "{ me { confirmations(first: 5) { worked solution { id } } } }").data().path("me").path("confirmations");
        assertThat(confirmations).hasSize(1);
        assertThat(confirmations.get(0).path("solution").path("id").asText()).isEqualTo(solution);
        assertThat(confirmations.get(0).path("worked").asBoolean()).isTrue();

        browser.driver().findElement(By.xpath("//button[text()='Report it']")).click();
        browser.textIn(By.cssSelector("[data-testid=reported]"), "Reported");
        JsonNode reports = api.post(token, "{ me { reports(first: 5) { edges { node { title symptoms { id } } } } } }").data().path("me").path("reports").path("edges");
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).path("node").path("symptoms").findValuesAsText("id")).containsExactly(symptom.id());
        browser.screenshot("problem-reported");
    }

    static void signUp(Browser browser, String handle, String password) {
        WebElement form = browser.visible(By.cssSelector("form[data-testid=signUp]"));
        browser.screenshot("start");
        labelled(browser, form, "Handle").sendKeys(handle);
        labelled(browser, form, "Password").sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.textIn(By.cssSelector("[data-testid=signed-in-as]"), handle);
    }

    /** Staff (or anyone with a minted token) sign in on the start page by pasting the token, never in a URL. */
    static void signInWithToken(Browser browser, String token, String handle) {
        browser.visible(By.cssSelector("details.card summary")).click();
        WebElement form = browser.visible(By.cssSelector("form[data-testid=signInWithToken]"));
        labelled(browser, form, "Token").sendKeys(token);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.textIn(By.cssSelector("[data-testid=signed-in-as]"), handle);
    }

    /** At a phone's 390 px width the page does not scroll sideways; a screenshot at that width goes with it. */
    static void fitsA390PxPhone(Browser browser, String screenshot) {
        browser.resize(390, 844);
        try {
            browser.screenshot(screenshot);
            assertThat(browser.script("return document.documentElement.scrollWidth > window.innerWidth")).as("the page scrolls sideways at 390 px")
                    .isEqualTo(false);
        } finally {
            browser.resize(1280, 900);
        }
    }

    /** The control a visible label names: proves the label is there and tied to the control. */
    static WebElement labelled(Browser browser, WebElement scope, String label) {
        WebElement labelElement = scope.findElement(By.xpath(".//label[normalize-space(text())='" + label + "']"));
        return browser.driver().findElement(By.id(labelElement.getDomAttribute("for")));
    }
}
