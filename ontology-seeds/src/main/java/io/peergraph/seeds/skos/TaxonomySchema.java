package io.peergraph.seeds.skos;

import java.util.List;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Constraints and indexes the taxonomy needs beyond graph-model's migrations (ids of Concept, ConceptScheme,
 * AuditEvent and Tag.normalized are unique there). Idempotent; call after {@code SchemaMigrations.apply}.
 */
public final class TaxonomySchema {

    static final List<String> STATEMENTS = List.of(
            "CREATE CONSTRAINT concept_iri IF NOT EXISTS FOR (n:Concept) REQUIRE n.iri IS UNIQUE",
            "CREATE CONSTRAINT concept_scheme_iri IF NOT EXISTS FOR (n:ConceptScheme) REQUIRE n.iri IS UNIQUE",
            "CREATE INDEX concept_notation IF NOT EXISTS FOR (n:Concept) ON (n.notation)",
            "CREATE INDEX concept_status IF NOT EXISTS FOR (n:Concept) ON (n.status)",
            "CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at)",
            "CREATE INDEX tag_usage IF NOT EXISTS FOR (n:Tag) ON (n.usageCount)",
            "CREATE CONSTRAINT seed_catalog_name IF NOT EXISTS FOR (n:SeedCatalog) REQUIRE n.name IS UNIQUE");

    private TaxonomySchema() {}

    public static void apply(Driver driver) {
        try (Session session = driver.session()) {
            STATEMENTS.forEach(statement -> session.run(statement).consume());
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }
}
