package io.peergraph.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.peergraph.graph.testing.SharedNeo4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The review's two denial-of-service queries against the running service (issue 16, section 2): many aliases of
 * unpaged taxonomy lists, anonymously, and 1,000 aliases of {@code me} signed in. Each is refused before it runs
 * or answered within the limits; other callers keep being answered meanwhile, the request never holds more than
 * its share of the driver's connections, and the log gets no stack trace per field.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class QueryCostAttackTest {

    private static final Logger log = LoggerFactory.getLogger(QueryCostAttackTest.class);

    static final String TREE = "topConcepts { iri ancestors { iri prefLabel } related { iri prefLabel broader { iri } }"
            + " descendants { edges { node { concept { iri prefLabel related { iri } } } } } }";

    @Autowired GraphQlHttp api;

    @Test
    void aliasesOfUnpagedTaxonomyListsAreRefusedBeforeTheyRun(CapturedOutput output) {
        for (int aliases : new int[] {50, 100}) {
            String query = IntStream.range(0, aliases).mapToObj(i -> "s" + i + ": conceptSchemes { " + TREE + " }")
                    .collect(Collectors.joining(" ", "{ ", " }"));
            var response = api.post(null, query);
            assertThat(response.status()).as(response.raw()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
            assertThat(response.json().has("data")).isFalse();
        }
        // One of them is already costlier than the limit: unpaged lists count at their documented bounds.
        assertThat(api.post(null, "{ conceptSchemes { " + TREE + " } }").errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
        // What a client asks to draw the top of each scheme stays well inside the limit.
        assertThat(api.post(null, "{ conceptSchemes { iri topConcepts { iri prefLabel narrowerCount } } }").data()
                .path("conceptSchemes").isArray()).isTrue();
        assertThat(stackTraceLines(output)).isZero();
    }

    @Test
    void aThousandAliasesOfMeTakeTurnsAndLeaveThePoolToOthers(CapturedOutput output) throws Exception {
        String attacker = api.newCustomer();
        String bystander = api.newCustomer();
        String probe = "{ me { customer { id } } conceptSchemes { iri } }";
        api.post(bystander, probe).data();
        List<Long> before = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            before.add(timed(() -> api.post(bystander, probe).data()));
        }

        String attack = IntStream.range(0, 1000).mapToObj(i -> "m" + i + ": me { customer { id } }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger mostInUse = new AtomicInteger();
        List<Long> during = new ArrayList<>();
        List<String> bystanderErrors = new ArrayList<>();
        CompletableFuture<List<GraphQlHttp.Response>> attacks = CompletableFuture.supplyAsync(() -> {
            try {
                return IntStream.range(0, 3).parallel().mapToObj(i -> api.post(attacker, attack)).toList();
            } finally {
                attacking.set(false);
            }
        });
        while (attacking.get()) {
            mostInUse.accumulateAndGet(runningTransactions(), Math::max);
            long took = timed(() -> {
                var answer = api.post(bystander, probe);
                if (answer.json().has("errors")) {
                    bystanderErrors.add(answer.raw());
                }
            });
            if (attacking.get()) {
                during.add(took);
            }
        }

        for (GraphQlHttp.Response response : attacks.get()) {
            if (response.status() == 400) {
                assertThat(response.errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
                continue;
            }
            assertThat(response.status()).as(response.raw().substring(0, Math.min(500, response.raw().length()))).isEqualTo(200);
            JsonNode data = response.json().path("data");
            for (JsonNode error : response.json().path("errors")) {
                assertThat(error.path("extensions").path("code").asText()).as(error.toString()).isEqualTo("UNAVAILABLE");
                assertThat(error.path("extensions").path("retryable").asBoolean()).isTrue();
            }
            if (!response.json().has("errors")) {
                assertThat(data.size()).isEqualTo(1000);
                assertThat(data.path("m999").path("customer").path("id").asText()).startsWith("cus_");
            }
        }
        assertThat(bystanderErrors).isEmpty();
        // Three attacking requests hold at most their share each (4 by default), besides the bystander's own.
        assertThat(mostInUse.get()).as("transactions running at once").isLessThanOrEqualTo(3 * 4 + 2);
        long medianBefore = median(before);
        long medianDuring = during.isEmpty() ? medianBefore : median(during);
        log.info("Bystander latency: median {} ms before the attack, {} ms during it ({} requests); at most {} transactions running at once",
                medianBefore, medianDuring, during.size(), mostInUse.get());
        // Generous on purpose (a shared, loaded build machine): the point is that others are served, not how fast.
        assertThat(medianDuring).isLessThanOrEqualTo(100 * Math.max(medianBefore, 10));
        assertThat(stackTraceLines(output)).isZero();
    }

    /** Transactions running in the store now, other than this question's own (sampled: a lower bound of the peak). */
    private static int runningTransactions() {
        try (var session = SharedNeo4j.driver().session()) {
            return session.run("SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS n").single().get("n").asInt() - 1;
        }
    }

    private static long stackTraceLines(CapturedOutput output) {
        return output.getAll().lines().filter(l -> l.startsWith("\tat ")).count();
    }

    private static long timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
