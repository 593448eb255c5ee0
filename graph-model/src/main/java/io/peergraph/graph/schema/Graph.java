package io.peergraph.graph.schema;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The vocabulary of the graph, in the manner of Jena's {@code SKOS} or {@code RDFS} classes: every node label,
 * relationship type, shared property key and schema index (constraint or index) name, each with what it means.
 * docs/graph-model.md draws the model these names make up.
 *
 * <p>A name is declared here before any Cypher uses it: {@code CypherVocabularyTest} reads every string literal and
 * text block of every module's main code and fails, with file and line, on a label or relationship type this class
 * does not declare. Queries keep writing the names inside their text blocks ({@code (r:Report)-[:ON]->(c)}) rather
 * than concatenating these constants: Cypher read as Cypher is what the next engineer can check against the index
 * it relies on, and the test holds the text and this vocabulary together. Code that builds statements from names
 * (the schema migrations, a query over one of several labels) uses the constants.
 */
public final class Graph {

    private Graph() {}

    /** Node labels. */
    public static final class Label {
        private Label() {}

        /** A person or an organisation (kind PERSON/ORGANISATION) who owns stuff, reports and proposes. */
        public static final String CUSTOMER = "Customer";
        /** Also on a Customer holding the MODERATOR role (CustomerStore.recordStaffRoles): found without a scan. */
        public static final String MODERATOR = "Moderator";
        /** Also on a Customer holding the SUPPORT role. */
        public static final String SUPPORT = "Support";
        /** Also on a Customer holding the ADMIN role. */
        public static final String ADMIN = "Admin";
        /** An open invitation of a person into an organisation, deleted once answered. */
        public static final String INVITATION = "Invitation";
        /** A handle and password hash of the embedded token issuer. */
        public static final String LOCAL_ACCOUNT = "LocalAccount";
        /** A kind of thing one can own (a game, a GPU model), keyed by {@code key}. */
        public static final String PRODUCT = "Product";
        /** One customer's instance of a product. */
        public static final String ITEM = "Item";
        /** A customer's set-up: the normalised items it INCLUDES. */
        public static final String CONFIGURATION = "Configuration";
        /** A normalised configuration value ({@code <kind>:<value>}), shared by every configuration that has it. */
        public static final String CONFIG_ITEM = "ConfigItem";
        /** A case: a customer saw symptoms on a configuration. */
        public static final String REPORT = "Report";
        /** A contact on a case (web, email, phone, forum, chat). */
        public static final String INTERACTION = "Interaction";
        /** Something that goes wrong, keyed by a path-like {@code key} (audio/crackling). */
        public static final String SYMPTOM = "Symptom";
        /** A fix proposed for symptoms. */
        public static final String SOLUTION = "Solution";
        /** Whether a solution worked for someone, on a configuration. */
        public static final String CONFIRMATION = "Confirmation";
        /** A community tag, keyed by its {@code normalized} form. */
        public static final String TAG = "Tag";
        /** A SKOS concept of the curated taxonomy. */
        public static final String CONCEPT = "Concept";
        /** A SKOS concept scheme (one taxonomy). */
        public static final String CONCEPT_SCHEME = "ConceptScheme";
        /** An item kind a domain's configuration-facets scheme declares (cohort rank, family rule, value scheme). */
        public static final String ITEM_KIND = "ItemKind";
        /** A second label on a ConceptScheme whose concepts are symptoms (a domain's symptom scheme). */
        public static final String SYMPTOM_SCHEME = "SymptomScheme";
        /** The checksum of the seed vocabularies last loaded (ontology-seeds SeedCatalog). */
        public static final String SEED_CATALOG = "SeedCatalog";
        /** A benchmark metric (what is measured, its unit and direction). */
        public static final String METRIC = "Metric";
        /** One value of a metric measured on an item or a configuration. */
        public static final String MEASUREMENT = "Measurement";
        /** A security or curation event. */
        public static final String AUDIT_EVENT = "AuditEvent";
        /** An applied schema migration. */
        public static final String SCHEMA_MIGRATION = "SchemaMigration";
        /** How far an import of one source file got (its last committed record). */
        public static final String IMPORT_CHECKPOINT = "ImportCheckpoint";
        /** A change recorded for the search index and notifications, in {@code seq} order. */
        public static final String OUTBOX_EVENT = "OutboxEvent";
        /** The next outbox sequence number (and other named counters). */
        public static final String OUTBOX_COUNTER = "OutboxCounter";
        /** How far one consumer has read the outbox. */
        public static final String OUTBOX_CURSOR = "OutboxCursor";
        /** A pending re-signing of the reports under changed symptoms (SignatureResign). */
        public static final String PEER_RESIGN = "PeerResign";
        /** One entry of a customer's inbox. */
        public static final String NOTIFICATION = "Notification";
        /** Also on a Notification not read yet. */
        public static final String UNREAD = "Unread";
        /** A customer's notification channels and kinds. */
        public static final String NOTIFICATION_PREFERENCES = "NotificationPreferences";
        /** A support engineer's saved case search. */
        public static final String SAVED_SEARCH = "SavedSearch";
        /** A taxonomy suggestion moderators were told of (told once). */
        public static final String ANNOUNCED_SUGGESTION = "AnnouncedSuggestion";
        /** The bench's marker of a generated data set (bench only, never in a served graph). */
        public static final String BENCH_SETUP = "BenchSetup";
    }

