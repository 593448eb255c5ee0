package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

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
        browser.visible(By.cssSelector("details.card summary")).click();
        WebElement form = browser.visible(By.cssSelector("form[data-testid=signInWithToken]"));
        CustomerPagesTest.labelled(browser, form, "Token").sendKeys(api.token("moderator-" + u, List.of(Role.CUSTOMER, Role.MODERATOR)));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.textIn(By.cssSelector("[data-testid=signed-in-as]"), "moderator-" + u);
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

    private List<String> labels(String token, String configuration) {
        var tags = api.post(token, "query($id: ID!) { node(id: $id) { ... on Configuration { tags { label } } } }", Map.of("id", configuration))
                .data().path("node").path("tags");
        return tags.findValuesAsText("label");
    }
}
