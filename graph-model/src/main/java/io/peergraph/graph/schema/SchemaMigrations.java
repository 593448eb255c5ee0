package io.peergraph.graph.schema;

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
            "Customer", "Product", "Item", "Configuration", "ConfigItem", "Report", "Interaction", "Symptom",
            "Solution", "Confirmation", "Tag", "Concept", "ConceptScheme", "Measurement", "AuditEvent");

    /**
     * Labels that imports create; {@code sourceKey} is the record's natural key in its source, unique per label: by a
     * constraint (migration 2), for reports through their id derived from it (migration 11).
     */
    public static final List<String> SOURCE_KEYED_LABELS = List.of(
            "Item", "Configuration", "Report", "Interaction", "Solution", "Confirmation", "Measurement");

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "public ids, natural keys and lookup indexes", Stream.concat(
                    IDENTIFIED_LABELS.stream().map(label -> "CREATE CONSTRAINT %s_id IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE"
                            .formatted(label.toLowerCase(), label)),
                    Stream.of(
                            "CREATE CONSTRAINT customer_handle IF NOT EXISTS FOR (n:Customer) REQUIRE n.handle IS UNIQUE",
                            "CREATE CONSTRAINT product_key IF NOT EXISTS FOR (n:Product) REQUIRE n.key IS UNIQUE",
                            "CREATE CONSTRAINT config_item_key IF NOT EXISTS FOR (n:ConfigItem) REQUIRE n.key IS UNIQUE",
                            "CREATE CONSTRAINT symptom_key IF NOT EXISTS FOR (n:Symptom) REQUIRE n.key IS UNIQUE",
                            "CREATE CONSTRAINT tag_label IF NOT EXISTS FOR (n:Tag) REQUIRE n.normalized IS UNIQUE",
                            "CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (n:SchemaMigration) REQUIRE n.version IS UNIQUE",
                            "CREATE INDEX product_name IF NOT EXISTS FOR (n:Product) ON (n.name)",
                            "CREATE INDEX report_created IF NOT EXISTS FOR (n:Report) ON (n.createdAt)",
                            "CREATE INDEX tagged_by IF NOT EXISTS FOR ()-[r:TAGGED]-() ON (r.by)"))
                    .toList()),
            new Migration(2, "natural keys of imported records (a re-import finds what it wrote before)",
                    SOURCE_KEYED_LABELS.stream().map(label -> "CREATE CONSTRAINT %s_source_key IF NOT EXISTS FOR (n:%s) REQUIRE n.sourceKey IS UNIQUE"
                            .formatted(label.toLowerCase(), label)).toList()),
            new Migration(3, "full-text indexes: product names, report text, the peer signature of reports", List.of(
                    "CREATE FULLTEXT INDEX product_text IF NOT EXISTS FOR (n:Product) ON EACH [n.name]",
                    "CREATE FULLTEXT INDEX report_text IF NOT EXISTS FOR (n:Report) ON EACH [n.title, n.text]",
                    // Terms are opaque ids ("sym_..", "cfi_..", "cus_.."): split on whitespace only, never lower-cased away.
                    """
                    CREATE FULLTEXT INDEX report_peer_signature IF NOT EXISTS FOR (n:Report)
                    ON EACH [n.peerSymptoms, n.peerItems, n.peerOwner]
                    OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false } }
                    """)),
            new Migration(4, "metric definitions: unique id and key (measurements are found through their metric)", List.of(
                    "CREATE CONSTRAINT metric_id IF NOT EXISTS FOR (n:Metric) REQUIRE n.id IS UNIQUE",
                    "CREATE CONSTRAINT metric_key IF NOT EXISTS FOR (n:Metric) REQUIRE n.key IS UNIQUE")),
            new Migration(5, "audit trail in time order", List.of(
                    "CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at)",
                    "CREATE INDEX audit_event_action IF NOT EXISTS FOR (n:AuditEvent) ON (n.action)")),
            new Migration(6, "import checkpoints: one per source file", List.of(
                    "CREATE CONSTRAINT import_checkpoint_source IF NOT EXISTS FOR (n:ImportCheckpoint) REQUIRE n.source IS UNIQUE")),
            new Migration(7, "notifications: one per (event, recipient), each recipient's inbox and unread entries in order, preferences", List.of(
                    // The natural key: a relay that retries, or two instances relaying at once, MERGE onto the same node.
                    "CREATE CONSTRAINT notification_key IF NOT EXISTS FOR (n:Notification) REQUIRE n.key IS UNIQUE",
                    "CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE",
                    "CREATE INDEX notification_inbox IF NOT EXISTS FOR (n:Notification) ON (n.recipientId, n.seq)",
                    "CREATE INDEX notification_unread IF NOT EXISTS FOR (n:Unread) ON (n.recipientId, n.seq)",
                    // Live delivery: every instance reads the entries written since its last look, in event order.
                    "CREATE INDEX notification_seq IF NOT EXISTS FOR (n:Notification) ON (n.seq)",
                    "CREATE CONSTRAINT notification_preferences_customer IF NOT EXISTS FOR (n:NotificationPreferences) REQUIRE n.customerId IS UNIQUE")),
            new Migration(8, "full-text index of symptom keys and names (symptom search matches words, no scan)", List.of(
                    "CREATE FULLTEXT INDEX symptom_text IF NOT EXISTS FOR (n:Symptom) ON EACH [n.key, n.name]")),
            new Migration(9, "notifications: read entries by when they were read (pruning after the retention); support's saved searches", List.of(
                    "CREATE INDEX notification_read_at IF NOT EXISTS FOR (n:Notification) ON (n.readAt)",
                    "CREATE CONSTRAINT saved_search_id IF NOT EXISTS FOR (n:SavedSearch) REQUIRE n.id IS UNIQUE",
                    "CREATE INDEX saved_search_owner IF NOT EXISTS FOR (n:SavedSearch) ON (n.ownerId)")),
            new Migration(10, "notifications: each taxonomy suggestion is told to moderators once", List.of(
                    // The suggestion's natural key: a second run, a second instance or a restart finds it told.
                    "CREATE CONSTRAINT announced_suggestion_key IF NOT EXISTS FOR (n:AnnouncedSuggestion) REQUIRE n.key IS UNIQUE")),
            // One unique check per created report instead of two (bulk imports spent 7 % of their CPU in both). A
            // report's sourceKey stays unique: every writer that sets it sets id = PublicId.REPORT.fromKey(sourceKey)
            // (EntityMapper, ProtonDbWriter, the bench's SyntheticCommunity), so a second report with the same
            // sourceKey has the same id and report_id refuses it. Look-ups by sourceKey use the plain index.
            new Migration(11, "report natural keys checked through the public id derived from them: report_source_key becomes a plain index", List.of(
                    "DROP CONSTRAINT report_source_key IF EXISTS",
                    "CREATE INDEX report_source_key_lookup IF NOT EXISTS FOR (n:Report) ON (n.sourceKey)")),
            // A person is the token's issuer and subject together, never a handle: the handle is the natural key of
            // imports, and an organisation's handle is chosen by nobody (CustomerStore). Customers stored before
            // this keep their node: the first sign-in of their handle claims it (CustomerStore.signIn), so no data
            // needs rewriting here. Invitations are found by whom they invite and by organisation.
            new Migration(12, "persons keyed by token issuer and subject; organisation invitations", List.of(
                    "CREATE CONSTRAINT customer_login IF NOT EXISTS FOR (n:Customer) REQUIRE (n.issuer, n.subject) IS UNIQUE",
                    "CREATE CONSTRAINT invitation_id IF NOT EXISTS FOR (n:Invitation) REQUIRE n.id IS UNIQUE",
                    "CREATE CONSTRAINT invitation_invitee IF NOT EXISTS FOR (n:Invitation) REQUIRE (n.organisationId, n.issuer, n.subject) IS UNIQUE",
                    "CREATE INDEX invitation_to IF NOT EXISTS FOR (n:Invitation) ON (n.issuer, n.subject)")),
            new Migration(13, "local accounts of the embedded issuer: one per handle", List.of(
                    "CREATE CONSTRAINT local_account_handle IF NOT EXISTS FOR (n:LocalAccount) REQUIRE n.handle IS UNIQUE")),
            new Migration(14, "full-text index of the taxonomy's English labels (symptom search by every label, with stems)", List.of(
                    // altLabels_en is a list of strings; the English analyzer stems ("stuttering" meets "stutter").
                    "CREATE FULLTEXT INDEX concept_labels_en IF NOT EXISTS FOR (n:Concept) ON EACH [n.prefLabel_en, n.altLabels_en] "
                            + "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}")),
            // Were applied by ontology-seeds' TaxonomySchema on every start; a store that has them keeps them (IF NOT EXISTS).
            new Migration(16, "taxonomy: concepts and schemes by IRI, concepts by notation and status, tags by usage, the seed checksum", List.of(
                    "CREATE CONSTRAINT concept_iri IF NOT EXISTS FOR (n:Concept) REQUIRE n.iri IS UNIQUE",
                    "CREATE CONSTRAINT concept_scheme_iri IF NOT EXISTS FOR (n:ConceptScheme) REQUIRE n.iri IS UNIQUE",
                    "CREATE INDEX concept_notation IF NOT EXISTS FOR (n:Concept) ON (n.notation)",
                    "CREATE INDEX concept_status IF NOT EXISTS FOR (n:Concept) ON (n.status)",
                    "CREATE INDEX tag_usage IF NOT EXISTS FOR (n:Tag) ON (n.usageCount)",
                    "CREATE CONSTRAINT seed_catalog_name IF NOT EXISTS FOR (n:SeedCatalog) REQUIRE n.name IS UNIQUE")),
            new Migration(20, "item kinds declared by the taxonomy's configuration-facets schemes: one node per kind", List.of(
                    "CREATE CONSTRAINT item_kind_kind IF NOT EXISTS FOR (n:ItemKind) REQUIRE n.kind IS UNIQUE")));

    private SchemaMigrations() {}

    /** Applies every migration the store has not recorded yet, in version order, then waits for indexes. */
    public static void apply(Driver driver) {
        try (Session session = driver.session()) {
            session.run("CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (n:SchemaMigration) REQUIRE n.version IS UNIQUE").consume();
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