    /** Relationship types, as {@code (from)-[:TYPE]->(to)}. */
    public static final class Rel {
        private Rel() {}

        /** (Customer)-[:MEMBER_OF {role}]->(Customer organisation). */
        public static final String MEMBER_OF = "MEMBER_OF";
        /** (Customer)-[:OWNS]->(Item|Configuration). */
        public static final String OWNS = "OWNS";
        /** (Item)-[:INSTANCE_OF]->(Product). */
        public static final String INSTANCE_OF = "INSTANCE_OF";
        /** (Configuration)-[:INCLUDES {raw}]->(ConfigItem). */
        public static final String INCLUDES = "INCLUDES";
        /** (Configuration)-[:OF_ITEM]->(Item): the item a configuration is of. */
        public static final String OF_ITEM = "OF_ITEM";
        /** (Customer)-[:REPORTED]->(Report). */
        public static final String REPORTED = "REPORTED";
        /** (Report)-[:ON]->(Configuration). */
        public static final String ON = "ON";
        /** (Report)-[:ABOUT]->(Product); (Measurement)-[:ABOUT]->(Item|Configuration). */
        public static final String ABOUT = "ABOUT";
        /** (Report)-[:SHOWS]->(Symptom). */
        public static final String SHOWS = "SHOWS";
        /** (Report)-[:HAS_INTERACTION]->(Interaction). */
        public static final String HAS_INTERACTION = "HAS_INTERACTION";
        /** (Customer)-[:PROPOSED]->(Solution). */
        public static final String PROPOSED = "PROPOSED";
        /** (Solution)-[:SOLVES]->(Symptom). */
        public static final String SOLVES = "SOLVES";
        /** (Report)-[:TRIED]->(Solution): what was tried on a case. */
        public static final String TRIED = "TRIED";
        /** (Customer)-[:CONFIRMED]->(Confirmation). */
        public static final String CONFIRMED = "CONFIRMED";
        /** (Confirmation)-[:OF]->(Solution). */
        public static final String OF = "OF";
        /** (Confirmation)-[:WITH]->(Configuration): the configuration it was confirmed on. */
        public static final String WITH = "WITH";
        /** (Report|Solution|Product|Configuration)-[:TAGGED {by, at}]->(Tag). */
        public static final String TAGGED = "TAGGED";
        /** (Tag)-[:MEANS]->(Concept): the concept a tag is mapped to. */
        public static final String MEANS = "MEANS";
        /** (Tag)-[:MERGED_INTO]->(Tag); (Concept)-[:MERGED_INTO]->(Concept). */
        public static final String MERGED_INTO = "MERGED_INTO";
        /** (Symptom)-[:BROADER]->(Symptom), (Concept)-[:BROADER]->(Concept): points up the hierarchy. */
        public static final String BROADER = "BROADER";
        /** (Concept)-[:RELATED]->(Concept): skos:related. */
        public static final String RELATED = "RELATED";
        /** (Concept)-[:REPLACED_BY]->(Concept): a deprecated concept's successor. */
        public static final String REPLACED_BY = "REPLACED_BY";
        /** (Concept)-[:IN_SCHEME]->(ConceptScheme). */
        public static final String IN_SCHEME = "IN_SCHEME";
        /** (Concept)-[:TOP_CONCEPT_OF]->(ConceptScheme). */
        public static final String TOP_CONCEPT_OF = "TOP_CONCEPT_OF";
        /** (Symptom|ConfigItem)-[:CLASSIFIED_AS]->(Concept): a symptom or a canonical item value in the taxonomy. */
        public static final String CLASSIFIED_AS = "CLASSIFIED_AS";
        /** (AuditEvent)-[:CHANGED]->(Concept|Tag): what a curation command changed. */
        public static final String CHANGED = "CHANGED";
        /** (Customer)-[:MEASURED]->(Measurement). */
        public static final String MEASURED = "MEASURED";
        /** (Measurement)-[:OF_METRIC]->(Metric). */
        public static final String OF_METRIC = "OF_METRIC";
        /** (Configuration)-[:LATEST_VALUE {measurementId, value}]->(Metric): the newest measurement, for cohorts. */
        public static final String LATEST_VALUE = "LATEST_VALUE";
        /** (Customer)-[:FOLLOWS]->(anything followable). */
        public static final String FOLLOWS = "FOLLOWS";
        /** (Customer)-[:PREFERS]->(NotificationPreferences). */
        public static final String PREFERS = "PREFERS";
        /** (Customer)-[:SAVED]->(SavedSearch). */
        public static final String SAVED = "SAVED";
        /** (SavedSearch)-[:MATCHED {at}]->(Report): a match already told. */
        public static final String MATCHED = "MATCHED";
    }

