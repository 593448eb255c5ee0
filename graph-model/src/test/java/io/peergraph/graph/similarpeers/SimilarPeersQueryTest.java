package io.peergraph.graph.similarpeers;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Similar peers against brute force on a generated community with many exact ties (few distinct values per
 * kind, skewed), plus the partial match through the item family. Values carry a letters-only run tag so that
 * other tests' items never mix in.
 */
class SimilarPeersQueryTest {

    static Neo4jClient client;
    static ConfigurationStore configurations;
    static CustomerStore customers;
    static SimilarPeersQuery query;
    static final String u = randomLetters(10);
    static String me;
    static String myConfig;

    @BeforeAll
    static void community() {
        client = Neo4jClient.create(SharedNeo4j.driver());
        configurations = new ConfigurationStore(client);
        customers = new CustomerStore(client);
        query = new SimilarPeersQuery(client);
        me = customers.signIn("me-" + u).id();
        myConfig = configurations.create(config(me, true, Privacy.COMMUNITY,
                item("gpu", "Radeon RX 580"), item("driver", "mesa 20.0"), item("kernel", "5.4"), item("ram", "16 GB"))).id();
        Random random = new Random(42);
        String[][] pools = {
                {"gpu", "Radeon RX 580", "Radeon RX 570", "GeForce GTX 1060", "GeForce GTX 1080", "Arc A770"},
                {"driver", "mesa 20.0", "mesa 20.3", "mesa 21.1", "nvidia 470.1"},
                {"kernel", "5.4", "5.15", "6.1"},
                {"ram", "16 GB", "8 GB", "32 GB"}};
        for (int i = 0; i < 300; i++) {
            String owner = customers.signIn("peer" + i + "-" + u).id();
            List<ConfigItemValue> items = new ArrayList<>();
            for (String[] pool : pools) {
                if (random.nextInt(5) > 0) { // some configurations lack a kind: more distinct scores, still many ties
                    int pick = Math.min(pool.length - 1, 1 + (int) Math.floor(Math.pow(random.nextDouble(), 2) * (pool.length - 1)));
                    items.add(item(pool[0], pool[pick]));
                }
            }
            if (!items.isEmpty()) {
                configurations.create(config(owner, i % 17 != 0, i % 23 == 0 ? Privacy.PRIVATE : Privacy.COMMUNITY, items.toArray(ConfigItemValue[]::new)));
            }
        }
        configurations.create(config(me, true, Privacy.COMMUNITY, item("gpu", "Radeon RX 580"), item("driver", "mesa 20.0")));
    }

    @Test
    void theExactTopKIsTheBruteForceTopK() {
        SimilarityProfile profile = query.profile(myConfig, null);
        List<Map.Entry<String, Double>> everything = bruteForce(profile);
        for (int k : List.of(1, 5, 10, 40, 120)) {
            List<SimilarConfiguration> top = query.run(new SimilarPeersQuery.Question(myConfig, List.of(me), null, k));
            assertThat(top).extracting(SimilarConfiguration::configurationId)
                    .as("top %d", k).containsExactlyElementsOf(everything.stream().limit(k).map(Map.Entry::getKey).toList());
            assertThat(top).extracting(SimilarConfiguration::similarity)
                    .containsExactlyElementsOf(everything.stream().limit(k).map(Map.Entry::getValue).toList());
        }
        assertThat(everything.stream().map(Map.Entry::getValue).distinct().count()).as("the data has ties").isLessThan(everything.size() / 3);
    }

