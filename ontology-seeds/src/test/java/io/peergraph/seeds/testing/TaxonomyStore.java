package io.peergraph.seeds.testing;

import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.neo4j.driver.Driver;

/** The shared embedded Neo4j, emptied (its schema, taxonomy included, is graph-model's migrations); and a canonical dump to compare states. */
public final class TaxonomyStore {

    private TaxonomyStore() {}

    public static synchronized Driver empty() {
        Driver driver = SharedNeo4j.driver();
        SharedNeo4j.wipe();
        return driver;
    }

    /** Every node (audit events aside) with labels and properties, and every relationship between them, sorted. */
    public static List<String> dump(Driver driver) {
        try (var session = driver.session()) {
            List<String> nodes = session.run("""
                    MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:AuditEvent
                    RETURN labels(n) AS labels, properties(n) AS props
                    """).list(r -> r.get("labels").asList().toString() + " " + new TreeMap<>(r.get("props").asMap()));
            List<String> rels = session.run("""
                    MATCH (a)-[r]->(b) WHERE NOT a:AuditEvent
                    RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props
                    """).list(r -> r.get("a").asString() + " " + r.get("type").asString() + " " + r.get("b").asString() + " "
                    + new TreeMap<>(r.get("props").asMap()));
            return Stream.concat(nodes.stream(), rels.stream()).sorted().toList();
        }
    }
}
