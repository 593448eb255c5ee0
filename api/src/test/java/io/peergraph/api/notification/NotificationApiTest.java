package io.peergraph.api.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.measurement.BenchmarkNoise;
import io.peergraph.graph.notification.Inbox;
import io.peergraph.graph.notification.Notification;
import io.peergraph.graph.notification.NotificationRelay;
import io.peergraph.graph.notification.PreferenceStore;
import io.peergraph.graph.notification.RecipientMatcher;
import io.peergraph.graph.notification.SuggestionAnnouncements;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.tag.TagSuggestions;
import java.net.URI;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications through the running service: the inbox over HTTP, live pushes over a real graphql-transport-ws
 * WebSocket client authenticated with the same JWT, quiet hours, and refusal without a valid token. The relay and
 * the live push run on their schedule; tests also turn them by hand so that they do not wait for it.
 */
@ApiTest
class NotificationApiTest {

    static final String INBOX = """
            query($unread: Boolean, $after: String) { notifications(unreadOnly: $unread, first: 2, after: $after) {
              edges { cursor node { id kind title detail read withheld subjectId actor { pseudonym } } }
              pageInfo { hasNextPage endCursor } } }""";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired NotificationRelay relay;
    @Autowired LiveNotifications live;
    @Autowired OutboxFeed feed;
    @Autowired Inbox inbox;
    @Autowired BenchmarkNoise noise;
    @Autowired PreferenceStore preferences;
    @Autowired Neo4jClient client;
    @Autowired PlatformTransactionManager transactions;
    @Autowired TaxonomySuggestionNotices suggestionNotices;
    @Autowired TagSuggestions tagSuggestions;

    String u;
    Symptom symptom;

    @BeforeEach
    void symptom() {
        u = UUID.randomUUID().toString().substring(0, 8);
        symptom = symptoms.findOrAdd("notify-" + u, "Notify " + u, null);
    }

