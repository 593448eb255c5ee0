package io.peergraph.graph.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.measurement.BenchmarkAnswer;
import io.peergraph.graph.measurement.BenchmarkNoise;
import io.peergraph.graph.measurement.BenchmarkQuery;
import io.peergraph.graph.measurement.Cohort;
import io.peergraph.graph.measurement.MeasurementStore;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.graph.outbox.OutboxSchema;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Item;
import io.peergraph.graph.stuff.ItemStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.stuff.ProductStore;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.graph.testing.TestTags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each kind of event reaches exactly the customers it concerns, through the real outbox and the real relay into
 * the inbox: owners, peers, opted-out customers and bystanders are told apart.
 */
class NotificationMatchingTest {

    static Neo4jClient client;
    static TransactionTemplate tx;
    static OutboxFeed feed;
    static Inbox inbox;
    static PreferenceStore preferences;
    static Follows follows;
    static RecipientMatcher matcher;
    /** A fixed key: the ids drawn per run still make each run's draws its own, so assertions follow the released answer. */
    static final BenchmarkNoise NOISE = new BenchmarkNoise("a fixed test key".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0.5,
            Duration.ofDays(1));

    static CustomerStore customers;
    static ProductStore products;
    static ItemStore items;
    static ConfigurationStore configurations;
    static SymptomStore symptoms;
    static ReportStore reports;
    static SolutionStore solutions;
    static MetricStore metrics;
    static MeasurementStore measurements;

    String u;
    NotificationRelay relay;

    @BeforeAll
    static void connect() {
        OutboxSchema.apply(SharedNeo4j.driver());
        client = Neo4jClient.create(SharedNeo4j.driver());
        tx = new TransactionTemplate(new Neo4jTransactionManager(SharedNeo4j.driver()));
        feed = new OutboxFeed(client);
        inbox = new Inbox(client);
        preferences = new PreferenceStore(client);
        follows = new Follows(client);
        matcher = new RecipientMatcher(client, RecipientMatcher.DEFAULT_SIMILARITY, 5, NOISE);
        customers = new CustomerStore(client);
        products = new ProductStore(client);
        items = new ItemStore(client);
        configurations = new ConfigurationStore(client);
        symptoms = new SymptomStore(client);
        reports = new ReportStore(client);
        solutions = new SolutionStore(client);
        metrics = new MetricStore(client);
        measurements = new MeasurementStore(client);
    }

    @BeforeEach
    void freshRelay() {
        u = UUID.randomUUID().toString().substring(0, 8);
        relay = new NotificationRelay("test-" + u, feed, matcher, inbox, tx, 50);
        relay.start();
    }

    @AfterEach
    void releaseTheOutbox() {
        feed.unregister("test-" + u);
    }

    @Test
    void aNewSolutionReachesReportersOfOpenCasesWithTheSymptomOrANarrowerOneAndFollowersOfABroaderOne() {
        Symptom audio = symptoms.findOrAdd("audio-" + u, "Audio problems " + u, null);
        Symptom crackling = symptoms.findOrAdd("crackling-" + u, "Crackling " + u, "audio-" + u);
        String open = customer("open");
        String narrower = customer("narrower");
        String solved = customer("solved");
        String bystander = customer("bystander");
        String proposer = customer("proposer");
        String follower = customer("follower");
        report(open, crackling, "Crackles");
        report(narrower, crackling, "Also crackles");
        Report done = report(solved, crackling, "Fixed already");
        inTx(() -> reports.update(done.id(), new ReportStore.ReportChange(null, null, Report.Status.SOLVED, null)));
        report(proposer, crackling, "Mine too");
        report(bystander, symptoms.findOrAdd("other-" + u, "Other " + u, null), "Unrelated");
        relay.drain();
        assertThat(inTx(() -> follows.follow(follower, audio.id()))).hasValueSatisfying(f -> assertThat(f.name()).isEqualTo("Audio problems " + u));
        assertThat(follows.of(follower)).extracting(Follows.Followed::thingId).containsExactly(audio.id());

        inTx(() -> solutions.propose(new SolutionStore.NewSolution(proposer, List.of(crackling.id()), "Disable power saving", "steps",
                Solution.Kind.CONFIGURATION_TWEAK, null)));
        relay.drain();

        assertThat(kinds(open, narrower, solved, bystander, proposer, follower)).containsOnly(
                Map.entry(open, List.of(NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM)),
                Map.entry(narrower, List.of(NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM)),
                Map.entry(follower, List.of(NotificationKind.FOLLOWED_ACTIVITY)));
        Notification n = inbox.page(open, false, Long.MAX_VALUE, 10).getFirst();
        assertThat(n.title()).isEqualTo("Disable power saving");
        assertThat(n.detail()).isEqualTo("Crackling " + u);
        assertThat(n.actorId()).isEqualTo(proposer);
    }

