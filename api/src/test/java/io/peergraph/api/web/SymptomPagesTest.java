package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.security.Role;
import io.peergraph.api.symptom.SymptomProposalTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer whose problem fits no symptom describes one on "I have a problem" and reports it; a moderator approves
 * it on the moderation page, and then others see it too (issue 19).
 */
@BrowserTest
class SymptomPagesTest {

    @Autowired GraphQlHttp api;

    @Test
    void aCustomerDescribesANewSymptomAndAModeratorApprovesIt(Browser browser) {
        // Words nobody else has, so that no existing symptom is offered instead.
        String w = SymptomProposalTest.word();
        String name = w + " whistles at idle";
        String handle = "describer-" + w;
        browser.open(api.uri("/").toString());
        CustomerPagesTest.signUp(browser, handle, "correct horse battery");
        String token = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        api.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "My PC " + w, "items", List.of(Map.of("kind", "os", "value", "Debian 12"))))).data();

        browser.driver().findElement(By.linkText("I have a problem")).click();
        browser.visible(By.id("symptom-input")).sendKeys(name);
        browser.textIn(By.cssSelector("[data-testid=describe-symptom]"), name).click();
        browser.textIn(By.cssSelector("[data-testid=chosen-symptom]"), "New symptom: " + name);
        browser.screenshot("symptom-described");
        browser.driver().findElement(By.xpath("//button[text()='Report it']")).click();
        browser.textIn(By.cssSelector("[data-testid=reported]"), "Reported");
        String symptom = api.post(token, "{ me { reports(first: 5) { edges { node { symptoms { id name } } } } } }").data()
                .path("me").path("reports").findValue("symptoms").get(0).path("id").asText();

        String other = api.newCustomer();
        String query = "query($id: ID!) { symptom(id: $id) { name } }";
        assertThat(api.post(other, query, Map.of("id", symptom)).data().path("symptom").isNull()).as("the author's alone").isTrue();

        browser.driver().findElement(By.xpath("//button[text()='Sign out']")).click();
        CustomerPagesTest.signInWithToken(browser, api.token("symptom-moderator-" + w, List.of(Role.CUSTOMER, Role.MODERATOR)),
                "symptom-moderator-" + w);
        browser.driver().findElement(By.linkText("Moderation")).click();
        WebElement candidate = browser.textIn(By.cssSelector("[data-testid=symptom-candidates]"), name)
                .findElement(By.xpath(".//li[@data-testid='symptom-candidate'][contains(., '" + name + "')]"));
        assertThat(candidate.getText()).contains("reported by 1 customer, 1 report");
        candidate.findElement(By.xpath(".//button[text()='Approve']")).click();
        browser.textIn(By.cssSelector("[data-testid=curated]"), "approved " + name);
        browser.screenshot("symptom-approved");

        assertThat(api.post(other, query, Map.of("id", symptom)).data().path("symptom").path("name").asText()).isEqualTo(name);
    }
}
