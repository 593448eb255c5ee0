package io.peergraph.search.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.searchable.GraphReportSearch;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.symptom.NarrowerSymptoms;
import io.peergraph.search.sync.OutboxRelay;
import io.peergraph.search.testing.SearchStack;
import io.peergraph.search.testing.SharedElasticsearch;
import io.peergraph.search.testing.TestGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ElasticCaseSearchTest {

    static TestGraph graph;
    static SearchStack search;
    static NarrowerSymptoms tree;

    @BeforeAll
    static void start() {
        graph = new TestGraph();
        search = new SearchStack(SharedElasticsearch.uri(), SharedElasticsearch.credentials(), OutboxRelay.CONSUMER, graph);
        tree = new NarrowerSymptoms(graph.client);
    }

    @AfterAll
    static void stop() {
        search.close();
    }

    static String word() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void aSymptomFilterIncludesNarrowerSymptoms() {
        String w = word();
        String audio = graph.symptom(w + "/audio", "Audio problems", null).id();
        String crackling = graph.symptom(w + "/audio/crackling", "Crackling", w + "/audio").id();
        String video = graph.symptom(w + "/video", "Video problems", null).id();
        Configuration cfg = graph.configuration(graph.newCustomer(), List.of());
        Report broad = graph.report(cfg, null, List.of(audio), "Sound is off " + w, null, Privacy.COMMUNITY);
        Report narrow = graph.report(cfg, null, List.of(crackling), "Crackling in menus " + w, null, Privacy.COMMUNITY);
        graph.report(cfg, null, List.of(video), "Flicker " + w, null, Privacy.COMMUNITY);
        search.sync();

        CaseFilter filter = new CaseFilter(null, tree.withNarrower(audio), null, null, null, null, null, null);
        CasePage page = search.finder.search(Viewer.support(cfg.ownerId()), new CaseQuery(w, filter, 10, null));

        assertThat(page.hits()).extracting(CaseHit::id).containsExactlyInAnyOrder(broad.id(), narrow.id());
        assertThat(page.degraded()).isFalse();
        assertThat(page.facets()).filteredOn(f -> f.field().equals("symptomKeys")).singleElement()
                .satisfies(f -> assertThat(f.buckets()).extracting(CasePage.Bucket::value).contains(w + "/audio", w + "/audio/crackling"));
    }

    @Test
    void aSymptomFilterIncludesSymptomsClassifiedUnderANarrowerConcept() {
        String w = word();
        String display = graph.symptom(w + "/display", "Display problems", null).id();
        String tearing = graph.symptom(w + "/tearing", "Tearing", null).id(); // no key relation: only the taxonomy links them
        graph.client.query("""
                        MATCH (display:Symptom {id: $display}), (tearing:Symptom {id: $tearing})
                        CREATE (displayConcept:Concept {id: $w + '-c1', iri: 'urn:test:' + $w + ':display'}),
                               (tearingConcept:Concept {id: $w + '-c2', iri: 'urn:test:' + $w + ':tearing'}),
                               (tearingConcept)-[:BROADER]->(displayConcept),
                               (display)-[:CLASSIFIED_AS]->(displayConcept), (tearing)-[:CLASSIFIED_AS]->(tearingConcept)
                        """).bindAll(java.util.Map.of("display", display, "tearing", tearing, "w", w)).run();

        assertThat(tree.withNarrower(display)).containsExactlyInAnyOrder(display, tearing);
        assertThat(tree.withNarrower(tearing)).containsExactly(tearing);
    }

    @Test
    void aCustomerNeverFindsAnotherCustomersPrivateCase() {
        String w = word();
        Configuration alices = graph.configuration(graph.newCustomer(), List.of(new ConfigItemValue("gpu", "Secret GPU " + w)));
        Report secret = graph.report(alices, null, List.of(), "My private trouble " + w, "private details " + w, Privacy.PRIVATE);
        Report shared = graph.report(alices, null, List.of(), "Shared trouble " + w, "community details " + w, Privacy.COMMUNITY);
        String bob = graph.newCustomer();
        search.sync();
        CaseQuery query = new CaseQuery(w, CaseFilter.none(), 10, null);

        assertThat(search.finder.search(Viewer.customer(bob), query).hits()).extracting(CaseHit::id).containsExactly(shared.id());
        assertThat(search.finder.search(Viewer.customer(alices.ownerId()), query).hits()).extracting(CaseHit::id)
                .containsExactlyInAnyOrder(secret.id(), shared.id());
        assertThat(search.finder.search(Viewer.support(bob), query).hits()).extracting(CaseHit::id)
                .containsExactlyInAnyOrder(secret.id(), shared.id());

        SimilarQuery similar = new SimilarQuery(null, "private trouble " + w, "private details " + w,
                alices.items().stream().map(i -> i.id()).toList(), List.of(), null, 10);
        assertThat(search.finder.similar(Viewer.customer(bob), similar).cases()).extracting(SimilarCase::id).doesNotContain(secret.id());
        assertThat(new GraphCaseSearch(new GraphReportSearch(graph.client)).search(Viewer.customer(bob), query).hits()).extracting(CaseHit::id)
                .doesNotContain(secret.id());
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsAndMatchesAreHighlighted() {
        String w = word();
        Configuration cfg = graph.configuration(graph.newCustomer(), List.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Report r = graph.report(cfg, null, List.of(), "Crash on start " + w, "It crashes " + "again ".repeat(i), Privacy.COMMUNITY);
            graph.interaction(r.id(), Interaction.Channel.PHONE, "Customer called about " + w);
            ids.add(r.id());
        }
        search.sync();

        List<String> seen = new ArrayList<>();
        CaseQuery.SortKey after = null;
        CasePage page;
        do {
            page = search.finder.search(Viewer.support(cfg.ownerId()), new CaseQuery(w + " crash", CaseFilter.none(), 3, after));
            page.hits().forEach(h -> seen.add(h.id()));
            after = page.hits().isEmpty() ? null : page.hits().getLast().position();
        } while (page.hasNextPage());

        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        assertThat(page.total()).isEqualTo(7);
        CasePage first = search.finder.search(Viewer.support(cfg.ownerId()), new CaseQuery(w, CaseFilter.none(), 1, null));
        assertThat(first.hits().getFirst().highlights().get("title")).singleElement().asString().contains("<em>" + w + "</em>");
        assertThat(first.facets()).filteredOn(f -> f.field().equals("channels")).singleElement()
                .satisfies(f -> assertThat(f.buckets()).containsExactly(new CasePage.Bucket("PHONE", 7)));
        CaseFilter phoneOnly = new CaseFilter(null, null, null, List.of("OPEN"), List.of("EMAIL"), null, null, null);
        assertThat(search.finder.search(Viewer.support(cfg.ownerId()), new CaseQuery(w, phoneOnly, 10, null)).hits()).isEmpty();
    }

    @Test
    void highlightsEscapeTheStoredTextAndKeepOnlyTheirMarkersAsMarkup() {
        String w = word();
        Configuration cfg = graph.configuration(graph.newCustomer(), List.of());
        graph.report(cfg, null, List.of(), "<img src=x onerror=alert(1)> " + w, "<script>steal()</script> & " + w + " \"quoted\"",
                Privacy.COMMUNITY);
        search.sync();

        CaseHit hit = search.finder.search(Viewer.support(cfg.ownerId()), new CaseQuery(w, CaseFilter.none(), 1, null)).hits().getFirst();

        assertThat(hit.highlights().get("title")).singleElement().asString()
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("<em>" + w + "</em>").doesNotContain("<img");
        assertThat(hit.highlights().get("text")).singleElement().asString()
                .contains("&lt;script&gt;").contains("&amp;").contains("<em>" + w + "</em>").doesNotContain("<script");
    }

    @Test
    void casesMustHoldMostOfTheWordsAndAnyWordAnswersOnlyWhenNoCaseHoldsThem() {
        String w = word();
        Configuration cfg = graph.configuration(graph.newCustomer(), List.of());
        Report all = graph.report(cfg, null, List.of(), "Black screen " + w, "after the driver update", Privacy.COMMUNITY);
        Report some = graph.report(cfg, null, List.of(), "Black background " + w, "in the launcher", Privacy.COMMUNITY);
        Report other = graph.report(cfg, null, List.of(), "Stutter " + w, "every few seconds", Privacy.COMMUNITY);
        search.sync();
        Viewer support = Viewer.support(cfg.ownerId());

        assertThat(search.finder.search(support, new CaseQuery(w + " black screen", CaseFilter.none(), 10, null)).hits())
                .extracting(CaseHit::id).containsExactly(all.id());
        // Four words: three of them are enough.
        assertThat(search.finder.search(support, new CaseQuery(w + " black screen flicker", CaseFilter.none(), 10, null)).hits())
                .extracting(CaseHit::id).containsExactly(all.id());

        // No case holds w, "purple" and "seconds": the cases holding any of them answer, on every page.
        List<String> seen = new ArrayList<>();
        CaseQuery.SortKey after = null;
        CasePage page;
        do {
            page = search.finder.search(support, new CaseQuery(w + " purple seconds", CaseFilter.none(), 1, after));
            page.hits().forEach(h -> seen.add(h.id()));
            after = page.hits().isEmpty() ? null : page.hits().getLast().position();
        } while (page.hasNextPage());
        assertThat(seen).containsExactlyInAnyOrder(all.id(), some.id(), other.id());
        assertThat(seen.getFirst()).isEqualTo(other.id());
    }

    @Test
    void textMatchesInflectionsAndSymptomNamesAndInteractionsOnlyForSupportStaff() {
        String w = word();
        String symptomWord = word();
        String interactionWord = word();
        Configuration cfg = graph.configuration(graph.newCustomer(), List.of());
        String symptom = graph.symptom(w + "/sound", "Sound " + symptomWord, null).id();
        Report crashes = graph.report(cfg, null, List.of(symptom), "Game crashes " + w, "after loading", Privacy.COMMUNITY);
        Report called = graph.report(cfg, null, List.of(), "Slow menus " + w, null, Privacy.COMMUNITY);
        graph.interaction(called.id(), Interaction.Channel.PHONE, "Customer mentioned " + interactionWord);
        search.sync();
        Viewer other = Viewer.customer(graph.newCustomer());
        Viewer support = Viewer.support(other.customerId());

        assertThat(search.finder.search(other, new CaseQuery("crashing " + w, CaseFilter.none(), 10, null)).hits())
                .extracting(CaseHit::id).containsExactly(crashes.id());
        assertThat(search.finder.search(other, new CaseQuery(symptomWord, CaseFilter.none(), 10, null)).hits())
                .extracting(CaseHit::id).containsExactly(crashes.id());
        assertThat(search.finder.search(support, new CaseQuery(interactionWord, CaseFilter.none(), 10, null)).hits())
                .extracting(CaseHit::id).containsExactly(called.id());
        // Customers do not see other people's interactions, nor match on them.
        assertThat(search.finder.search(other, new CaseQuery(interactionWord, CaseFilter.none(), 10, null)).hits()).isEmpty();
    }

    @Test
    void theTotalAndTheFacetsAreCountedOnlyWhenAskedFor() {
        String w = word();
        Configuration cfg = graph.configuration(graph.newCustomer(), List.of());
        graph.report(cfg, null, List.of(), "Hang " + w, null, Privacy.COMMUNITY);
        graph.report(cfg, null, List.of(), "Hang again " + w, null, Privacy.COMMUNITY);
        search.sync();
        Viewer support = Viewer.support(cfg.ownerId());

        CasePage bare = search.finder.search(support, new CaseQuery(w, CaseFilter.none(), 10, null, false, false));
        assertThat(bare.hits()).hasSize(2);
        assertThat(bare.total()).isEqualTo(-1);
        assertThat(bare.facets()).isEmpty();
        CasePage full = search.finder.search(support, new CaseQuery(w, CaseFilter.none(), 10, null, true, true));
        assertThat(full.total()).isEqualTo(2);
        assertThat(full.facets()).extracting(CasePage.Facet::field).contains("status", "channels");
    }

    @Test
    void similarCasesRankSharedConfigurationAndWordsFirstAndSayWhy() {
        String w = word();
        List<ConfigItemValue> rig = List.of(new ConfigItemValue("gpu", "Rare GPU " + w), new ConfigItemValue("driver", "Mesa 20.0"));
        Configuration mine = graph.configuration(graph.newCustomer(), rig);
        Configuration theirs = graph.configuration(graph.newCustomer(), rig);
        Configuration other = graph.configuration(graph.newCustomer(), List.of(new ConfigItemValue("gpu", "Other GPU " + w)));
        Report asked = graph.report(mine, null, List.of(), "Shader cache stutter " + w, "Stutters while compiling shaders", Privacy.COMMUNITY);
        Report alike = graph.report(theirs, null, List.of(), "Stuttering shader compilation " + w, "Shader compile stutters", Privacy.COMMUNITY);
        graph.report(other, null, List.of(), "Audio missing " + w, "No sound at all", Privacy.COMMUNITY);
        search.sync();

        SimilarQuery query = new SimilarQuery(asked.id(), asked.title(), asked.text(), mine.items().stream().map(i -> i.id()).toList(),
                List.of(), null, 5);
        List<SimilarCase> similar = search.finder.similar(Viewer.support(mine.ownerId()), query).cases();

        assertThat(similar).extracting(SimilarCase::id).doesNotContain(asked.id());
        SimilarCase best = similar.getFirst();
        assertThat(best.id()).isEqualTo(alike.id());
        assertThat(best.sharedItems()).extracting(i -> i.kind()).containsExactlyInAnyOrder("gpu", "driver");
        assertThat(best.matchedTerms()).contains("shader", "stutter");
        assertThat(best.signalRanks()).containsKeys("text", "title", "items");
    }
}