    @Test
    void aConfirmationTellsTheProposerAndReportersOfTheSymptomButNotTheConfirmer() {
        Symptom s = symptoms.findOrAdd("freeze-" + u, "Freeze " + u, null);
        String proposer = customer("proposer");
        String reporter = customer("reporter");
        String confirmer = customer("confirmer");
        report(reporter, s, "It freezes");
        Report confirmersCase = report(confirmer, s, "Freezes here too");
        Solution fix = inTx(() -> solutions.propose(new SolutionStore.NewSolution(proposer, List.of(s.id()), "Update BIOS", null,
                Solution.Kind.OTHER, null)));
        relay.drain();
        markAllRead(proposer, reporter, confirmer);

        inTx(() -> solutions.confirm(confirmer, fix.id(), confirmersCase.configurationId(), false, null));
        relay.drain();
        assertThat(unreadKinds(proposer, reporter, confirmer)).as("a failure is news for the proposer only")
                .containsOnly(Map.entry(proposer, List.of(NotificationKind.SOLUTION_CONFIRMED)));

        inTx(() -> solutions.confirm(confirmer, fix.id(), confirmersCase.configurationId(), true, null));
        relay.drain();
        assertThat(unreadKinds(proposer, reporter, confirmer)).containsOnly(
                Map.entry(proposer, List.of(NotificationKind.SOLUTION_CONFIRMED, NotificationKind.SOLUTION_CONFIRMED)),
                Map.entry(reporter, List.of(NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM)));
        assertThat(inbox.page(proposer, true, Long.MAX_VALUE, 1).getFirst().detail()).isEqualTo("worked for a peer");
    }

    @Test
    void anInteractionTellsTheCaseOwnerUnlessTheyAddedItThemselves() {
        String owner = customer("owner");
        String support = customer("support");
        Report r = report(owner, symptoms.findOrAdd("noise-" + u, "Noise " + u, null), "Fan noise");
        relay.drain();

        inTx(() -> reports.addInteraction(r.id(), Interaction.Channel.EMAIL, Interaction.Direction.INBOUND, "more detail", null, owner));
        relay.drain();
        assertThat(inbox.page(owner, false, Long.MAX_VALUE, 10)).isEmpty();

        inTx(() -> reports.addInteraction(r.id(), Interaction.Channel.PHONE, Interaction.Direction.OUTBOUND, "we called", null, support));
        relay.drain();
        assertThat(kinds(owner, support)).containsOnly(Map.entry(owner, List.of(NotificationKind.CASE_INTERACTION)));
        assertThat(inbox.page(owner, false, Long.MAX_VALUE, 10).getFirst().detail()).isEqualTo("new phone interaction");
    }

    @Test
    void aPeersReportReachesOwnersOfTheProductWithALikeConfigurationOnly() {
        Product game = products.findOrAddUnverified("Game " + u);
        Symptom crash = symptoms.findOrAdd("crash-" + u, "Crash " + u, null);
        List<ConfigItemValue> rig = List.of(item("gpu", "rare gpu"), item("driver", "rare driver"), item("kernel", "k"));
        String reporter = customer("reporter");
        String likeOwner = customer("like-owner");
        String unlikeOwner = customer("unlike-owner");
        String likeNonOwner = customer("like-non-owner");
        String optedOut = customer("opted-out");
        String anomaliesOnly = customer("anomalies-only");
        Configuration reporterRig = configuration(reporter, rig, null);
        owns(likeOwner, game, List.of(item("gpu", "rare gpu"), item("driver", "rare driver"), item("kernel", "other k")));
        owns(unlikeOwner, game, List.of(item("gpu", "another gpu"), item("kernel", "k")));
        configuration(likeNonOwner, rig, null);
        owns(optedOut, game, rig);
        owns(anomaliesOnly, game, rig);
        preferences.save(optedOut, new NotificationPreferences(EnumSet.complementOf(EnumSet.of(NotificationKind.PEER_REPORT_ON_MY_PRODUCT)),
                Set.of(), null, false));
        preferences.save(anomaliesOnly, new NotificationPreferences(EnumSet.allOf(NotificationKind.class), Set.of(), null, true));
        relay.drain();

        inTx(() -> reports.create(new ReportStore.NewReport(reporter, reporterRig.id(), game.id(), List.of(crash.id()), "Private crash",
                null, Privacy.PRIVATE, null)));
        relay.drain();
        assertThat(kinds(reporter, likeOwner, unlikeOwner, likeNonOwner, optedOut, anomaliesOnly)).as("private reports tell nobody").isEmpty();

        Report shared = inTx(() -> reports.create(new ReportStore.NewReport(reporter, reporterRig.id(), game.id(), List.of(crash.id()),
                "Crash on start", null, Privacy.COMMUNITY, null)));
        relay.drain();
        assertThat(kinds(reporter, likeOwner, unlikeOwner, likeNonOwner, optedOut, anomaliesOnly))
                .containsOnly(Map.entry(likeOwner, List.of(NotificationKind.PEER_REPORT_ON_MY_PRODUCT)));
        Notification n = inbox.page(likeOwner, false, Long.MAX_VALUE, 10).getFirst();
        assertThat(n.subjectId()).isEqualTo(shared.id());
        assertThat(n.detail()).isEqualTo("about Game " + u);

        // Made private afterwards: the entry stays (it happened) but no longer shows what the owner may not read.
        inTx(() -> reports.update(shared.id(), new ReportStore.ReportChange(null, null, null, Privacy.PRIVATE)));
        Notification withheld = inbox.page(likeOwner, false, Long.MAX_VALUE, 10).getFirst();
        assertThat(withheld.hidden()).isTrue();
        assertThat(withheld.title()).isNull();
        assertThat(inbox.page(reporter, false, Long.MAX_VALUE, 10)).isEmpty();
    }

