package io.peergraph.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages over plain HTTP (runs without a browser too): the start page and GraphiQL are public, every script and
 * style they name is a path on this service that answers, and every response carries the policy that keeps pages on
 * this origin.
 */
@ApiTest
class WebPagesTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired GraphQlHttp api;

    @Test
    void theStartPageAndGraphiqlArePublicAndLoadOnlyFromThisService() throws Exception {
        for (String page : List.of("/", "/graphiql")) {
            HttpResponse<String> response = get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(page).startsWith("text/html");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("default-src 'self'").contains("script-src 'self'").contains("connect-src 'self'");
            List<String> references = new ArrayList<>();
            Matcher m = REFERENCE.matcher(response.body());
            while (m.find()) {
                references.add(m.group(1));
            }
            assertThat(references).as("what %s loads", page).isNotEmpty()
                    .allMatch(ref -> ref.startsWith("/") && !ref.startsWith("//") || ref.startsWith("#"));
            for (String ref : references) {
                if (ref.startsWith("/") && !ref.equals("/graphiql")) {
                    assertThat(get(ref).statusCode()).as("%s from %s", ref, page).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void everyPageModuleIsServedPublicly() throws Exception {
        for (String module : List.of("app.js", "api.js", "dom.js", "live.js", "stuff.js", "problem.js", "inbox.js", "support.js", "moderator.js", "oidc.js")) {
            HttpResponse<String> response = get("/app/" + module);
            assertThat(response.statusCode()).as(module).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(module).contains("javascript");
            assertThat(response.body()).as("%s: API text is never parsed as markup", module).doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
