package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.GraphQlHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** A moderator merges two tags on the moderation page and undoes it; the API shows the effect of each step. */
@BrowserTest
class ModeratorPagesTest {

    @Autowired GraphQlHttp api;

    @Test
    void aModeratorMergesTwoTagsAndUndoesIt(Browser browser) {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String customer = api.newCustomer();
        String config = api.post(customer, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "pc", "items", List.of(Map.of("kind", "gpu", "value", "tag gpu " + u)))))
                .data().path("createConfiguration").path("id").asText();
        for (String label : List.of("stutter " + u, "stuttering " + u)) {
            api.post(customer, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id } }", Map.of("t", config, "l", label)).data();
        }

        browser.open(api.uri("/").toString());
        CustomerPagesTest.signInWithToken(browser, api.token("moderator-" + u, List.of(Role.CUSTOMER, Role.MODERATOR)), "moderator-" + u);
        browser.driver().findElement(By.linkText("Moderation")).click();

        WebElement merge = browser.visible(By.cssSelector("form[data-testid=merge-tags]"));
        WebElement find = CustomerPagesTest.labelled(browser, merge, "Find tags");
        find.sendKeys(u);
        // The lists show the search for the whole id (earlier keystrokes' searches may have shown first). A person
        // whose search did not come back types it again: so does the test, once, before failing with what the page says.
        try {
            browser.waitFor(d -> u.equals(merge.getDomAttribute("data-shown-search")));
        } catch (org.openqa.selenium.TimeoutException notShown) {
            find.clear();
            find.sendKeys(u);
            browser.waitFor(d -> u.equals(merge.getDomAttribute("data-shown-search")));
        }
        assertThat(new Select(CustomerPagesTest.labelled(browser, merge, "Merge this tag")).getOptions()).hasSize(2);
        new Select(CustomerPagesTest.labelled(browser, merge, "Merge this tag")).selectByVisibleText("stuttering " + u + " (1 use)");
        new Select(CustomerPagesTest.labelled(browser, merge, "into this tag")).selectByVisibleText("stutter " + u + " (1 use)");
        merge.findElement(By.cssSelector("button[type=submit]")).click();
        browser.visible(By.cssSelector("[data-testid=merged]"));
        assertThat(labels(customer, config)).containsExactly("stutter " + u);
        browser.screenshot("moderation-merged");

        // The newest change comes first: the merge just made.
        WebElement newest = browser.visible(By.cssSelector("[data-testid=curation-events] li[data-testid=curation-event]"));
        newest.findElement(By.xpath(".//button[text()='Undo']")).click();
        browser.visible(By.cssSelector("[data-testid=undone]"));
        assertThat(labels(customer, config)).containsExactlyInAnyOrder("stutter " + u, "stuttering " + u);
        browser.screenshot("moderation-undone");
    }

    @Test
    void aModeratorBrowsesTheConceptTreeCuratesALabelUndoesItChecksAndExportsTheTaxonomy(Browser browser) {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String moderator = api.token("curator-" + u, List.of(Role.CUSTOMER, Role.MODERATOR));
        JsonNode scheme = null;
        for (JsonNode s : api.post(moderator, "{ conceptSchemes { iri topConcepts { iri prefLabel } } }").data().path("conceptSchemes")) {
            if (!s.path("topConcepts").isEmpty()) {
                scheme = s;
                break;
            }
        }
        assertThat(scheme).as("a seeded scheme with top concepts").isNotNull();
        String top = scheme.path("topConcepts").get(0).path("iri").asText();
        String customer = api.newCustomer();
        String config = api.post(customer, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "pc", "items", List.of(Map.of("kind", "gpu", "value", "tree gpu " + u)))))
                .data().path("createConfiguration").path("id").asText();
        String tag = api.post(customer, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id } }", Map.of("t", config, "l", "Aaa web " + u))
                .data().path("tag").path("id").asText();
        String concept = api.post(moderator, "mutation($t: ID!, $s: String!, $b: String) { promoteTag(tag: $t, scheme: $s, broader: $b) { concepts { iri } } }",
                Map.of("t", tag, "s", scheme.path("iri").asText(), "b", top)).data().path("promoteTag").path("concepts").findValuesAsText("iri")
                .stream().filter(iri -> !iri.equals(top)).findFirst().orElseThrow();

        browser.open(api.uri("/").toString());
        CustomerPagesTest.signInWithToken(browser, moderator, "curator-" + u);
        browser.driver().findElement(By.linkText("Moderation")).click();
        browser.visible(By.cssSelector("#mod-tree select[name=scheme]"));
        WebElement section = browser.driver().findElement(By.id("mod-tree"));
        new Select(CustomerPagesTest.labelled(browser, section, "Scheme")).selectByValue(scheme.path("iri").asText());
        WebElement parent = browser.visible(By.cssSelector("[data-testid=concept-tree] li[data-iri='" + top + "']"));
        WebElement toggle = parent.findElement(By.cssSelector("button.toggle"));
        toggle.click();
        assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("true");
        WebElement mine = browser.visible(By.cssSelector("li[data-iri='" + top + "'] li[data-iri='" + concept + "'] button.concept"));
        assertThat(mine.getText()).isEqualTo("Aaa web " + u);
        mine.click();
        WebElement detail = browser.textIn(By.cssSelector("[data-testid=concept-detail] h3"), "Aaa web " + u);
        assertThat(detail.isDisplayed()).isTrue();

        WebElement add = browser.visible(By.cssSelector("form[data-testid=add-alt-label]"));
        CustomerPagesTest.labelled(browser, add, "New alternative label").sendKeys("aaa alias " + u);
        add.findElement(By.xpath(".//button[text()='Add the label']")).click();
        browser.textIn(By.cssSelector("[data-testid=alt-labels]"), "aaa alias " + u);
        WebElement newest = browser.textIn(By.cssSelector("[data-testid=concept-detail] li[data-testid=curation-event]"), "aaa alias " + u);
        browser.screenshot("moderation-concept");
        CustomerPagesTest.fitsA390PxPhone(browser, "moderation-concept-390px");
        newest.findElement(By.xpath(".//button[text()='Undo']")).click();
        browser.waitFor(d -> !d.findElement(By.cssSelector("[data-testid=concept-detail]")).getText().contains("Alternative labels: aaa alias " + u)
                && d.findElements(By.xpath("//*[@data-testid='concept-detail']//li[@data-testid='curation-event'][contains(., 'aaa alias " + u + "')][contains(., 'undone')]")).size() == 1);
        assertThat(api.post(moderator, "query($i: String!) { concept(iri: $i) { altLabels { value } } }", Map.of("i", concept)).data()
                .path("concept").path("altLabels").findValuesAsText("value")).doesNotContain("aaa alias " + u);

        browser.driver().findElement(By.xpath("//button[text()='Check the taxonomy']")).click();
        WebElement summary = browser.visible(By.cssSelector("[data-testid=validation-summary]"));
        boolean conforms = api.post(moderator, "{ taxonomyValidation { conforms } }").data().path("taxonomyValidation").path("conforms").asBoolean();
        if (conforms) {
            assertThat(summary.getText()).isEqualTo("The taxonomy follows every rule.");
        } else {
            assertThat(summary.getText()).matches("\\d+ findings?\\.");
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=finding]"))).isNotEmpty();
        }
        browser.screenshot("moderation-validation");

        WebElement download = browser.driver().findElement(By.cssSelector("[data-testid=export-link]"));
        assertThat(download.getDomAttribute("download")).isNotNull();
        Object exported = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));",
                download.getDomProperty("href"));
        assertThat((String) exported).contains("skos:", "Aaa web " + u);
    }

    private List<String> labels(String token, String configuration) {
        var tags = api.post(token, "query($id: ID!) { node(id: $id) { ... on Configuration { tags { label } } } }", Map.of("id", configuration))
                .data().path("node").path("tags");
        return tags.findValuesAsText("label");
    }
}