    @Test
    void aReporterFindsNewSolutionsInTheInboxPagesThemAndMarksThemRead() {
        String alice = api.newCustomer();
        String bob = api.newCustomer();
        report(alice, "Crackling");
        propose(bob, "Fix one");
        propose(bob, "Fix two");
        propose(bob, "Fix three");
        turn();

        JsonNode first = api.post(alice, INBOX, Map.of("unread", false)).data().path("notifications");
        assertThat(first.path("edges").findValuesAsText("title")).containsExactly("Fix three", "Fix two");
        assertThat(first.path("edges").findValuesAsText("kind")).containsOnly("NEW_SOLUTION_FOR_MY_SYMPTOM");
        String pseudonym = first.path("edges").get(0).path("node").path("actor").path("pseudonym").asText();
        assertThat(pseudonym).startsWith("peer-").doesNotContain("test-");
        assertThat(first.toString()).as("never the proposer's id or handle").doesNotContain("cus_");
        assertThat(first.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        JsonNode second = api.post(alice, INBOX, Map.of("unread", false, "after", first.path("pageInfo").path("endCursor").asText()))
                .data().path("notifications");
        assertThat(second.path("edges").findValuesAsText("title")).containsExactly("Fix one");
        assertThat(api.post(bob, INBOX, Map.of()).data().path("notifications").path("edges")).as("the proposer is not told").isEmpty();

        String newest = first.path("edges").get(0).path("node").path("id").asText();
        assertThat(api.post(bob, "mutation($ids: [ID!]!) { markRead(ids: $ids) }", Map.of("ids", List.of(newest)))
                .data().path("markRead").asInt()).as("not bob's to mark").isZero();
        assertThat(api.post(alice, "mutation($ids: [ID!]!) { markRead(ids: $ids) }", Map.of("ids", List.of(newest)))
                .data().path("markRead").asInt()).isEqualTo(1);
        assertThat(api.post(alice, INBOX, Map.of("unread", true)).data().path("notifications").path("edges").findValuesAsText("title"))
                .containsExactly("Fix two", "Fix one");
        assertThat(api.post(alice, "{ unreadNotificationCount }").data().path("unreadNotificationCount").asInt()).isEqualTo(2);
        assertThat(api.post(alice, "mutation { markAllRead }").data().path("markAllRead").asInt()).isEqualTo(2);
        assertThat(api.post(alice, "{ notificationDigest { kind count unread latest { title } } }").data().path("notificationDigest").get(0)
                .path("count").asInt()).isEqualTo(3);
    }

    @Test
    void preferencesDefaultByRoleValidateTheirInputAndOptOutOfKinds() {
        String alice = api.newCustomer();
        String bob = api.newCustomer();
        String support = api.newCustomer(Role.SUPPORT);
        assertThat(api.post(alice, "{ notificationPreferences { channels anomaliesOnly quietHours { from } } }").data()
                .path("notificationPreferences").path("channels").toString()).isEqualTo("[\"INBOX\",\"LIVE\"]");
        assertThat(api.post(support, "{ notificationPreferences { channels } }").data()
                .path("notificationPreferences").path("channels").toString()).contains("DIGEST");

        var badZone = api.post(alice, UPDATE, Map.of("input", Map.of("quietHours", Map.of("from", "22:00", "to", "07:00", "timeZone", "Mars/Base"))));
        assertThat(badZone.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(badZone.firstError().path("extensions").path("field").asText()).isEqualTo("input.quietHours.timeZone");
        assertThat(api.post(alice, UPDATE, Map.of("input", Map.of("quietHours", Map.of("from", "25:00", "to", "07:00", "timeZone", "UTC"))))
                .errorCode()).isEqualTo("BAD_USER_INPUT");

        JsonNode saved = api.post(alice, UPDATE, Map.of("input", Map.of("kinds", List.of("CASE_INTERACTION"),
                "quietHours", Map.of("from", "22:00", "to", "07:00", "timeZone", "Europe/Berlin")))).data().path("updateNotificationPreferences");
        assertThat(saved.path("kinds").toString()).isEqualTo("[\"CASE_INTERACTION\"]");
        assertThat(saved.path("quietHours").path("timeZone").asText()).isEqualTo("Europe/Berlin");

        report(alice, "Opted out of solutions");
        propose(bob, "Unwanted fix");
        turn();
        assertThat(api.post(alice, INBOX, Map.of()).data().path("notifications").path("edges")).isEmpty();
    }

    @Test
    void followingChecksWhatMayBeFollowed() {
        // A new customer whose first request is a refused mutation (their customer node must survive the rollback).
        String alice = api.newCustomer();
        String bob = api.newCustomer();
        String bobsConfiguration = configuration(bob);
        assertThat(api.post(alice, FOLLOW, Map.of("thing", bobsConfiguration)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(alice, FOLLOW, Map.of("thing", "prd_aaaaaaaaaaaaaaaaaaaa")).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.post(alice, FOLLOW, Map.of("thing", "rep_aaaaaaaaaaaaaaaaaaaa")).errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(api.post(alice, FOLLOW, Map.of("thing", symptom.id())).data().path("follow").path("name").asText()).isEqualTo("Notify " + u);
        assertThat(api.post(alice, "{ notificationPreferences { following { id } } }").data().path("notificationPreferences")
                .path("following").findValuesAsText("id")).containsExactly(symptom.id());

        String carol = api.newCustomer();
        report(carol, "Followed symptom seen");
        turn();
        assertThat(api.post(alice, INBOX, Map.of()).data().path("notifications").path("edges").findValuesAsText("kind"))
                .containsExactly("FOLLOWED_ACTIVITY");
        assertThat(api.post(alice, "mutation($thing: ID!) { unfollow(thing: $thing) }", Map.of("thing", symptom.id())).data()
                .path("unfollow").asBoolean()).isTrue();
    }

    @Test
    void aSubscriberReceivesNewNotificationsLiveExceptInQuietHoursWhichStillReachTheInbox() throws Exception {
        String aliceToken = api.newCustomer();
        String bob = api.newCustomer();
        report(aliceToken, "Live case");
        turn();
        try (GraphQlWebSocket socket = new GraphQlWebSocket(wsUri())) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + aliceToken)));
            assertThat(socket.next().path("type").asText()).isEqualTo("connection_ack");
            int before = live.connected();
            socket.send(Map.of("id", "1", "type", "subscribe", "payload",
                    Map.of("query", "subscription { notifications { kind title actor { pseudonym } } }")));
            awaitSubscribers(socket, before + 1);

            // Quiet hours around now: held back live, kept in the inbox.
            LocalTime now = LocalTime.now(ZoneOffset.UTC);
            api.post(aliceToken, UPDATE, Map.of("input", Map.of("quietHours", Map.of("from", hhmm(now.minusHours(1)), "to", hhmm(now.plusHours(1)),
                    "timeZone", "UTC")))).data();
            propose(bob, "Quiet fix");
            turn();
            api.post(aliceToken, UPDATE, Map.of("input", Map.of("clearQuietHours", true))).data();
            propose(bob, "Loud fix");
            turn();

            JsonNode next = socket.next();
            assertThat(next.path("type").asText()).as("%s", next).isEqualTo("next");
            assertThat(next.path("id").asText()).isEqualTo("1");
            JsonNode pushed = next.path("payload").path("data").path("notifications");
            assertThat(pushed.path("title").asText()).as("the quiet one was never pushed: pushes are in order").isEqualTo("Loud fix");
            assertThat(pushed.path("kind").asText()).isEqualTo("NEW_SOLUTION_FOR_MY_SYMPTOM");
            assertThat(pushed.path("actor").path("pseudonym").asText()).startsWith("peer-");
            assertThat(api.post(aliceToken, INBOX, Map.of()).data().path("notifications").path("edges").findValuesAsText("title"))
                    .containsExactly("Loud fix", "Quiet fix");
            socket.send(Map.of("id", "1", "type", "complete"));
        }
    }

