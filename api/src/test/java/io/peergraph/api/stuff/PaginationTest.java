package io.peergraph.api.stuff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ApiTest
class PaginationTest {

    static final String PAGE = """
            query($first: Int, $after: String) { me { items(first: $first, after: $after) {
              edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }""";

    @Autowired GraphQlHttp api;

    @Test
    void cursorsWalkEveryItemOnceAndPageSizeIsCapped() {
        String erin = api.newCustomer();
        for (int i = 0; i < 105; i++) {
            api.post(erin, "mutation($n: String) { createItem(input: {productName: \"Widget\", nickname: $n}) { id } }", Map.of("n", "w" + i)).data();
        }

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", 40);
            vars.put("after", after);
            JsonNode items = api.post(erin, PAGE, vars).data().path("me").path("items");
            items.path("edges").forEach(e -> seen.add(e.path("node").path("id").asText()));
            after = items.path("pageInfo").path("hasNextPage").asBoolean() ? items.path("pageInfo").path("endCursor").asText() : null;
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(105).doesNotHaveDuplicates();

        JsonNode huge = api.post(erin, PAGE, Map.of("first", 1_000_000)).data().path("me").path("items");
        assertThat(huge.path("edges")).hasSize(100);
        assertThat(huge.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
    }

    @Test
    void aCursorStaysValidWhenNewItemsArrive() {
        String frank = api.newCustomer();
        for (int i = 0; i < 3; i++) {
            api.post(frank, "mutation { createItem(input: {productName: \"Widget\"}) { id } }").data();
        }
        JsonNode first = api.post(frank, PAGE, Map.of("first", 2)).data().path("me").path("items");
        String cursor = first.path("pageInfo").path("endCursor").asText();
        api.post(frank, "mutation { createItem(input: {productName: \"Widget\"}) { id } }").data(); // newest: lands on page one
        JsonNode second = api.post(frank, PAGE, Map.of("first", 2, "after", cursor)).data().path("me").path("items");
        assertThat(second.path("edges")).hasSize(1);
        assertThat(second.path("edges").get(0).path("node").path("id").asText())
                .isNotIn(first.path("edges").findValuesAsText("id"));
    }

    @Test
    void aForgedCursorIsBadInput() {
        var response = api.post(api.newCustomer(), PAGE, Map.of("first", 2, "after", "bm90IGEgY3Vyc29y"));
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.firstError().path("extensions").path("field").asText()).isEqualTo("after");
    }
}