    @Test
    void aSameFamilyGpuRanksAboveAnUnrelatedOne() {
        String a = customers.signIn("a-" + u).id();
        String b = customers.signIn("b-" + u).id();
        String sameFamily = configurations.create(config(a, true, Privacy.COMMUNITY, item("gpu", "Radeon RX 590"), item("ram", "64 GB"))).id();
        String unrelated = configurations.create(config(b, true, Privacy.COMMUNITY, item("gpu", "Quadro P620"), item("ram", "64 GB"))).id();
        String mine = configurations.create(config(me, true, Privacy.COMMUNITY, item("gpu", "Radeon RX 560"), item("ram", "64 GB"))).id();

        List<SimilarConfiguration> top = query.run(new SimilarPeersQuery.Question(mine, List.of(me), List.of("gpu", "ram"), 500));
        List<String> ids = top.stream().map(SimilarConfiguration::configurationId).toList();
        assertThat(ids).contains(sameFamily, unrelated);
        assertThat(ids.indexOf(sameFamily)).isLessThan(ids.indexOf(unrelated));
        SimilarConfiguration close = top.get(ids.indexOf(sameFamily));
        assertThat(close.partial()).singleElement().satisfies(p -> {
            assertThat(p.theirs().value()).isEqualTo(u + " Radeon RX 590");
            // Of the generation's generated concept (facet.FamilyConcepts), labelled as its first member writes it.
            assertThat(p.family()).isEqualToIgnoringCase(u + " radeon rx 5xx");
            assertThat(p.viaTaxonomy()).isTrue();
            assertThat(p.conceptIri()).endsWith("/families/gpu/" + u + "+radeon+rx+5xx");
        });
        assertThat(close.shared()).extracting(i -> i.kind()).containsExactly("ram");
        assertThat(close.onlyMine()).isEmpty();
        assertThat(top.get(ids.indexOf(unrelated)).onlyTheirs()).extracting(i -> i.value()).containsExactly(u + " Quadro P620");
    }

    @Test
    void optedOutPrivateAndOwnConfigurationsNeverAppear() {
        Set<String> hidden = new HashSet<>(client.query("""
                MATCH (o:Customer)-[:OWNS]->(c:Configuration)-[:INCLUDES]->(i:ConfigItem)
                WHERE i.value STARTS WITH $u AND (c.listedInPeers = false OR c.privacy = 'PRIVATE' OR o.id = $me)
                RETURN DISTINCT c.id AS id""").bindAll(Map.of("u", u, "me", me)).fetchAs(String.class).all());
        assertThat(hidden).hasSizeGreaterThan(10);
        List<SimilarConfiguration> all = query.run(new SimilarPeersQuery.Question(myConfig, List.of(me), null, 1000));
        assertThat(all).isNotEmpty().extracting(SimilarConfiguration::configurationId).doesNotContainAnyElementsOf(hidden);
    }

    @Test
    void theInMemoryIndexFollowsChangesMadeAfterItWasBuilt() {
        String peer = customers.signIn("late-" + u).id();
        List<ConfigItemValue> twin = List.of(item("gpu", "Arc A380"), item("driver", "mesa 23.1"), item("kernel", "6.6"));
        String mine = configurations.create(new ConfigurationStore.NewConfiguration(me, "pc", Privacy.COMMUNITY, true, true, null, twin)).id();
        query.run(new SimilarPeersQuery.Question(mine, List.of(me), null, 5)); // the index exists before the peer does

        String theirs = configurations.create(new ConfigurationStore.NewConfiguration(peer, "pc", Privacy.COMMUNITY, true, true, null, twin)).id();
        assertThat(topIds(mine, 1)).as("a new configuration").containsExactly(theirs);

        configurations.update(theirs, new ConfigurationStore.ConfigurationChange(null, null, false, null, null));
        assertThat(topIds(mine, 5)).as("opted out of peer listings").doesNotContain(theirs);

        configurations.update(theirs, new ConfigurationStore.ConfigurationChange(null, null, true, null, List.of(item("gpu", "Arc A380"))));
        assertThat(query.run(new SimilarPeersQuery.Question(mine, List.of(me), null, 1))).singleElement().satisfies(top -> {
            assertThat(top.configurationId()).as("listed again, with fewer items").isEqualTo(theirs);
            assertThat(top.shared()).extracting(i -> i.kind()).containsExactly("gpu");
        });

        configurations.delete(theirs);
        assertThat(topIds(mine, 5)).as("deleted").doesNotContain(theirs);
    }

