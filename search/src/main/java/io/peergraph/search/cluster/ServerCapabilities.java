package io.peergraph.search.cluster;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.PluginStats;
import co.elastic.clients.elasticsearch.license.LicenseStatus;
import co.elastic.clients.elasticsearch.license.LicenseType;
import co.elastic.clients.elasticsearch.license.get.LicenseInformation;
import co.elastic.clients.elasticsearch.nodes.info.NodeInfo;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a cluster offers beyond Elasticsearch's core, so that search code uses a feature where it exists and
 * falls back where it does not. The managed local server (the integ-test distribution) has none of these;
 * production clusters usually have all but {@link #rrfRetriever}, which needs an enterprise license.
 *
 * <p>Detection reads the nodes info API, which needs the {@code monitor} cluster privilege.
 *
 * @param englishAnalyzer the analysis-common module: the {@code english} and other language analyzers, and the
 *     {@code stemmer}, {@code asciifolding} and {@code ngram} filters
 * @param painless the lang-painless module: {@code script_score} and scripted updates
 * @param reindex the reindex module: {@code _reindex}, {@code _update_by_query}, {@code _delete_by_query}
 * @param rrfRetriever the {@code rrf} retriever, which fuses lexical and vector hits in the cluster; without it
 *     the application fuses the scores itself
 */
public record ServerCapabilities(boolean englishAnalyzer, boolean painless, boolean reindex, boolean rrfRetriever) {

    public static ServerCapabilities detect(ElasticsearchClient client) throws IOException {
        Set<String> extensions = extensionsOnEveryNode(client);
        return new ServerCapabilities(
                extensions.contains("analysis-common"),
                extensions.contains("lang-painless"),
                extensions.contains("reindex"),
                extensions.contains("rank-rrf") && licenseAllowsRrf(client));
    }

    // A request may land on any node, so a feature counts only if every node has it.
    private static Set<String> extensionsOnEveryNode(ElasticsearchClient client) throws IOException {
        Set<String> common = null;
        Collection<NodeInfo> nodes = client.nodes()
                .info(request -> request.metric("plugins"))
                .nodes()
                .values();
        for (NodeInfo node : nodes) {
            Set<String> names = Stream.concat(node.modules().stream(), node.plugins().stream())
                    .map(PluginStats::name)
                    .collect(Collectors.toCollection(HashSet::new));
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        return common == null ? Set.of() : common;
    }

    private static boolean licenseAllowsRrf(ElasticsearchClient client) throws IOException {
        LicenseInformation license = client.license().get().license();
        return license != null
                && license.status() == LicenseStatus.Active
                && (license.type() == LicenseType.Enterprise || license.type() == LicenseType.Trial);
    }
}
