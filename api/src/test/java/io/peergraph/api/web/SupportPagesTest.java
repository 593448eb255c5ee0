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
        CustomerPagesTest.signInWithToken(browser, api.token("support-" + u, List.of(Role.CUSTOMER, Role.SUPPORT)), "support-" + u);

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

    @Test
    void supportOpensTheCustomersHistoryFromACaseAndSavesASearch(Browser browser) throws Exception {
        search.awaitUp();
        String u = UUID.randomUUID().toString().substring(0, 8);
        Symptom symptom = symptoms.findOrAdd("web-history-" + u, "History " + u, null);
        String customer = api.token("history-customer-" + u, List.of(Role.CUSTOMER));
        String config = api.post(customer, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "Studio PC " + u, "items", List.of(Map.of("kind", "gpu", "value", "history gpu " + u)))))
                .data().path("createConfiguration").path("id").asText();
        String report = api.post(customer, "mutation($i: ReportSymptomInput!) { reportSymptom(input: $i) { id } }", Map.of("i", Map.of(
                "configuration", config, "symptoms", List.of(symptom.id()), "title", "Fans roar" + u, "text", "Loud fans, roaring" + u)))
                .data().path("reportSymptom").path("id").asText();
        api.post(customer, "mutation($r: ID!) { addInteraction(report: $r, input: {channel: PHONE, text: \"Called about the fans\", outcome: \"ESCALATED\"}) { id } }",
                Map.of("r", report)).data();
        api.post(customer, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id } }", Map.of("t", report, "l", "loud" + u)).data();
        search.sync();

        browser.open(api.uri("/").toString());
        CustomerPagesTest.signInWithToken(browser, api.token("history-support-" + u, List.of(Role.CUSTOMER, Role.SUPPORT)), "history-support-" + u);
        browser.driver().findElement(By.linkText("Support")).click();
        WebElement form = browser.visible(By.cssSelector("form[role=search]"));
        WebElement query = CustomerPagesTest.labelled(browser, form, "Search cases");
        query.sendKeys("roaring" + u + org.openqa.selenium.Keys.ENTER);
        WebElement results = browser.textIn(By.cssSelector("[data-testid=case-results]"), "1 case found.");
        results.findElement(By.xpath(".//li[contains(., 'Fans roar" + u + "')]//button[text()='Open']")).click();

        WebElement history = browser.textIn(By.cssSelector("[data-testid=customer-history]"), "The customer: history-customer-" + u);
        browser.waitFor(d -> history.findElements(By.cssSelector("[data-testid=history-event]")).size() >= 3);
        assertThat(history.getText()).contains("Reported Fans roar" + u, "Created the configuration Studio PC " + u,
                "Phone from the customer on Fans roar" + u, "Called about the fans", "Outcome: ESCALATED");
        browser.screenshot("support-customer-history");
        CustomerPagesTest.fitsA390PxPhone(browser, "support-customer-history-390px");

        // Saved search: the filters (an open case with the tag), named, listed, run again, deleted.
        form.findElement(By.xpath(".//summary[text()='Filters']")).click();
        form.findElement(By.id("status-open")).click();
        CustomerPagesTest.labelled(browser, form, "Tag").sendKeys("loud" + u);
        form.findElement(By.xpath(".//summary[text()='Save the filters as a search']")).click();
        CustomerPagesTest.labelled(browser, form, "Name").sendKeys("Loud " + u);
        form.findElement(By.xpath(".//button[text()='Save this search']")).click();
        browser.textIn(By.cssSelector("[data-testid=search-saved]"), "Saved “Loud " + u + "”.");
        WebElement saved = browser.textIn(By.cssSelector("[data-testid=saved-searches]"), "Loud " + u);
        assertThat(saved.getText()).contains("status Open", "tag loud" + u);
        String supportToken = (String) browser.script("return sessionStorage.getItem('peergraph.token')");
        assertThat(api.post(supportToken, "{ savedSearches { name status tags } }").data().path("savedSearches").findValuesAsText("name"))
                .containsExactly("Loud " + u);
        browser.screenshot("support-saved-search");

        query.clear();
        saved.findElement(By.xpath(".//li[contains(., 'Loud " + u + "')]//button[text()='Run']")).click();
        browser.waitFor(d -> d.findElement(By.cssSelector("[data-testid=case-results]")).getText().contains("Fans roar" + u)
                && d.findElement(By.cssSelector("[data-testid=case-results]")).getText().contains("1 case found."));
        browser.driver().findElement(By.xpath("//li[@data-testid='saved-search'][contains(., 'Loud " + u + "')]//button[text()='Delete']")).click();
        browser.textIn(By.cssSelector("[data-testid=saved-searches]"), "None yet.");
        assertThat(api.post(supportToken, "{ savedSearches { name } }").data().path("savedSearches")).isEmpty();
    }
}