    @Test
    void configurationsWrittenWithoutAnOutboxEventAreFoundToo() {
        String mine = configurations.create(config(me, true, Privacy.COMMUNITY, item("gpu", "Vega 56"), item("os", "Gentoo"))).id();
        query.run(new SimilarPeersQuery.Question(mine, List.of(me), null, 5));
        String imported = "cfg_imported" + u;
        client.query("""
                CREATE (o:Customer {id: $owner, handle: $owner})-[:OWNS]->(c:Configuration {id: $id, privacy: 'COMMUNITY', listedInPeers: true})
                WITH c MATCH (i:ConfigItem) WHERE i.value IN $values CREATE (c)-[:INCLUDES]->(i)""")
                .bindAll(Map.of("owner", "cus_imported" + u, "id", imported, "values", List.of(u + " Vega 56", u + " Gentoo"))).run();
        assertThat(topIds(mine, 1)).as("an import writes no outbox event").containsExactly(imported);
    }

    @Test
    void anApproximateAnswerScoresWhatItReturnsExactlyAndWithEnoughBudgetIsTheExactOne() {
        SimilarityProfile profile = query.profile(myConfig, null);
        Map<String, Double> truth = new HashMap<>();
        bruteForce(profile).forEach(e -> truth.put(e.getKey(), e.getValue()));
        SimilarPeersQuery tight = new SimilarPeersQuery(client, query.index(), 1);
        List<SimilarConfiguration> approximate = tight.run(new SimilarPeersQuery.Question(myConfig, List.of(me), null, 10,
                SimilarPeersQuery.Mode.APPROXIMATE));
        assertThat(approximate).hasSize(10).allSatisfy(c -> assertThat(c.similarity()).isEqualTo(truth.get(c.configurationId())));
        assertThat(approximate).extracting(SimilarConfiguration::similarity).isSortedAccordingTo(Comparator.reverseOrder());

        SimilarPeersQuery generous = new SimilarPeersQuery(client, query.index(), 1_000_000);
        assertThat(generous.run(new SimilarPeersQuery.Question(myConfig, List.of(me), null, 10, SimilarPeersQuery.Mode.APPROXIMATE)))
                .extracting(SimilarConfiguration::configurationId).containsExactlyElementsOf(topIds(myConfig, 10));
    }

    private static List<String> topIds(String configuration, int k) {
        return query.run(new SimilarPeersQuery.Question(configuration, List.of(me), null, k)).stream()
                .map(SimilarConfiguration::configurationId).toList();
    }

    private static List<Map.Entry<String, Double>> bruteForce(SimilarityProfile profile) {
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        client.query("""
                MATCH (o:Customer)-[:OWNS]->(c:Configuration)
                WHERE coalesce(c.listedInPeers, true) AND c.privacy <> 'PRIVATE' AND o.id <> $me
                RETURN c.id AS id, [(c)-[:INCLUDES]->(i) | i.id] AS items""").bind(me).to("me").fetch().all()
                .forEach(row -> {
                    double score = profile.score(new HashSet<>((List<String>) row.get("items")));
                    if (score > 0) {
                        scored.add(Map.entry((String) row.get("id"), score));
                    }
                });
        scored.sort(Comparator.comparing((Map.Entry<String, Double> e) -> e.getValue()).reversed().thenComparing(Map.Entry::getKey));
        return scored;
    }

    private static ConfigItemValue item(String kind, String value) {
        return new ConfigItemValue(kind, u + " " + value);
    }

    private static ConfigurationStore.NewConfiguration config(String owner, boolean listed, Privacy privacy, ConfigItemValue... items) {
        return new ConfigurationStore.NewConfiguration(owner, "pc", privacy, listed, true, null, List.of(items));
    }

    private static String randomLetters(int n) {
        Random r = new Random();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }
}