    @Test
    void aWebSocketWithoutAValidTokenIsRefused() throws Exception {
        for (Map<String, Object> payload : List.<Map<String, Object>>of(Map.of(), Map.of("Authorization", "Bearer not.a.token"))) {
            try (GraphQlWebSocket socket = new GraphQlWebSocket(wsUri())) {
                socket.send(Map.of("type", "connection_init", "payload", payload));
                // The server sends close 4401; the JDK client occasionally sees the TCP connection end first (1006).
                assertThat(socket.closeCode()).as("refused: %s", payload).isIn(4401, 1006);
                assertThat(socket.received()).as("never acknowledged").noneMatch(m -> m.path("type").asText().equals("connection_ack"));
            }
        }
    }

    @Test
    void moderatorsKnownFromTheirTokensHearOfAnEmergingTagOthersDoNot() {
        String moderator = api.newCustomer(Role.CUSTOMER, Role.MODERATOR);
        String demotedHandle = "test-demoted-" + u;
        String customer = api.newCustomer();
        api.post(moderator, "{ me { roles } }").data();
        api.post(api.token(demotedHandle, List.of(Role.MODERATOR)), "{ me { roles } }").data();
        String demoted = api.token(demotedHandle, List.of(Role.CUSTOMER));
        api.post(demoted, "{ me { roles } }").data();
        String label = "emerging " + u;
        List<String> taggers = List.of(api.newCustomer(), api.newCustomer(), api.newCustomer());
        for (int i = 0; i < 5; i++) {
            String tagger = taggers.get(i % 3);
            api.post(tagger, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id } }",
                    Map.of("t", report(tagger, "Tagged " + i), "l", label)).data();
        }
        turn();

        JsonNode inbox = api.post(moderator, INBOX, Map.of()).data().path("notifications").path("edges");
        assertThat(inbox.findValuesAsText("kind")).containsExactly("EMERGING_TAG");
        assertThat(inbox.findValuesAsText("title")).containsExactly(label);
        assertThat(inbox.findValuesAsText("detail")).containsExactly("used 5 times by 3 customers");
        for (String other : List.of(customer, demoted, taggers.get(0), taggers.get(1), taggers.get(2))) {
            assertThat(api.post(other, INBOX, Map.of()).data().path("notifications").path("edges").findValuesAsText("kind"))
                    .as("not a moderator (any more)").doesNotContain("EMERGING_TAG");
        }
    }

    @Test
    void moderatorsHearOnceOfEachSynonymAndBroaderCandidateOthersAndTheOptedOutDoNot() {
        String moderator = api.newCustomer(Role.CUSTOMER, Role.MODERATOR);
        String optedOut = api.newCustomer(Role.MODERATOR);
        String customer = api.newCustomer();
        for (String token : List.of(moderator, optedOut, customer)) {
            api.post(token, "{ me { roles } }").data();
        }
        api.post(optedOut, UPDATE, Map.of("input", Map.of("kinds", List.of("EMERGING_TAG")))).data();
        // One tagger: these tags never become emerging tags (3 customers), only suggestions.
        String tagger = api.newCustomer();
        for (int i = 0; i < 5; i++) {
            String a = report(tagger, "Colour " + i);
            tag(tagger, a, "colour calibration " + u);
            tag(tagger, a, "audio/hiss " + u);
            tag(tagger, report(tagger, "Color " + i), "color calibration " + u);
            String c = report(tagger, "Wine " + i);
            tag(tagger, c, "wine prefix " + u);
            tag(tagger, c, "compat layer " + u);
            tag(tagger, report(tagger, "Compat " + i), "compat layer " + u);
        }

        TaxonomySuggestionNotices onePerRun = new TaxonomySuggestionNotices(tagSuggestions,
                new SuggestionAnnouncements(client, new TransactionTemplate(transactions)), TagSuggestions.Thresholds.DEFAULT, 1);
        assertThat(onePerRun.run().told()).as("bounded per run").isEqualTo(1);
        for (int run = 0; run < 100 && suggestionNotices.run().told() > 0; run++) {
            // other tests' suggestions in the shared store are told too, at most 20 per run
        }
        JsonNode entries = suggestionEntries(moderator);
        assertThat(entries).as("one entry per suggestion").hasSize(3);
        assertThat(entries.findValuesAsText("title")).contains(
                "Synonym candidate: 'color calibration " + u + "' and 'colour calibration " + u + "'",
                "Broader candidate: 'wine prefix " + u + "' under 'compat layer " + u + "'")
                .anySatisfy(t -> assertThat(t).startsWith("Broader candidate: 'audio/hiss " + u + "' under the concept '"));
        assertThat(entries.findValuesAsText("detail")).anySatisfy(d -> assertThat(d).startsWith("similarity 0.").contains("spelt differently"))
                .contains("in 100% of 'wine prefix " + u + "' things, 5 shared; 'compat layer " + u + "' on 10 things");
        for (String other : List.of(customer, tagger, optedOut)) {
            assertThat(suggestionEntries(other)).as("not a moderator, or opted out").isEmpty();
        }

        assertThat(suggestionNotices.run().told()).as("a second run").isZero();
        TaxonomySuggestionNotices otherInstance = new TaxonomySuggestionNotices(tagSuggestions,
                new SuggestionAnnouncements(client, new TransactionTemplate(transactions)), TagSuggestions.Thresholds.DEFAULT, 20);
        assertThat(otherInstance.run().told()).as("another instance, or a restart").isZero();
        assertThat(suggestionEntries(moderator)).hasSize(3);
        assertThat(api.post(moderator, "{ notificationDigest { kind count } }").data().path("notificationDigest").findValuesAsText("kind"))
                .contains("TAXONOMY_SUGGESTION");
    }

    /** The caller's TAXONOMY_SUGGESTION entries about this test's tags (other tests' suggestions are told too). */
    private JsonNode suggestionEntries(String token) {
        JsonNode edges = api.post(token, "{ notifications(first: 100) { edges { node { kind title detail } } } }")
                .data().path("notifications").path("edges");
        var mine = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        edges.forEach(e -> {
            if (e.path("node").path("kind").asText().equals("TAXONOMY_SUGGESTION") && e.path("node").path("title").asText().contains(u)) {
                mine.add(e.path("node"));
            }
        });
        return mine;
    }

    private void tag(String token, String thing, String label) {
        api.post(token, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id } }", Map.of("t", thing, "l", label)).data();
    }

    /**
     * Two service instances on one store: each runs its own relay and pushes to the clients connected to it. Each
     * (event, recipient) has one inbox entry, and each client gets its pushes from the instance it is connected to.
     */
    @Test
    void twoInstancesEachPushToTheirOwnClientsFromOneSharedInbox() {
        String alice = api.newCustomer();
        String bob = api.newCustomer();
        String carol = api.newCustomer();
        report(alice, "Alice's case");
        report(bob, "Bob's case");
        turn();
        NotificationRelay otherRelay = new NotificationRelay("other-instance-" + u, feed, new RecipientMatcher(client, 0.5, 5, noise), inbox,
                new TransactionTemplate(transactions), 200);
        LiveNotifications other = new LiveNotifications(inbox, preferences, otherRelay);
        List<Notification> onThis = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Notification> onOther = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            otherRelay.start();
            var aliceHere = live.subscribe(caller(alice)).subscribe(onThis::add);
            var bobThere = other.subscribe(caller(bob)).subscribe(onOther::add);
            live.push();
            other.push();

            propose(carol, "Fix for both");
            relay.drain();
            otherRelay.drain();
            live.push();
            other.push();

            assertThat(onThis).extracting(Notification::recipientId).containsExactly(caller(alice).customerId());
            assertThat(onOther).extracting(Notification::recipientId).containsExactly(caller(bob).customerId());
            assertThat(onThis).extracting(Notification::title).containsExactly("Fix for both");
            for (String token : List.of(alice, bob)) {
                assertThat(api.post(token, INBOX, Map.of()).data().path("notifications").path("edges").findValuesAsText("title"))
                        .as("one entry although both instances relayed the event").containsExactly("Fix for both");
            }
            aliceHere.dispose();
            bobThere.dispose();
        } finally {
            feed.unregister("other-instance-" + u);
        }
    }

    @Test
    void supportSavesACaseSearchAndHearsOfCasesThatStartToMatchIt() {
        String support = api.newCustomer(Role.SUPPORT);
        String otherSupport = api.newCustomer(Role.SUPPORT);
        String customer = api.newCustomer();
        String save = "mutation($n: String!, $f: CaseFilter!) { saveSearch(name: $n, filter: $f) { id name symptom status tags } }";
        assertThat(api.post(support, save, Map.of("n", "everything", "f", Map.of())).errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(api.post(support, save, Map.of("n", "window", "f", Map.of("symptom", symptom.id(), "from", "2030-01-01T00:00:00Z")))
                .firstError().path("extensions").path("field").asText()).isEqualTo("filter.from");
        assertThat(api.post(support, save, Map.of("n", "unknown", "f", Map.of("symptom", "sym_aaaaaaaaaaaaaaaaaaaa")))
                .errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(api.post(customer, save, Map.of("n", "mine", "f", Map.of("symptom", symptom.id()))).errorCode()).isEqualTo("FORBIDDEN");

        JsonNode saved = api.post(support, save, Map.of("n", "Notify symptom", "f", Map.of("symptom", symptom.id(), "status", List.of("OPEN"))))
                .data().path("saveSearch");
        assertThat(saved.path("symptom").asText()).isEqualTo(symptom.id());
        assertThat(api.post(support, "{ savedSearches { id name } }").data().path("savedSearches").findValuesAsText("name"))
                .containsExactly("Notify symptom");
        api.post(customer, "{ me { roles } }").data();
        String reportId = report(customer, "Matches the saved search");
        turn();

        JsonNode inbox = api.post(support, INBOX, Map.of()).data().path("notifications").path("edges");
        assertThat(inbox.findValuesAsText("kind")).containsExactly("SAVED_SEARCH_MATCH");
        assertThat(inbox.findValuesAsText("subjectId")).containsExactly(reportId);
        assertThat(inbox.findValuesAsText("detail")).containsExactly("matches your saved search Notify symptom");
        assertThat(api.post(otherSupport, INBOX, Map.of()).data().path("notifications").path("edges").findValuesAsText("kind"))
                .doesNotContain("SAVED_SEARCH_MATCH");
        String delete = "mutation($id: ID!) { deleteSavedSearch(id: $id) }";
        assertThat(api.post(otherSupport, delete, Map.of("id", saved.path("id").asText())).data().path("deleteSavedSearch").asBoolean())
                .as("not theirs").isFalse();
        assertThat(api.post(support, delete, Map.of("id", saved.path("id").asText())).data().path("deleteSavedSearch").asBoolean()).isTrue();
        assertThat(api.post(support, "{ savedSearches { id } }").data().path("savedSearches")).isEmpty();
    }

    static final String UPDATE = """
            mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) {
              kinds channels anomaliesOnly quietHours { from to timeZone } } }""";

    static final String FOLLOW = "mutation($thing: ID!) { follow(thing: $thing) { id name since } }";

    private URI wsUri() {
        return URI.create(api.uri("/graphql").toString().replaceFirst("^http", "ws"));
    }

    /** One turn of the relay and the live push (they also run on their own schedule). */
    private void turn() {
        relay.drain();
        live.push();
    }

    private void awaitSubscribers(GraphQlWebSocket socket, int count) throws InterruptedException {
        for (int i = 0; i < 600 && live.connected() < count; i++) {
            Thread.sleep(100);
        }
        if (live.connected() < count) {
            throw new AssertionError("the subscription did not register; the server said " + socket.next());
        }
    }

    private static String hhmm(LocalTime t) {
        return t.format(DateTimeFormatter.ofPattern("HH:mm"));
    }

    private String configuration(String token) {
        return api.post(token, """
                mutation($input: CreateConfigurationInput!) { createConfiguration(input: $input) { id } }""",
                Map.of("input", Map.of("name", "pc", "items", List.of(Map.of("kind", "gpu", "value", "notify gpu " + u)))))
                .data().path("createConfiguration").path("id").asText();
    }

    private String report(String token, String title) {
        return api.post(token, """
                mutation($input: ReportSymptomInput!) { reportSymptom(input: $input) { id } }""",
                Map.of("input", Map.of("configuration", configuration(token), "symptoms", List.of(symptom.id()), "title", title)))
                .data().path("reportSymptom").path("id").asText();
    }

    private Caller caller(String token) {
        JsonNode me = api.post(token, "{ me { customer { id handle } } }").data().path("me").path("customer");
        return new Caller(me.path("id").asText(), me.path("handle").asText(), Set.of(Role.CUSTOMER));
    }

    private void propose(String token, String title) {
        api.post(token, """
                mutation($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }""",
                Map.of("input", Map.of("symptoms", List.of(symptom.id()), "title", title))).data();
    }
}
