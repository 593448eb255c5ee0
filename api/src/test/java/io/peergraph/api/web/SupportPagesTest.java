package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.security.Role;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.api.testing.SearchIndexing;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Support staff sign in with a minted token (pasted, never in a URL), search cases, see the matches highlighted — with
 * a customer's markup-looking title shown as the text it is, never as markup — and open a case with its similar cases.
 */
@BrowserTest
class SupportPagesTest {

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired SearchIndexing search;

    @Test
    void supportFindsACaseWithSafeHighlightsAndOpensItWithSimilarCases(Browser browser) throws Exception {
        search.awaitUp();
        String u = UUID.randomUUID().toString().substring(0, 8);
        Symptom symptom = symptoms.findOrAdd("web-support-" + u, "Support " + u, null);
        String customer = api.newCustomer();
        String config = api.post(customer, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "pc", "items", List.of(Map.of("kind", "gpu", "value", "support gpu " + u)))))
                .data().path("createConfiguration").path("id").asText();
        String hostileTitle = "<img src=x onerror=\"document.title='owned'\"> flickering" + u;
        for (String title : List.of(hostileTitle, "Screen flickering" + u + " again")) {
            api.post(customer, "mutation($i: ReportSymptomInput!) { reportSymptom(input: $i) { id } }", Map.of("i", Map.of(
                    "configuration", config, "symptoms", List.of(symptom.id()), "title", title, "text", "The screen goes black, flickering" + u))).data();
        }
        search.sync();

        browser.open(api.uri("/").toString());
        WebElement details = browser.visible(By.cssSelector("details.card summary"));
        details.click();
        WebElement form = browser.visible(By.cssSelector("form[data-testid=signInWithToken]"));
        CustomerPagesTest.labelled(browser, form, "Token").sendKeys(api.token("support-" + u, List.of(Role.CUSTOMER, Role.SUPPORT)));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.textIn(By.cssSelector("[data-testid=signed-in-as]"), "support-" + u);

        browser.driver().findElement(By.linkText("Support")).click();
        WebElement query = CustomerPagesTest.labelled(browser, browser.visible(By.cssSelector("form[role=search]")), "Search cases");
        query.sendKeys("flickering" + u);
        query.sendKeys(org.openqa.selenium.Keys.ENTER);
        WebElement results = browser.textIn(By.cssSelector("[data-testid=case-results]"), "2 cases found.");
        assertThat(results.getText()).contains(hostileTitle);
        assertThat(results.findElements(By.tagName("img"))).as("a title is text, never markup").isEmpty();
        assertThat(results.findElements(By.tagName("mark"))).as("matches are highlighted").isNotEmpty()
                .allSatisfy(mark -> assertThat(mark.getText().toLowerCase()).contains("flickering"));
        assertThat(browser.driver().getTitle()).isNotEqualTo("owned");
        browser.screenshot("support-search");

        results.findElement(By.xpath(".//li[contains(., 'Screen flickering" + u + "')]//button[text()='Open']")).click();
        WebElement detail = browser.textIn(By.cssSelector("[data-testid=case-detail] h2"), "Screen flickering" + u + " again");
        WebElement similar = browser.textIn(By.cssSelector("[data-testid=similar-cases]"), hostileTitle);
        assertThat(similar.getText()).contains("gpu support gpu " + u);
        assertThat(detail.isDisplayed()).isTrue();
        browser.screenshot("support-case");
    }
}
