package io.peergraph.bench.peers;

import io.peergraph.bench.generate.CommunityShape;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The figures of one benchmark run: a table for people, a JSON summary for tools. */
record BenchmarkReport(CommunityShape shape, Map<String, Long> dataset, Map<String, String> load, int warmupRounds, PairedRun run) {

    void print(PrintStream out) {
        out.println();
        out.printf("peersWithSymptom, %,d customers (seed %d): %s%n", shape.customers(), shape.seed(), dataset);
        out.printf("Store load: %s s, %s reports/s (%s)%n", load.get("loadSeconds"), load.get("reportsPerSecond"), load.get("loadedAt"));
        out.printf("%d questions sampled by report, %d warm-up round(s) first; answers: median %d peers, max %d, %d empty pages, %d HTTP/driver disagreements%n",
                run.httpPage.summary().count(), warmupRounds, run.medianPeerCount(), run.maxPeerCount(), run.emptyPages(), run.disagreements);
        out.printf("%-44s %9s %9s %9s %9s %6s%n", "query", "p50 ms", "p90 ms", "p99 ms", "max ms", "n");
        row(out, "page (first: 20)       HTTP GraphQL", run.httpPage.summary());
        row(out, "page                   driver, CYPHER", run.driverPage.summary());
        ratio(out, "page                   HTTP / driver", run.httpPage.summary(), run.driverPage.summary());
        row(out, "peerCount              HTTP GraphQL", run.httpCount.summary());
        row(out, "peerCount              driver, COUNT_CYPHER", run.driverCount.summary());
        ratio(out, "peerCount              HTTP / driver", run.httpCount.summary(), run.driverCount.summary());
        row(out, "peerCount              driver, CYPHER+COUNT", run.driverPageThenCount.summary());
        ratio(out, "peerCount  HTTP / driver (CYPHER+COUNT)", run.httpCount.summary(), run.driverPageThenCount.summary());
    }

    String json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shape", shape);
        json.put("dataset", dataset);
        json.put("load", load);
        json.put("questions", run.httpPage.summary().count());
        json.put("warmupRounds", warmupRounds);
        json.put("medianPeerCount", run.medianPeerCount());
        json.put("maxPeerCount", run.maxPeerCount());
        json.put("emptyPages", run.emptyPages());
        json.put("disagreements", run.disagreements);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("pageHttp", run.httpPage.summary());
        json.put("pageDriver", run.driverPage.summary());
        json.put("pageRatio", ratios(run.httpPage.summary(), run.driverPage.summary()));
        json.put("peerCountHttp", run.httpCount.summary());
        json.put("peerCountDriver", run.driverCount.summary());
        json.put("peerCountRatio", ratios(run.httpCount.summary(), run.driverCount.summary()));
        json.put("peerCountDriverWithPage", run.driverPageThenCount.summary());
        json.put("peerCountRatioWithPage", ratios(run.httpCount.summary(), run.driverPageThenCount.summary()));
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json);
    }

    private static Map<String, Double> ratios(Latencies.Summary http, Latencies.Summary driver) {
        return Map.of("p50", http.p50() / driver.p50(), "p99", http.p99() / driver.p99());
    }

    private static void row(PrintStream out, String name, Latencies.Summary s) {
        out.printf("%-44s %9.1f %9.1f %9.1f %9.1f %6d%n", name, s.p50(), s.p90(), s.p99(), s.max(), s.count());
    }

    private static void ratio(PrintStream out, String name, Latencies.Summary http, Latencies.Summary driver) {
        out.printf("%-44s %9.2f %9s %9.2f%n", name, http.p50() / driver.p50(), "", http.p99() / driver.p99());
    }
}