    /**
     * A product with more owners than the reporter's rare items have configurations: the match starts from the
     * rare items (prefix filtering) and must find the same owners as from the product's side.
     */
    @Test
    void aPeersReportOnAWidelyOwnedProductIsMatchedFromItsRarestItems() {
        Product game = products.findOrAddUnverified("Popular game " + u);
        Symptom crash = symptoms.findOrAdd("wide-crash-" + u, "Wide crash " + u, null);
        ConfigItemValue rareGpu = item("gpu", "rare gpu");
        ConfigItemValue common = item("ram", "16 GB");
        String reporter = customer("reporter");
        String rareOwner = customer("rare-owner");
        String commonOwner = customer("common-owner");
        Configuration reporterRig = configuration(reporter, List.of(rareGpu, common), null);
        owns(rareOwner, game, List.of(rareGpu, item("ram", "8 GB")));
        owns(commonOwner, game, List.of(common, item("gpu", "plain gpu")));
        List<String> others = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String other = customer("other-" + i);
            owns(other, game, List.of(common, item("gpu", "gpu " + i)));
            others.add(other);
        }
        relay.drain();

        inTx(() -> reports.create(new ReportStore.NewReport(reporter, reporterRig.id(), game.id(), List.of(crash.id()), "Crash",
                null, Privacy.COMMUNITY, null)));
        relay.drain();
        List<String> everyone = new java.util.ArrayList<>(List.of(reporter, rareOwner, commonOwner));
        everyone.addAll(others);
        assertThat(kinds(everyone.toArray(String[]::new)))
                .as("the rare gpu is more than half of the weight; ram alone is less")
                .containsOnly(Map.entry(rareOwner, List.of(NotificationKind.PEER_REPORT_ON_MY_PRODUCT)));
    }

    @Test
    void followersOfAProductAConfigItemOrATagHearOfNewReportsOnceEach() {
        Product game = products.findOrAddUnverified("Followed game " + u);
        Symptom s = symptoms.findOrAdd("stutter-" + u, "Stutter " + u, null);
        String reporter = customer("reporter");
        String productFan = customer("product-fan");
        String gpuFan = customer("gpu-fan");
        String both = customer("both");
        String tagFan = customer("tag-fan");
        Configuration rig = configuration(reporter, List.of(item("gpu", "followed gpu")), null);
        String gpuItem = rig.items().getFirst().id();
        follows.follow(productFan, game.id());
        follows.follow(gpuFan, gpuItem);
        follows.follow(both, game.id());
        follows.follow(both, gpuItem);
        Report r = inTx(() -> reports.create(new ReportStore.NewReport(reporter, rig.id(), game.id(), List.of(s.id()), "Stutters",
                null, Privacy.COMMUNITY, null)));
        inTx(() -> TestTags.tag(client, reporter, r.id(), "stutter " + u));
        relay.drain();
        String tagId = client.query("MATCH (t:Tag {normalized: $n}) RETURN t.id AS id").bind("stutter " + u).to("n")
                .fetchAs(String.class).one().orElseThrow();
        follows.follow(tagFan, tagId);
        inTx(() -> TestTags.tag(client, gpuFan, r.id(), "stutter " + u));
        relay.drain();

        assertThat(kinds(reporter, productFan, gpuFan, both, tagFan)).containsOnly(
                Map.entry(productFan, List.of(NotificationKind.FOLLOWED_ACTIVITY)),
                Map.entry(gpuFan, List.of(NotificationKind.FOLLOWED_ACTIVITY)),
                Map.entry(both, List.of(NotificationKind.FOLLOWED_ACTIVITY)),
                Map.entry(tagFan, List.of(NotificationKind.FOLLOWED_ACTIVITY)));
        assertThat(inbox.page(tagFan, false, Long.MAX_VALUE, 1).getFirst().detail()).isEqualTo("tagged stutter " + u);
    }

    @Test
    void moderatorsHearOnceOfATagCrossingTheEmergingThresholdAndNobodyElse() {
        Symptom s = symptoms.findOrAdd("emerging-" + u, "Emerging " + u, null);
        String reporter = customer("reporter");
        String moderator = customer("moderator");
        String taggingModerator = customer("tagging-moderator");
        String formerModerator = customer("former-moderator");
        String support = customer("support");
        String a = customer("a");
        String b = customer("b");
        customers.recordStaffRoles(moderator, List.of("CUSTOMER", "MODERATOR"));
        customers.recordStaffRoles(taggingModerator, List.of("MODERATOR"));
        customers.recordStaffRoles(formerModerator, List.of("MODERATOR"));
        customers.recordStaffRoles(formerModerator, List.of("CUSTOMER"));
        customers.recordStaffRoles(support, List.of("SUPPORT"));
        List<Report> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            cases.add(report(reporter, s, "Case " + i));
        }
        String label = "glitchy vsync " + u;
        String mapped = "mapped " + u;
        client.query("CREATE (:Concept {id: $id, prefLabel: $label})").bindAll(Map.of("id", "cpt_" + u, "label", mapped)).run();
        inTx(() -> TestTags.tag(client, a, cases.get(0).id(), mapped));
        client.query("MATCH (t:Tag {normalized: $n}), (k:Concept {id: $id}) CREATE (t)-[:MEANS]->(k)")
                .bindAll(Map.of("n", mapped, "id", "cpt_" + u)).run();
        inTx(() -> TestTags.tag(client, a, cases.get(0).id(), label));
        inTx(() -> TestTags.tag(client, a, cases.get(1).id(), label));
        inTx(() -> TestTags.tag(client, b, cases.get(2).id(), label));
        inTx(() -> TestTags.tag(client, taggingModerator, cases.get(3).id(), label));
        for (int i = 1; i < 6; i++) {
            int n = i;
            inTx(() -> TestTags.tag(client, b, cases.get(n).id(), mapped));
            inTx(() -> TestTags.tag(client, taggingModerator, cases.get(n).id(), mapped));
        }
        relay.drain();
        List<String> everyone = List.of(reporter, moderator, taggingModerator, formerModerator, support, a, b);
        assertThat(kinds(everyone.toArray(String[]::new))).as("4 uses, and a tag mapped to a concept is curated already").isEmpty();

        inTx(() -> TestTags.tag(client, b, cases.get(4).id(), label));
        relay.drain();
        assertThat(kinds(everyone.toArray(String[]::new))).as("the 5th use by the 3rd customer crosses the threshold").containsOnly(
                Map.entry(moderator, List.of(NotificationKind.EMERGING_TAG)),
                Map.entry(taggingModerator, List.of(NotificationKind.EMERGING_TAG)));
        Notification n = inbox.page(moderator, false, Long.MAX_VALUE, 1).getFirst();
        assertThat(n.title()).isEqualTo(label);
        assertThat(n.detail()).isEqualTo("used 5 times by 3 customers");

        inTx(() -> TestTags.tag(client, a, cases.get(5).id(), label));
        inTx(() -> TestTags.tag(client, moderator, cases.get(6).id(), label));
        relay.drain();
        assertThat(kinds(moderator, taggingModerator)).as("announced once").containsOnly(
                Map.entry(moderator, List.of(NotificationKind.EMERGING_TAG)),
                Map.entry(taggingModerator, List.of(NotificationKind.EMERGING_TAG)));
    }

    @Test
    void aMeasurementFarOutsideAKAnonymousCohortIsAnAnomalyForItsOwnerOnly() {
        Metric fps = metrics.define(new Metric(null, "fps-" + u, "Frames per second", "frames/s", Metric.Direction.HIGHER_IS_BETTER, 0, 1000))
                .orElseThrow();
        List<ConfigItemValue> rig = List.of(item("gpu", "bench gpu"), item("driver", "bench driver"));
        String owner = customer("owner");
        String anomaliesOnly = customer("anomalies-only");
        preferences.save(anomaliesOnly, new NotificationPreferences(EnumSet.allOf(NotificationKind.class), Set.of(), null, true));
        String mine = configuration(owner, rig, null).id();
        String theirs = configuration(anomaliesOnly, rig, null).id();
        for (int i = 0; i < 12; i++) {
            String peer = customer("peer" + i);
            measure(peer, configuration(peer, rig, null).id(), fps, 50 + i);
        }
        relay.drain();
        measure(owner, mine, fps, 990);
        measure(anomaliesOnly, theirs, fps, 1);
        relay.drain();
        Map<String, List<NotificationKind>> expected = new java.util.HashMap<>(expected(owner, mine, fps));
        expected.putAll(expected(anomaliesOnly, theirs, fps));
        assertThat(kinds(owner, anomaliesOnly)).as("each hears of their own, as their benchmark answer has it").isEqualTo(expected);
        inbox.page(owner, false, Long.MAX_VALUE, 1).stream().findFirst().ifPresent(n -> {
            assertThat(n.title()).isEqualTo("Frames per second 990 frames/s");
            assertThat(n.detail()).startsWith("above the 95th percentile of");
        });
    }

    /**
     * Issue 16 §3: the anomaly notification read exact counts (a question without a release), so it could tell
     * what no benchmark answer would. It now reads the answer the owner would be given, noise and k rule included:
     * in rounds of five peers (each round a metric of its own), the owner's far-off value is told exactly when that
     * answer is answered and puts the value outside p5–p95, which the noise makes differ from the exact
     * computation in some rounds (a noisy total below k refuses the five in about 38 % of rounds; 30 rounds leave
     * no such round with probability below 10⁻⁶).
     */
    @Test
    void anAnomalyIsToldOnlyFromTheStatisticsABenchmarkAnswerReleases() {
        List<ConfigItemValue> rig = List.of(item("gpu", "round gpu"));
        int differFromExact = 0;
        for (int round = 0; round < 30; round++) {
            Metric metric = metrics.define(new Metric(null, "fps-" + u + "-" + round, "Frames per second", "frames/s",
                    Metric.Direction.HIGHER_IS_BETTER, 0, 1000)).orElseThrow();
            String owner = customer("owner" + round);
            String mine = configuration(owner, rig, null).id();
            for (int i = 0; i < 5; i++) {
                String peer = customer("peer" + round + "-" + i);
                measure(peer, configuration(peer, rig, null).id(), metric, 50 + i);
            }
            measure(owner, mine, metric, 990);
            relay.drain();
            Map<String, List<NotificationKind>> released = expected(owner, mine, metric);
            assertThat(kinds(owner)).as("round %d", round).isEqualTo(released);
            boolean exact = anomalous(new BenchmarkQuery(client).run(new BenchmarkQuery.Question(mine, metric, Cohort.SIMILAR_PEERS,
                    List.of(owner), 5)).orElseThrow());
            assertThat(exact).as("exactly, 990 is above every one of the five").isTrue();
            if (released.isEmpty()) differFromExact++;
        }
        assertThat(differFromExact).as("rounds where the released answer says less than exact counts would").isPositive();
    }

    /** What the owner's benchmark answer about the configuration (similar peers, the service's noise) lets be told. */
    private Map<String, List<NotificationKind>> expected(String owner, String configuration, Metric metric) {
        BenchmarkAnswer answer = new BenchmarkQuery(client).run(new BenchmarkQuery.Question(configuration, metric, Cohort.SIMILAR_PEERS,
                List.of(owner), 5, 0, null, new BenchmarkQuery.Release(NOISE))).orElseThrow();
        return anomalous(answer) ? Map.of(owner, List.of(NotificationKind.MEASUREMENT_ANOMALY)) : Map.of();
    }

    private static boolean anomalous(BenchmarkAnswer answer) {
        return answer instanceof BenchmarkAnswer.Answered a && a.myPercentile() != null && (a.myPercentile() < 5 || a.myPercentile() > 95);
    }

    @Test
    void replayingEventsNeverDuplicatesAnEntryAndTheInboxIsInEventOrder() {
        Symptom s = symptoms.findOrAdd("replay-" + u, "Replay " + u, null);
        String reporter = customer("reporter");
        String proposer = customer("proposer");
        report(reporter, s, "Case");
        long before = feed.latestSeq();
        proposeFixes(proposer, s, 3);
        NotificationRelay.Result first = relay.drain();
        assertThat(first.delivered()).isEqualTo(3);

        // A second relay from the same position (another instance, or a retry after a lost cursor update).
        NotificationRelay replay = new NotificationRelay("replay-" + u, feed, matcher, inbox, tx, 2);
        feed.register("replay-" + u, before);
        assertThat(replay.drain().delivered()).isZero();
        feed.unregister("replay-" + u);

        List<Notification> page = inbox.page(reporter, false, Long.MAX_VALUE, 10);
        assertThat(page).extracting(Notification::title).containsExactly("Fix 2", "Fix 1", "Fix 0");
        assertThat(page).extracting(Notification::seq).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(inbox.page(reporter, false, page.get(0).seq(), 10)).extracting(Notification::title).containsExactly("Fix 1", "Fix 0");

        assertThat(inbox.markRead(reporter, List.of(page.get(1).id()))).isEqualTo(1);
        assertThat(inbox.markRead(proposer, List.of(page.get(0).id()))).as("not the proposer's to mark").isZero();
        assertThat(inbox.page(reporter, true, Long.MAX_VALUE, 10)).extracting(Notification::title).containsExactly("Fix 2", "Fix 0");
        assertThat(inbox.unreadCount(reporter)).isEqualTo(2);
        assertThat(inbox.markAllRead(reporter)).isEqualTo(2);
        assertThat(inbox.unreadCount(reporter)).isZero();
    }

    @Test
    void savedSearchesTellTheirSupportOwnerOnceWhenAReportStartsToMatch() {
        Product game = products.findOrAddUnverified("Saved game " + u);
        Product otherGame = products.findOrAddUnverified("Other saved game " + u);
        Symptom audio = symptoms.findOrAdd("audio-" + u, "Audio " + u, null);
        Symptom crackling = symptoms.findOrAdd("crackling-" + u, "Crackling " + u, null);
        client.query("MATCH (n:Symptom {id: $n}), (b:Symptom {id: $b}) CREATE (n)-[:BROADER]->(b)")
                .bindAll(Map.of("n", crackling.id(), "b", audio.id())).run();
        SavedSearches saved = new SavedSearches(client);
        String support = customer("support");
        String otherSupport = customer("other-support");
        String demoted = customer("demoted");
        String reporter = customer("reporter");
        customers.recordStaffRoles(support, List.of("SUPPORT"));
        customers.recordStaffRoles(otherSupport, List.of("SUPPORT"));
        customers.recordStaffRoles(demoted, List.of("SUPPORT"));
        saved.save(support, "audio on the game", new SavedSearches.Filter(game.id(), audio.id(), null, null, null, null)).orElseThrow();
        saved.save(otherSupport, "other game", new SavedSearches.Filter(otherGame.id(), null, null, null, null, null)).orElseThrow();
        saved.save(otherSupport, "solved on the game", new SavedSearches.Filter(game.id(), null, null, List.of("SOLVED"), null, null)).orElseThrow();
        saved.save(demoted, "the game", new SavedSearches.Filter(game.id(), null, null, null, null, null)).orElseThrow();
        customers.recordStaffRoles(demoted, List.of("CUSTOMER"));
        Configuration rig = configuration(reporter, List.of(item("gpu", "saved gpu")), null);
        relay.drain();

        Report narrower = inTx(() -> reports.create(new ReportStore.NewReport(reporter, rig.id(), game.id(), List.of(crackling.id()),
                "Crackles", null, Privacy.PRIVATE, null)));
        inTx(() -> reports.create(new ReportStore.NewReport(reporter, rig.id(), game.id(), List.of(symptoms.findOrAdd("other-" + u, "Other " + u, null).id()),
                "Something else", null, Privacy.COMMUNITY, null)));
        relay.drain();
        assertThat(kinds(support, otherSupport, demoted, reporter)).as("a narrower symptom matches, even a private case (support reads all)")
                .containsOnly(Map.entry(support, List.of(NotificationKind.SAVED_SEARCH_MATCH)));
        Notification n = inbox.page(support, false, Long.MAX_VALUE, 1).getFirst();
        assertThat(n.subjectId()).isEqualTo(narrower.id());
        assertThat(n.detail()).isEqualTo("matches your saved search audio on the game");

        inTx(() -> reports.update(narrower.id(), new ReportStore.ReportChange("Crackles loudly", null, Report.Status.SOLVED, null)));
        relay.drain();
        assertThat(kinds(support, otherSupport, demoted, reporter)).as("solved now: it starts to match the other search; the first told once")
                .containsOnly(Map.entry(support, List.of(NotificationKind.SAVED_SEARCH_MATCH)),
                        Map.entry(otherSupport, List.of(NotificationKind.SAVED_SEARCH_MATCH)));
        inTx(() -> reports.update(narrower.id(), new ReportStore.ReportChange("Crackles again", null, null, null)));
        relay.drain();
        assertThat(inbox.page(otherSupport, false, Long.MAX_VALUE, 10)).as("still matching is not news").hasSize(1);

        // Narrower by the taxonomy: a symptom classified under a narrower concept than the saved symptom's.
        Symptom hum = symptoms.findOrAdd("hum-" + u, "Hum " + u, null);
        client.query("""
                MATCH (audio:Symptom {id: $audio}), (hum:Symptom {id: $hum})
                CREATE (audio)-[:CLASSIFIED_AS]->(broad:Concept {id: $broad})<-[:BROADER]-(narrow:Concept {id: $narrow})<-[:CLASSIFIED_AS]-(hum)
                """).bindAll(Map.of("audio", audio.id(), "hum", hum.id(), "broad", "con_b" + u, "narrow", "con_n" + u)).run();
        Report humming = inTx(() -> reports.create(new ReportStore.NewReport(reporter, rig.id(), game.id(), List.of(hum.id()),
                "Hums", null, Privacy.COMMUNITY, null)));
        relay.drain();
        assertThat(inbox.page(support, false, Long.MAX_VALUE, 1).getFirst().subjectId()).isEqualTo(humming.id());

        assertThat(saved.of(otherSupport)).extracting(SavedSearches.SavedSearch::name).containsExactlyInAnyOrder("other game", "solved on the game");
        String id = saved.of(otherSupport).getFirst().id();
        assertThat(saved.delete(support, id)).as("not theirs").isFalse();
        assertThat(saved.delete(otherSupport, id)).isTrue();
        assertThat(saved.of(otherSupport)).hasSize(1);
    }

    @Test
    void aDayIsDigestedOnceForThoseWhoWantADigestAndNobodyElse() {
        Symptom s = symptoms.findOrAdd("digest-" + u, "Digest " + u, null);
        String digestFan = customer("digest-fan");
        String plain = customer("plain");
        String moderator = customer("moderator");
        String quietFan = customer("quiet-fan");
        String proposer = customer("proposer");
        String helper = customer("helper");
        preferences.save(digestFan, new NotificationPreferences(EnumSet.allOf(NotificationKind.class),
                Set.of(NotificationPreferences.Channel.DIGEST), null, false));
        preferences.save(quietFan, new NotificationPreferences(EnumSet.allOf(NotificationKind.class),
                Set.of(NotificationPreferences.Channel.DIGEST), null, false));
        customers.recordStaffRoles(moderator, List.of("MODERATOR"));
        Report fanCase = report(digestFan, s, "Fan's case");
        report(plain, s, "Plain case");
        report(moderator, s, "Moderator's case");
        proposeFixes(proposer, s, 2);
        inTx(() -> reports.addInteraction(fanCase.id(), Interaction.Channel.EMAIL, Interaction.Direction.INBOUND, "hello", null, helper));
        relay.drain();
        inbox.markRead(digestFan, List.of(inbox.page(digestFan, false, Long.MAX_VALUE, 1).getFirst().id()));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DailyDigest tomorrow = new DailyDigest(client, tx, Clock.offset(Clock.systemUTC(), Duration.ofDays(1)));
        tomorrow.deliver(today, ZoneOffset.UTC);

        assertThat(kinds(digestFan, plain, moderator, quietFan, proposer, helper)).containsOnly(
                Map.entry(digestFan, List.of(NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM, NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM,
                        NotificationKind.CASE_INTERACTION, NotificationKind.DAILY_DIGEST)),
                Map.entry(plain, List.of(NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM, NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM)),
                Map.entry(moderator, List.of(NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM, NotificationKind.NEW_SOLUTION_FOR_MY_SYMPTOM,
                        NotificationKind.DAILY_DIGEST)));
        Notification digest = inbox.page(digestFan, false, Long.MAX_VALUE, 1).getFirst();
        assertThat(digest.kind()).as("the digest is the newest entry").isEqualTo(NotificationKind.DAILY_DIGEST);
        assertThat(digest.title()).isEqualTo("Your digest for " + today);
        assertThat(digest.detail()).isEqualTo("3 notifications, 2 unread: 2 new solution for my symptom, 1 case interaction");

        tomorrow.deliver(today, ZoneOffset.UTC);
        assertThat(inbox.page(digestFan, false, Long.MAX_VALUE, 10)).as("a second run adds nothing").hasSize(4);
        assertThat(inbox.page(moderator, false, Long.MAX_VALUE, 10)).hasSize(3);
        assertThatThrownBy(() -> new DailyDigest(client, tx, Clock.systemUTC()).deliver(today, ZoneOffset.UTC))
                .as("a day that is not over").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readNotificationsArePrunedAfterTheRetentionUnreadOnesStay() {
        Symptom s = symptoms.findOrAdd("prune-" + u, "Prune " + u, null);
        String reporter = customer("reporter");
        String proposer = customer("proposer");
        report(reporter, s, "Case");
        proposeFixes(proposer, s, 3);
        relay.drain();
        List<Notification> entries = inbox.page(reporter, false, Long.MAX_VALUE, 10);
        inbox.markRead(reporter, List.of(entries.get(0).id(), entries.get(1).id()));
        client.query("MATCH (n:Notification {id: $id}) SET n.readAt = datetime() - duration({days: 91})").bind(entries.get(1).id()).to("id").run();

        long pruned = new InboxRetention(inbox, tx, Duration.ofDays(90), Clock.systemUTC()).prune();

        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(inbox.page(reporter, false, Long.MAX_VALUE, 10)).extracting(Notification::title)
                .as("read 91 days ago: gone; read today and unread: kept").containsExactly("Fix 2", "Fix 0");
    }

    /** Two service instances relay the same events at the same time: each (event, recipient) still gets one entry. */
    @Test
    void twoInstancesRelayingAtOnceWriteOneEntryPerEventAndRecipient() throws Exception {
        Symptom s = symptoms.findOrAdd("twice-" + u, "Twice " + u, null);
        List<String> reporters = List.of(customer("r1"), customer("r2"), customer("r3"));
        reporters.forEach(r -> report(r, s, "Case of " + r));
        String proposer = customer("proposer");
        relay.drain();
        String first = "instance-a-" + u;
        String second = "instance-b-" + u;
        feed.register(first, feed.latestSeq());
        feed.register(second, feed.latestSeq());
        proposeFixes(proposer, s, 6);
        long last = feed.latestSeq();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            List<java.util.concurrent.Future<?>> runs = java.util.stream.Stream.of(first, second)
                    .map(name -> new NotificationRelay(name, feed, matcher, inbox, tx, 2))
                    .<java.util.concurrent.Future<?>>map(instance -> pool.submit(() -> {
                        // tick() retries a batch that lost a lock race, as the scheduled relay does
                        while (instance.cursor() < last) {
                            instance.tick();
                        }
                    })).toList();
            for (var run : runs) {
                run.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            feed.unregister(first);
            feed.unregister(second);
        }
        for (String reporter : reporters) {
            assertThat(inbox.page(reporter, false, Long.MAX_VALUE, 20)).extracting(Notification::title)
                    .containsExactly("Fix 5", "Fix 4", "Fix 3", "Fix 2", "Fix 1", "Fix 0");
        }
        assertThat(inbox.page(proposer, false, Long.MAX_VALUE, 20)).isEmpty();
    }

    /**
     * Taxonomy suggestions are computed by a job every instance runs: two instances telling the same suggestions at
     * once write one entry per suggestion and moderator, each with its own sequence number after the entries before.
     */
    @Test
    void twoInstancesTellingTheSameSuggestionsAtOnceTellEachOnceInOrder() throws Exception {
        String moderator = customer("moderator");
        String optedOut = customer("opted-out");
        String bystander = customer("bystander");
        customers.recordStaffRoles(moderator, List.of("MODERATOR"));
        customers.recordStaffRoles(optedOut, List.of("MODERATOR"));
        preferences.save(optedOut, new NotificationPreferences(EnumSet.complementOf(EnumSet.of(NotificationKind.TAXONOMY_SUGGESTION)),
                Set.of(), null, false));
        Symptom s = symptoms.findOrAdd("suggested-" + u, "Suggested " + u, null);
        report(moderator, s, "Earlier");
        inTx(() -> solutions.propose(new SolutionStore.NewSolution(bystander, List.of(s.id()), "Earlier fix", "steps",
                Solution.Kind.CONFIGURATION_TWEAK, null)));
        relay.drain();
        List<SuggestionAnnouncements.Suggestion> suggestions = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> new SuggestionAnnouncements.Suggestion("synonym:a" + i + " " + u + "|b" + i + " " + u, "tag_" + u,
                        "Synonym candidate " + i + " " + u, "similarity 0.9")).toList();

        assertThat(new SuggestionAnnouncements(client, tx).announce(suggestions, 2).told()).as("bounded per run").isEqualTo(2);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var runs = java.util.stream.Stream.of(1, 2).map(i -> pool.submit(() -> new SuggestionAnnouncements(client, tx).announce(suggestions, 10)))
                    .toList();
            int told = 0;
            for (var run : runs) {
                told += run.get(2, java.util.concurrent.TimeUnit.MINUTES).told();
            }
            assertThat(told).as("the other three, by one instance or the other").isEqualTo(3);
        }
        assertThat(new SuggestionAnnouncements(client, tx).announce(suggestions, 10)).as("a later run")
                .extracting(SuggestionAnnouncements.Result::told, SuggestionAnnouncements.Result::toldBefore).containsExactly(0, 5);

        List<Notification> entries = inbox.page(moderator, false, Long.MAX_VALUE, 100);
        List<Notification> told = entries.stream().filter(n -> n.kind() == NotificationKind.TAXONOMY_SUGGESTION && n.title().endsWith(u)).toList();
        assertThat(told).extracting(Notification::title).containsExactlyInAnyOrder(
                suggestions.stream().map(SuggestionAnnouncements.Suggestion::title).toArray(String[]::new));
        assertThat(told).extracting(Notification::seq).doesNotHaveDuplicates()
                .allSatisfy(seq -> assertThat(seq).isGreaterThan(entries.getLast().seq()));
        assertThat(entries.getLast().title()).isEqualTo("Earlier fix");
        assertThat(kinds(optedOut, bystander)).as("opted out; not a moderator").isEmpty();
    }

    @Test
    void preferencesRoundTripAndQuietHoursHoldBackLivePushesOnly() {
        String c = customer("prefs");
        var quiet = new NotificationPreferences.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneOffset.UTC);
        NotificationPreferences saved = preferences.save(c, new NotificationPreferences(EnumSet.of(NotificationKind.CASE_INTERACTION),
                Set.of(NotificationPreferences.Channel.LIVE), quiet, false));
        assertThat(preferences.stored(c)).contains(saved);
        assertThat(saved.channels()).as("the inbox is always on").contains(NotificationPreferences.Channel.INBOX);

        Instant night = Instant.parse("2030-01-01T23:30:00Z");
        Instant day = Instant.parse("2030-01-01T12:00:00Z");
        assertThat(saved.wants(NotificationKind.CASE_INTERACTION)).isTrue();
        assertThat(saved.pushesLive(NotificationKind.CASE_INTERACTION, night)).isFalse();
        assertThat(saved.pushesLive(NotificationKind.CASE_INTERACTION, day)).isTrue();
        assertThat(saved.pushesLive(NotificationKind.FOLLOWED_ACTIVITY, day)).isFalse();

        assertThat(NotificationPreferences.defaultsFor(Set.of("CUSTOMER")).channels())
                .containsExactlyInAnyOrder(NotificationPreferences.Channel.INBOX, NotificationPreferences.Channel.LIVE);
        assertThat(NotificationPreferences.defaultsFor(Set.of("SUPPORT")).channels()).contains(NotificationPreferences.Channel.DIGEST);
        assertThat(NotificationPreferences.defaultsFor(Set.of("ADMIN")).channels()).doesNotContain(NotificationPreferences.Channel.LIVE);
    }

    // --- fixtures ---

    private String customer(String name) {
        return customers.signIn(name + "-" + u).id();
    }

    private ConfigItemValue item(String kind, String value) {
        return new ConfigItemValue(kind, value + " " + u);
    }

    private Configuration configuration(String owner, List<ConfigItemValue> values, String itemId) {
        return inTx(() -> configurations.create(new ConfigurationStore.NewConfiguration(owner, "rig", Privacy.COMMUNITY, true, true,
                itemId, values)));
    }

    private void owns(String owner, Product product, List<ConfigItemValue> values) {
        Item item = items.create(new ItemStore.NewItem(owner, product.id(), null, null, null, Item.Status.ACTIVE, Privacy.PRIVATE));
        configuration(owner, values, item.id());
    }

    private Report report(String owner, Symptom symptom, String title) {
        Configuration c = configuration(owner, List.of(item("gpu", "g-" + owner)), null);
        return inTx(() -> reports.create(new ReportStore.NewReport(owner, c.id(), null, List.of(symptom.id()), title, null,
                Privacy.COMMUNITY, null)));
    }

    /** Proposes "Fix 0" … "Fix n-1" for the symptom, one transaction each. */
    private void proposeFixes(String proposer, Symptom symptom, int n) {
        for (int i = 0; i < n; i++) {
            String title = "Fix " + i;
            inTx(() -> solutions.propose(new SolutionStore.NewSolution(proposer, List.of(symptom.id()), title, null, Solution.Kind.OTHER, null)));
        }
    }

    private void measure(String owner, String configuration, Metric metric, double value) {
        inTx(() -> measurements.record(owner, List.of(new MeasurementStore.NewMeasurement(configuration, metric.key(), value,
                metric.unit(), OffsetDateTime.now(), null))));
    }

    private void markAllRead(String... recipients) {
        Arrays.stream(recipients).forEach(inbox::markAllRead);
    }

    /** Kinds in each recipient's inbox, oldest first; recipients with none are left out. */
    private Map<String, List<NotificationKind>> kinds(String... recipients) {
        return byRecipient(false, recipients);
    }

    private Map<String, List<NotificationKind>> unreadKinds(String... recipients) {
        return byRecipient(true, recipients);
    }

    private Map<String, List<NotificationKind>> byRecipient(boolean unreadOnly, String... recipients) {
        return Arrays.stream(recipients).distinct()
                .map(r -> Map.entry(r, inbox.page(r, unreadOnly, Long.MAX_VALUE, 100).reversed().stream().map(Notification::kind).toList()))
                .filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
