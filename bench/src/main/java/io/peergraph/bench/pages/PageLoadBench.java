package io.peergraph.bench.pages;

import io.peergraph.bench.Options;
import io.peergraph.bench.peers.Latencies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web pages' load budget: time to interactive of the start page, of "I have a problem", and of its answer, in
 * headless Debian Chromium against a running service with the demo data, each as the page's own clock says.
 *
 * <p>Time to interactive here is from navigation start (the page's time origin) to the first animation frame after
 * the page's goal is in the document: the sign-in form (start page), the symptom field (I have a problem), the answer's
 * heading (the answer, timed from the click on "Show what others saw"). The pages attach their handlers as they build
 * each element, so an element in the document is an element that works. Each is measured as a first visit (the
 * browser's cache disabled) and as a repeat visit (cached, revalidated), {@code loads} times after {@code warmup}
 * unmeasured rounds; the baseline, measured in the same browser and run, is the GraphQL round trip the page waits on
 * (fetch to parsed JSON), so the ratio says what the page adds to the API's own answer.
 */
public final class PageLoadBench {

    /** Records, for each goal, the first animation frame after it appears (ms since navigation start). */
    private static final String OBSERVER = """
            (() => {
              const goals = ['form[data-testid=signIn]', '#symptom-input'];
              window.__pg = {};
              const check = () => { for (const g of goals) {
                if (!(g in window.__pg) && document.querySelector(g)) {
                  window.__pg[g] = null;
                  requestAnimationFrame(() => { window.__pg[g] = performance.now(); });
                } } };
              new MutationObserver(check).observe(document, { childList: true, subtree: true });
            })();""";
    private static final String GQL = """
            const [query, variables, token, done] = arguments;
            const headers = { 'Content-Type': 'application/json' };
            if (token) headers.Authorization = 'Bearer ' + token;
            const t0 = performance.now();
            fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) })
              .then((r) => r.json()).then((body) => done({ ms: performance.now() - t0, body: JSON.stringify(body) }),
                (e) => done({ ms: -1, body: String(e) }));""";
    private static final String ANSWER = """
            const done = arguments[arguments.length - 1];
            const ask = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Show what others saw');
            const t0 = performance.now();
            const seen = () => {
              if (document.getElementById('answer-title')) { obs.disconnect(); requestAnimationFrame(() => done(performance.now() - t0)); }
              else if (document.querySelector('[data-testid=answer] .error, main .error')) { obs.disconnect(); done(-1); }
            };
            const obs = new MutationObserver(seen);
            obs.observe(document.body, { childList: true, subtree: true });
            ask.click();""";
    static final String PEERS = """
            query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s, first: 10) {
              peerCount
              reports { edges { node { id title status similarity peer { pseudonym } sharedItems { kind value } symptoms { name key } } } }
              solutions { solution { id title steps kind } worked confirmations peers confidence } } }""";

    private final ChromeDriver driver;
    private final String base;

    private PageLoadBench(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, Set.of("base", "loads", "warmup", "chromium", "chromedriver"));
        String base = options.string("base", "http://127.0.0.1:18310");
        int loads = options.integer("loads", 50);
        int warmup = options.integer("warmup", 5);
        Path profile = Files.createTempDirectory("peergraph-pagebench");
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(options.string("chromium", "/usr/bin/chromium"));
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
                "--user-data-dir=" + profile, "--window-size=1280,900",
                // Offline, as the tests: nothing may leave 127.0.0.1.
                "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(options.string("chromedriver", "/usr/bin/chromedriver")).toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, chrome);
        try {
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", OBSERVER));
            driver.executeCdpCommand("Network.enable", Map.of());
            new PageLoadBench(driver, base).run(loads, warmup);
        } finally {
            driver.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }

    private void run(int loads, int warmup) {
        driver.get(base + "/");
        driver.executeScript("sessionStorage.clear()");
        // A customer of the bench's own, with the demo data's most held GPU and driver, asking about the symptom most
        // reported: the question a first visitor most likely asks.
        String handle = "pagebench-" + UUID.randomUUID().toString().substring(0, 8);
        Json account = gql("mutation($h: String!, $p: String!) { signUp(handle: $h, password: $p) { token } }",
                Map.of("h", handle, "p", UUID.randomUUID().toString()), null);
        String token = account.string("signUp.token");
        long reports = gql("{ searchCases(first: 1) { total } }", Map.of(), token).path("searchCases.total");
        String gpu = gql("{ itemValues(kind: \"gpu\", first: 1) { value } }", Map.of(), token).string("itemValues.0.value");
        String gpuDriver = gql("{ itemValues(kind: \"driver\", first: 1) { value } }", Map.of(), token).string("itemValues.0.value");
        String configuration = gql("mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "bench rig", "items", List.of(Map.of("kind", "gpu", "value", gpu), Map.of("kind", "driver", "value", gpuDriver)))),
                token).string("createConfiguration.id");
        String symptomKey = gql("{ searchCases(first: 1) { facets { field buckets { value } } } }", Map.of(), token).facet("symptomKeys");
        Json symptoms = gql("query($s: String!) { symptoms(search: $s, first: 20) { edges { node { id key name } } } }", Map.of("s", symptomKey), token);
        String symptomId = symptoms.symptomWithKey(symptomKey, "id");
        String symptomName = symptoms.symptomWithKey(symptomKey, "name");
        long peers = gql(PEERS, Map.of("c", configuration, "s", symptomId), token).path("peersWithSymptom.peerCount");

        System.out.printf("# %d cores, load average at start %s; demo data: %d cases; question: gpu %s, driver %s, symptom %s (%d peers)%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), reports, gpu, gpuDriver, symptomKey, peers);
        System.out.println("# what: visit n p50-ms p99-ms | baseline (the API round trip it waits on) p50-ms p99-ms | ratio p50 p99");
        for (boolean cached : List.of(false, true)) {
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", !cached));
            String visit = cached ? "repeat" : "first";
            Latencies start = new Latencies();
            Latencies startBase = new Latencies();
            Latencies problem = new Latencies();
            Latencies problemBase = new Latencies();
            Latencies answer = new Latencies();
            Latencies answerBase = new Latencies();
            for (int i = 0; i < warmup + loads; i++) {
                boolean measured = i >= warmup;
                driver.get("about:blank");
                driver.get(base + "/"); // signed out: the previous round cleared the tab's session
                record(measured, start, goal("form[data-testid=signIn]"));
                record(measured, startBase, gql("{ signInOptions { localAccounts issuer } }", Map.of(), null).ms());

                driver.executeScript("sessionStorage.setItem('peergraph.token', arguments[0]); sessionStorage.setItem('peergraph.handle', arguments[1]);"
                        + " sessionStorage.setItem('peergraph.roles', '[\"CUSTOMER\"]');", token, handle);
                driver.get("about:blank");
                driver.get(base + "/#/problem");
                record(measured, problem, goal("#symptom-input"));
                record(measured, problemBase, gql("{ me { configurations(first: 100) { edges { node { id name items { id kind value } } } } } }", Map.of(), token).ms());
                chooseSymptom(symptomName == null ? symptomKey : symptomName, symptomKey);
                double ms = ((Number) driver.executeAsyncScript(ANSWER)).doubleValue();
                if (ms < 0) {
                    throw new IllegalStateException("The answer page showed an error: " + driver.findElement(org.openqa.selenium.By.tagName("main")).getText());
                }
                record(measured, answer, ms);
                record(measured, answerBase, gql(PEERS, Map.of("c", configuration, "s", symptomId), token).ms());
                driver.executeScript("sessionStorage.clear()");
            }
            print("start page", visit, start, startBase);
            print("I have a problem", visit, problem, problemBase);
            print("its answer (from the click)", visit, answer, answerBase);
        }
        System.out.printf("# load average at end %s%n", loadAverage());
    }

    /** Waits for the page's goal and returns when it became interactive, in ms since navigation start. */
    private double goal(String selector) {
        Object at = new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(20)).until(d ->
                driver.executeScript("return window.__pg && window.__pg[arguments[0]]", selector));
        return ((Number) at).doubleValue();
    }

    /** Picks the symptom as a person does: types it, then takes the suggestion with its key. Not timed. */
    private void chooseSymptom(String text, String key) {
        driver.executeScript("const i = document.getElementById('symptom-input'); i.value = arguments[0]; i.dispatchEvent(new Event('input'));", text);
        new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(20)).until(d -> (Boolean) driver.executeScript("""
                const b = [...document.querySelectorAll('#symptom-suggestions button')].find((x) => x.textContent.includes('(' + arguments[0] + ')'));
                if (b) b.click();
                return !!b;""", key));
    }

    private static void record(boolean measured, Latencies into, double ms) {
        if (measured) {
            into.add(Math.round(ms * 1e6));
        }
    }

    private static void print(String what, String visit, Latencies page, Latencies baseline) {
        Latencies.Summary p = page.summary();
        Latencies.Summary b = baseline.summary();
        System.out.printf("%s: %s n=%d p50 %.0f ms p99 %.0f ms | baseline p50 %.0f ms p99 %.0f ms | ratio %.1f %.1f%n",
                what, visit, p.count(), p.p50(), p.p99(), b.p50(), b.p99(), p.p50() / b.p50(), p.p99() / b.p99());
    }

    private Json gql(String query, Map<String, Object> variables, String token) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) driver.executeAsyncScript(GQL, query, variables, token);
        Json json = new Json(((Number) result.get("ms")).doubleValue(), (String) result.get("body"));
        if (json.ms() < 0 || json.body().contains("\"errors\"")) {
            throw new IllegalStateException("GraphQL failed: " + json.body());
        }
        return json;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GraphQL answer: its time and body, read with dotted paths under {@code data}. */
    record Json(double ms, String body) {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

        com.fasterxml.jackson.databind.JsonNode node(String path) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = MAPPER.readTree(body).path("data");
                for (String part : path.split("\\.")) {
                    n = part.matches("\\d+") ? n.path(Integer.parseInt(part)) : n.path(part);
                }
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String string(String path) {
            return node(path).asText();
        }

        long path(String path) {
            return node(path).asLong();
        }

        String facet(String field) {
            for (com.fasterxml.jackson.databind.JsonNode f : node("searchCases.facets")) {
                if (f.path("field").asText().equals(field) && !f.path("buckets").isEmpty()) {
                    return f.path("buckets").get(0).path("value").asText();
                }
            }
            throw new IllegalStateException("No " + field + " facet: is the demo data loaded? " + body);
        }

        String symptomWithKey(String key, String field) {
            for (com.fasterxml.jackson.databind.JsonNode e : node("symptoms.edges")) {
                if (e.path("node").path("key").asText().equals(key)) {
                    return e.path("node").path(field).isNull() ? null : e.path("node").path(field).asText();
                }
            }
            throw new IllegalStateException("No symptom with the key " + key + ": " + body);
        }
    }
}