    /** Property keys that several queries (or the schema and its queries) rely on. */
    public static final class Key {
        private Key() {}

        /** The opaque public id (PublicId), on every identified node. */
        public static final String ID = "id";
        /** A record's natural key in its import source. */
        public static final String SOURCE_KEY = "sourceKey";
        /** The natural key of products, config items, symptoms, metrics. */
        public static final String KEY = "key";
        /** PRIVATE, COMMUNITY or PUBLIC on items, configurations, reports (io.peergraph.graph.access.Visibility). */
        public static final String PRIVACY = "privacy";
        /** Whether a configuration (and its reports) takes part in peer answers (default true). */
        public static final String LISTED_IN_PEERS = "listedInPeers";
        /** Whether a configuration counts in benchmark statistics (default true). */
        public static final String IN_STATISTICS = "inStatistics";
        /** The role on MEMBER_OF: OWNER, ADMIN, MEMBER, VIEWER. */
        public static final String ROLE = "role";
        /** How many configurations include a config item: its rarity (Rarity). */
        public static final String CONFIG_COUNT = "configCount";
        /** The peer signature terms of a report (PeerSignature). */
        public static final String PEER_SYMPTOMS = "peerSymptoms";
        public static final String PEER_ITEMS = "peerItems";
        public static final String PEER_OWNER = "peerOwner";
        public static final String CREATED_AT = "createdAt";
        public static final String UPDATED_AT = "updatedAt";
    }

    /** Names of constraints and indexes, as the schema migrations create them and queries name them. */
    public static final class Index {
        private Index() {}

        /** The uniqueness constraint on {@code id} of an identified label ({@code configitem_id} for ConfigItem). */
        public static String id(String label) {
            return label.toLowerCase(Locale.ROOT) + "_id";
        }

        /** The uniqueness constraint on {@code sourceKey} of an imported label (reports: see REPORT_SOURCE_KEY_LOOKUP). */
        public static String sourceKey(String label) {
            return label.toLowerCase(Locale.ROOT) + "_source_key";
        }

