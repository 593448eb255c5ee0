package io.peergraph.graph.schema;

import io.peergraph.graph.schema.Graph.Index;
import io.peergraph.graph.schema.Graph.Label;
import io.peergraph.graph.schema.Graph.Rel;
import io.peergraph.graph.solution.ConfirmationTotals;
import java.util.List;
import java.util.stream.Stream;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the graph schema (constraints, indexes, full-text indexes) as numbered migrations, recording
 * each applied version in a {@code :SchemaMigration} node. Running it again is a no-op; a newer build adds
 * only the migrations the store has not seen yet.
 */
public final class SchemaMigrations {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    /** Labels whose nodes carry a public {@code id}; each gets a uniqueness constraint. */
    public static final List<String> IDENTIFIED_LABELS = List.of(
            Label.CUSTOMER, Label.PRODUCT, Label.ITEM, Label.CONFIGURATION, Label.CONFIG_ITEM, Label.REPORT, Label.INTERACTION,
            Label.SYMPTOM, Label.SOLUTION, Label.CONFIRMATION, Label.TAG, Label.CONCEPT, Label.CONCEPT_SCHEME, Label.MEASUREMENT,
            Label.AUDIT_EVENT);

    /**
     * Labels that imports create; {@code sourceKey} is the record's natural key in its source, unique per label: by a
     * constraint (migration 2), for reports through their id derived from it (migration 11).
     */
    public static final List<String> SOURCE_KEYED_LABELS = List.of(
            Label.ITEM, Label.CONFIGURATION, Label.REPORT, Label.INTERACTION, Label.SOLUTION, Label.CONFIRMATION, Label.MEASUREMENT);

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "public ids, natural keys and lookup indexes", Stream.concat(
                    IDENTIFIED_LABELS.stream().map(label -> "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE"
                            .formatted(Index.id(label), label)),
                    Stream.of(
                            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.handle IS UNIQUE".formatted(Index.CUSTOMER_HANDLE, Label.CUSTOMER),
                            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.key IS UNIQUE".formatted(Index.PRODUCT_KEY, Label.PRODUCT),
                            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.key IS UNIQUE".formatted(Index.CONFIG_ITEM_KEY, Label.CONFIG_ITEM),
                            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.key IS UNIQUE".formatted(Index.SYMPTOM_KEY, Label.SYMPTOM),
                            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.normalized IS UNIQUE".formatted(Index.TAG_LABEL, Label.TAG),
                            "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.version IS UNIQUE".formatted(Index.SCHEMA_MIGRATION_VERSION, Label.SCHEMA_MIGRATION),
                            "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.name)".formatted(Index.PRODUCT_NAME, Label.PRODUCT),
                            "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.createdAt)".formatted(Index.REPORT_CREATED, Label.REPORT),
                            "CREATE INDEX %s IF NOT EXISTS FOR ()-[r:%s]-() ON (r.by)".formatted(Index.TAGGED_BY, Rel.TAGGED)))
                    .toList()),
            new Migration(2, "natural keys of imported records (a re-import finds what it wrote before)",
                    SOURCE_KEYED_LABELS.stream().map(label -> "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.sourceKey IS UNIQUE"
                            .formatted(Index.sourceKey(label), label)).toList()),
            new Migration(3, "full-text indexes: product names, report text, the peer signature of reports", List.of(
                    "CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.name]".formatted(Index.PRODUCT_TEXT, Label.PRODUCT),
                    "CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.title, n.text]".formatted(Index.REPORT_TEXT, Label.REPORT),
                    // Terms are opaque ids ("sym_..", "cfi_..", "cus_.."): split on whitespace only, never lower-cased away.
                    """
                    CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s)
                    ON EACH [n.peerSymptoms, n.peerItems, n.peerOwner]
                    OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false } }
                    """.formatted(Index.REPORT_PEER_SIGNATURE, Label.REPORT))),
            new Migration(4, "metric definitions: unique id and key (measurements are found through their metric)", List.of(
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE".formatted(Index.METRIC_ID, Label.METRIC),
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.key IS UNIQUE".formatted(Index.METRIC_KEY, Label.METRIC))),
            new Migration(5, "audit trail in time order", List.of(
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.at)".formatted(Index.AUDIT_EVENT_AT, Label.AUDIT_EVENT),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.action)".formatted(Index.AUDIT_EVENT_ACTION, Label.AUDIT_EVENT))),
            new Migration(6, "import checkpoints: one per source file", List.of(
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.source IS UNIQUE".formatted(Index.IMPORT_CHECKPOINT_SOURCE, Label.IMPORT_CHECKPOINT))),
            new Migration(7, "notifications: one per (event, recipient), each recipient's inbox and unread entries in order, preferences", List.of(
                    // The natural key: a relay that retries, or two instances relaying at once, MERGE onto the same node.
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.key IS UNIQUE".formatted(Index.NOTIFICATION_KEY, Label.NOTIFICATION),
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE".formatted(Index.NOTIFICATION_ID, Label.NOTIFICATION),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.recipientId, n.seq)".formatted(Index.NOTIFICATION_INBOX, Label.NOTIFICATION),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.recipientId, n.seq)".formatted(Index.NOTIFICATION_UNREAD, Label.UNREAD),
                    // Live delivery: every instance reads the entries written since its last look, in event order.
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.seq)".formatted(Index.NOTIFICATION_SEQ, Label.NOTIFICATION),
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.customerId IS UNIQUE".formatted(Index.NOTIFICATION_PREFERENCES_CUSTOMER, Label.NOTIFICATION_PREFERENCES))),
            new Migration(8, "full-text index of symptom keys and names (symptom search matches words, no scan)", List.of(
                    "CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.key, n.name]".formatted(Index.SYMPTOM_TEXT, Label.SYMPTOM))),
            new Migration(9, "notifications: read entries by when they were read (pruning after the retention); support's saved searches", List.of(
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.readAt)".formatted(Index.NOTIFICATION_READ_AT, Label.NOTIFICATION),
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE".formatted(Index.SAVED_SEARCH_ID, Label.SAVED_SEARCH),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.ownerId)".formatted(Index.SAVED_SEARCH_OWNER, Label.SAVED_SEARCH))),
            new Migration(10, "notifications: each taxonomy suggestion is told to moderators once", List.of(
                    // The suggestion's natural key: a second run, a second instance or a restart finds it told.
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.key IS UNIQUE".formatted(Index.ANNOUNCED_SUGGESTION_KEY, Label.ANNOUNCED_SUGGESTION))),
            // One unique check per created report instead of two (bulk imports spent 7 % of their CPU in both). A
            // report's sourceKey stays unique: every writer that sets it sets id = PublicId.REPORT.fromKey(sourceKey)
            // (EntityMapper, ProtonDbWriter, the bench's SyntheticCommunity), so a second report with the same
            // sourceKey has the same id and report_id refuses it. Look-ups by sourceKey use the plain index.
            new Migration(11, "report natural keys checked through the public id derived from them: report_source_key becomes a plain index", List.of(
                    "DROP CONSTRAINT %s IF EXISTS".formatted(Index.sourceKey(Label.REPORT)),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.sourceKey)".formatted(Index.REPORT_SOURCE_KEY_LOOKUP, Label.REPORT))),
            // A person is the token's issuer and subject together, never a handle: the handle is the natural key of
            // imports, and an organisation's handle is chosen by nobody (CustomerStore). Customers stored before
            // this keep their node: the first sign-in of their handle claims it (CustomerStore.signIn), so no data
            // needs rewriting here. Invitations are found by whom they invite and by organisation.
            new Migration(12, "persons keyed by token issuer and subject; organisation invitations", List.of(
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE (n.issuer, n.subject) IS UNIQUE".formatted(Index.CUSTOMER_LOGIN, Label.CUSTOMER),
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE".formatted(Index.INVITATION_ID, Label.INVITATION),
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE (n.organisationId, n.issuer, n.subject) IS UNIQUE".formatted(Index.INVITATION_INVITEE, Label.INVITATION),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.issuer, n.subject)".formatted(Index.INVITATION_TO, Label.INVITATION))),
            new Migration(13, "local accounts of the embedded issuer: one per handle", List.of(
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.handle IS UNIQUE".formatted(Index.LOCAL_ACCOUNT_HANDLE, Label.LOCAL_ACCOUNT))),
            new Migration(14, "full-text index of the taxonomy's English labels (symptom search by every label, with stems)", List.of(
                    // altLabels_en is a list of strings; the English analyzer stems ("stuttering" meets "stutter").
                    "CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.prefLabel_en, n.altLabels_en] ".formatted(Index.CONCEPT_LABELS_EN, Label.CONCEPT)
                            + "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}")),
            // Were applied by ontology-seeds' TaxonomySchema on every start; a store that has them keeps them (IF NOT EXISTS).
            new Migration(16, "taxonomy: concepts and schemes by IRI, concepts by notation and status, tags by usage, the seed checksum", List.of(
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.iri IS UNIQUE".formatted(Index.CONCEPT_IRI, Label.CONCEPT),
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.iri IS UNIQUE".formatted(Index.CONCEPT_SCHEME_IRI, Label.CONCEPT_SCHEME),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.notation)".formatted(Index.CONCEPT_NOTATION, Label.CONCEPT),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.status)".formatted(Index.CONCEPT_STATUS, Label.CONCEPT),
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.usageCount)".formatted(Index.TAG_USAGE, Label.TAG),
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.name IS UNIQUE".formatted(Index.SEED_CATALOG_NAME, Label.SEED_CATALOG))),
            new Migration(20, "item kinds declared by the taxonomy's configuration-facets schemes: one node per kind", List.of(
                    "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.kind IS UNIQUE".formatted(Index.ITEM_KIND_KIND, Label.ITEM_KIND))),
            new Migration(21, "symptoms customers described: each customer's by time (the daily bound, the author's candidates)", List.of(
                    "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.proposedBy, n.createdAt)".formatted(Index.SYMPTOM_PROPOSED_BY, Label.SYMPTOM))),
            // Counted afresh, so running it again (or after writes that kept them) changes nothing.
            new Migration(25, "each solution's confirmation totals (worked, recency-weighted) kept on it: ranking reads no confirmations",
                    List.of(ConfirmationTotals.RECOUNT_ALL)));

    private SchemaMigrations() {}

    /** Applies every migration the store has not recorded yet, in version order, then waits for indexes. */
    public static void apply(Driver driver) {
        try (Session session = driver.session()) {
            session.run("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.version IS UNIQUE".formatted(Index.SCHEMA_MIGRATION_VERSION, Label.SCHEMA_MIGRATION)).consume();
            int current = session.run("MATCH (m:SchemaMigration) RETURN coalesce(max(m.version), 0) AS v")
                    .single().get("v").asInt();
            for (Migration migration : MIGRATIONS) {
                if (migration.version() <= current) {
                    continue;
                }
                for (String statement : migration.statements()) {
                    session.run(statement).consume();
                }
                session.run("MERGE (m:SchemaMigration {version: $version}) SET m.description = $description, m.appliedAt = datetime()",
                        java.util.Map.of("version", migration.version(), "description", migration.description())).consume();
                log.info("Applied schema migration {}: {}", migration.version(), migration.description());
            }
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }

    /** The newest migration the store has seen (0 for a new store); another instance waits for {@link #latestVersion()}. */
    public static int appliedVersion(Driver driver) {
        return driver.executableQuery("MATCH (m:SchemaMigration) RETURN coalesce(max(m.version), 0) AS v").execute()
                .records().getFirst().get("v").asInt();
    }

    /** The newest version this build knows. */
    public static int latestVersion() {
        return MIGRATIONS.getLast().version();
    }
}
