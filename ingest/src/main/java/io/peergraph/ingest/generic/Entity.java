package io.peergraph.ingest.generic;

import static io.peergraph.ingest.generic.Field.Type.BOOLEAN;
import static io.peergraph.ingest.generic.Field.Type.DATE;
import static io.peergraph.ingest.generic.Field.Type.DATETIME;
import static io.peergraph.ingest.generic.Field.Type.ENUM;
import static io.peergraph.ingest.generic.Field.Type.LIST;
import static io.peergraph.ingest.generic.Field.Type.NUMBER;
import static io.peergraph.ingest.generic.Field.Type.TEXT;
import static io.peergraph.ingest.generic.Field.optional;
import static io.peergraph.ingest.generic.Field.required;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.imports.RecordImport;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The entity types of the generic import format (docs/import-format.md): their fields, the natural key
 * that makes a re-import a no-op, and graph-model's operation that writes a batch of them
 * ({@link RecordImport}; tags go through the taxonomy's tagging). References to other records use their natural
 * keys.
 */
public enum Entity {

    CUSTOMERS("customers", PublicId.CUSTOMER, RecordImport.CUSTOMERS, List.of(
            required("handle", TEXT), optional("displayName", TEXT), optional("kind", ENUM), optional("email", TEXT),
            optional("memberOf", TEXT), optional("role", ENUM))),

    PRODUCTS("products", PublicId.PRODUCT, RecordImport.PRODUCTS, List.of(
            required("key", TEXT), required("name", TEXT), optional("verified", BOOLEAN), optional("steamAppId", NUMBER))),

    ITEMS("items", PublicId.ITEM, RecordImport.ITEMS, List.of(
            required("sourceKey", TEXT), required("owner", TEXT), required("product", TEXT), optional("nickname", TEXT),
            optional("location", TEXT), optional("acquiredOn", DATE), optional("status", ENUM), optional("privacy", ENUM))),

    CONFIGURATIONS("configurations", PublicId.CONFIGURATION, RecordImport.CONFIGURATIONS, List.of(
            required("sourceKey", TEXT), required("owner", TEXT), optional("name", TEXT), optional("privacy", ENUM),
            optional("item", TEXT), required("items", Field.Type.ITEMS))),

    REPORTS("reports", PublicId.REPORT, RecordImport.REPORTS, List.of(
            required("sourceKey", TEXT), required("owner", TEXT), required("configuration", TEXT), optional("product", TEXT),
            required("title", TEXT), optional("text", TEXT), optional("status", ENUM), optional("privacy", ENUM),
            optional("occurredAt", DATETIME), optional("symptoms", LIST))),

    INTERACTIONS("interactions", PublicId.INTERACTION, RecordImport.INTERACTIONS, List.of(
            required("sourceKey", TEXT), required("report", TEXT), required("channel", ENUM), optional("direction", ENUM),
            optional("text", TEXT), optional("outcome", ENUM), optional("at", DATETIME))),

    SOLUTIONS("solutions", PublicId.SOLUTION, RecordImport.SOLUTIONS, List.of(
            required("sourceKey", TEXT), required("proposer", TEXT), required("title", TEXT), optional("steps", TEXT),
            optional("kind", ENUM), optional("symptoms", LIST), optional("triedOn", LIST))),

    CONFIRMATIONS("confirmations", PublicId.CONFIRMATION, RecordImport.CONFIRMATIONS, List.of(
            required("sourceKey", TEXT), required("customer", TEXT), required("solution", TEXT), optional("configuration", TEXT),
            required("worked", BOOLEAN), optional("note", TEXT), optional("at", DATETIME))),

    // Written by ontology-seeds' Tagging (EntityWriter), on targets graph-model's TagTargets finds.
    TAGS("tags", PublicId.TAG, null, List.of(
            required("target", TEXT), required("label", TEXT), optional("by", TEXT), optional("at", DATETIME))),

    MEASUREMENTS("measurements", PublicId.MEASUREMENT, RecordImport.MEASUREMENTS, List.of(
            required("sourceKey", TEXT), required("customer", TEXT), required("metric", TEXT), required("value", NUMBER),
            optional("unit", TEXT), optional("at", DATETIME), optional("configuration", TEXT), optional("item", TEXT)));

    private final String label;
    private final PublicId idType;
    private final RecordImport records;
    private final List<Field> fields;

    Entity(String label, PublicId idType, RecordImport records, List<Field> fields) {
        this.label = label;
        this.idType = idType;
        this.records = records;
        this.fields = fields;
    }

    public static Optional<Entity> named(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }

    public String label() {
        return label;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<String> requiredColumns() {
        return fields.stream().filter(Field::required).map(Field::name).toList();
    }

    PublicId idType() {
        return idType;
    }

    /** The operation that writes this entity's batches; null for tags. */
    RecordImport records() {
        return records;
    }

    /** The row field of the natural key. */
    String keyField() {
        return this == TAGS ? "sourceKey" : records.keyField();
    }

    /** Why a record was not written although valid: what it refers to is missing. */
    String unresolvedReason() {
        String missing = switch (this) {
            case CUSTOMERS, PRODUCTS -> "a record it depends on";
            case ITEMS -> "its owner (customer handle) or its product (key)";
            case CONFIGURATIONS -> "its owner (customer handle)";
            case REPORTS -> "its owner (customer handle) or its configuration (sourceKey)";
            case INTERACTIONS -> "its report (sourceKey)";
            case SOLUTIONS -> "its proposer (customer handle) or a report it was tried on (triedOn, sourceKeys)";
            case CONFIRMATIONS -> "its customer (handle) or its solution (sourceKey)";
            case TAGS -> "its target";
            case MEASUREMENTS -> "its customer (handle), its metric (key), or the configuration or item it is about";
        };
        return missing + " is not in the graph: import that first (docs/import-format.md lists the order)";
    }
}