        /** Customer.handle, unique. */
        public static final String CUSTOMER_HANDLE = "customer_handle";
        /** Customer (issuer, subject), unique: how a person is found at sign-in. */
        public static final String CUSTOMER_LOGIN = "customer_login";
        /** Product.key, unique. */
        public static final String PRODUCT_KEY = "product_key";
        /** ConfigItem.key, unique; also the prefix seek of value suggestions. */
        public static final String CONFIG_ITEM_KEY = "config_item_key";
        /** Symptom.key, unique. */
        public static final String SYMPTOM_KEY = "symptom_key";
        /** (Symptom.proposedBy, Symptom.createdAt): a customer's own symptoms, newest last (the daily bound). */
        public static final String SYMPTOM_PROPOSED_BY = "symptom_proposed_by";
        /** Tag.normalized, unique. */
        public static final String TAG_LABEL = "tag_label";
        /** SchemaMigration.version, unique. */
        public static final String SCHEMA_MIGRATION_VERSION = "schema_migration_version";
        /** Product.name. */
        public static final String PRODUCT_NAME = "product_name";
        /** Report.createdAt. */
        public static final String REPORT_CREATED = "report_created";
        /** TAGGED.by: a customer's tag applications. */
        public static final String TAGGED_BY = "tagged_by";
        /** Full-text: Product.name. */
        public static final String PRODUCT_TEXT = "product_text";
        /** Full-text: Report title and text (case search while Elasticsearch is away). */
        public static final String REPORT_TEXT = "report_text";
        /** Full-text (whitespace analyzer): the peer signature of reports. */
        public static final String REPORT_PEER_SIGNATURE = "report_peer_signature";
        /** Metric.id, unique. */
        public static final String METRIC_ID = "metric_id";
        /** Metric.key, unique. */
        public static final String METRIC_KEY = "metric_key";
        /** AuditEvent.at. */
        public static final String AUDIT_EVENT_AT = "audit_event_at";
        /** AuditEvent.action. */
        public static final String AUDIT_EVENT_ACTION = "audit_event_action";
        /** ImportCheckpoint.source, unique. */
        public static final String IMPORT_CHECKPOINT_SOURCE = "import_checkpoint_source";
        /** Notification.key (event and recipient), unique. */
        public static final String NOTIFICATION_KEY = "notification_key";
        /** Notification.id, unique. */
        public static final String NOTIFICATION_ID = "notification_id";
        /** Notification (recipientId, seq): an inbox in order. */
        public static final String NOTIFICATION_INBOX = "notification_inbox";
        /** Unread (recipientId, seq): the unread entries in order. */
        public static final String NOTIFICATION_UNREAD = "notification_unread";
        /** Notification.seq: live delivery. */
        public static final String NOTIFICATION_SEQ = "notification_seq";
        /** NotificationPreferences.customerId, unique. */
        public static final String NOTIFICATION_PREFERENCES_CUSTOMER = "notification_preferences_customer";
        /** Full-text: Symptom key and name. */
        public static final String SYMPTOM_TEXT = "symptom_text";
        /** Notification.readAt: pruning after the retention. */
        public static final String NOTIFICATION_READ_AT = "notification_read_at";
        /** SavedSearch.id, unique. */
        public static final String SAVED_SEARCH_ID = "saved_search_id";
        /** SavedSearch.ownerId. */
        public static final String SAVED_SEARCH_OWNER = "saved_search_owner";
        /** AnnouncedSuggestion.key, unique. */
        public static final String ANNOUNCED_SUGGESTION_KEY = "announced_suggestion_key";
        /** Report.sourceKey, a plain index (uniqueness through the id derived from it, migration 11). */
        public static final String REPORT_SOURCE_KEY_LOOKUP = "report_source_key_lookup";
        /** Invitation.id, unique. */
        public static final String INVITATION_ID = "invitation_id";
        /** Invitation (organisationId, issuer, subject), unique. */
        public static final String INVITATION_INVITEE = "invitation_invitee";
        /** Invitation (issuer, subject): whom it invites. */
        public static final String INVITATION_TO = "invitation_to";
        /** LocalAccount.handle, unique. */
        public static final String LOCAL_ACCOUNT_HANDLE = "local_account_handle";
        /** Full-text (English analyzer): Concept prefLabel_en and altLabels_en. */
        public static final String CONCEPT_LABELS_EN = "concept_labels_en";
        /** OutboxEvent.seq, unique (OutboxSchema). */
        public static final String OUTBOX_EVENT_SEQ = "outbox_event_seq";
        /** OutboxCounter.name, unique (OutboxSchema). */
        public static final String OUTBOX_COUNTER_NAME = "outbox_counter_name";
        /** OutboxCursor.consumer, unique (OutboxSchema). */
        public static final String OUTBOX_CURSOR_CONSUMER = "outbox_cursor_consumer";
        /** Concept.iri, unique (migration 16). */
        public static final String CONCEPT_IRI = "concept_iri";
        /** ConceptScheme.iri, unique (migration 16). */
        public static final String CONCEPT_SCHEME_IRI = "concept_scheme_iri";
        /** Concept.notation (migration 16). */
        public static final String CONCEPT_NOTATION = "concept_notation";
        /** Concept.status (migration 16). */
        public static final String CONCEPT_STATUS = "concept_status";
        /** Tag.usageCount (migration 16). */
        public static final String TAG_USAGE = "tag_usage";
        /** SeedCatalog.name, unique (migration 16). */
        public static final String SEED_CATALOG_NAME = "seed_catalog_name";
        /** ItemKind.kind, unique (migration 20). */
        public static final String ITEM_KIND_KIND = "item_kind_kind";
    }

    /** The values of the String constants of one of the nested classes, for checks over the whole vocabulary. */
    public static List<String> names(Class<?> part) {
        return Arrays.stream(part.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()) && f.getType() == String.class)
                .map(Graph::value).toList();
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
