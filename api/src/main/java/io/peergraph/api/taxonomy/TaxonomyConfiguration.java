package io.peergraph.api.taxonomy;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.ConceptView;
import io.peergraph.seeds.skos.LoadReport;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.TaxonomyExport;
import io.peergraph.seeds.facets.DomainTaxonomy;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ClassNameTypeResolver;

/**
 * The living taxonomy's services (ontology-seeds' SKOS export; graph-model wires its own taxonomy and tag operations), and the seed load at start:
 * idempotent and cheap when nothing changed, it adds what newer seeds bring and never overwrites moderators' facts.
 */
@Configuration(proxyBeanMethods = false)
public class TaxonomyConfiguration {

    /** The symptom scheme: its notations are Symptom keys. */
    public static final String SYMPTOM_SCHEME = ConceptHierarchy.SYMPTOM_SCHEME;

    private static final Logger log = LoggerFactory.getLogger(TaxonomyConfiguration.class);

    @Bean TaxonomyExport taxonomyExport(GraphConnection graph) { return new TaxonomyExport(graph); }

    /** {@code node(id)} answers a concept as graph-model's {@link ConceptView}: its GraphQL type is Concept. */
    @Bean
    GraphQlSourceBuilderCustomizer conceptTypeName() {
        return builder -> {
            ClassNameTypeResolver resolver = new ClassNameTypeResolver();
            resolver.addMapping(ConceptView.class, "Concept");
            builder.defaultTypeResolver(resolver);
        };
    }

    /**
     * Before the demo data, so imported symptoms are classified as they arrive. Seeds load only when their checksum
     * differs from the one stored at the last load; classification looks only at symptoms not classified yet.
     */
    @Bean
    @Order(0)
    @ConditionalOnProperty(name = "peergraph.taxonomy.load-seeds", havingValue = "true", matchIfMissing = true)
    ApplicationRunner taxonomySeeds(GraphConnection graph, ConceptHierarchy hierarchy,
                                    @Value("${peergraph.taxonomy.domains:}") List<String> domains) {
        return args -> {
            SeedCatalog.SeedRun run = SeedCatalog.loadIfChanged(graph);
            // Each domain's Turtle (docs/adding-a-domain.md): idempotent, so every start loads it (a few schemes).
            for (String domain : domains.stream().map(String::strip).filter(d -> !d.isEmpty()).toList()) {
                DomainTaxonomy.Loaded loaded = DomainTaxonomy.load(graph, Path.of(domain));
                log.info("Taxonomy domain {}: {} kinds declared, {} items and {} symptoms newly classified; {}", domain,
                        loaded.domains().stream().mapToInt(d -> d.kinds().size()).sum(), loaded.itemsClassified(),
                        loaded.symptomsClassified(), loaded.schemes());
            }
            int classified = hierarchy.classifySymptoms(SYMPTOM_SCHEME);
            run.reports().stream().filter(r -> r.outcome() != LoadReport.Outcome.UNCHANGED)
                    .forEach(r -> log.info("Taxonomy seed {}: {}", r.schemeIri(), r));
            if (run.loaded()) {
                log.info("Taxonomy seeds loaded ({} schemes, checksum {}); {} symptoms classified", run.reports().size(), run.checksum(), classified);
            } else {
                log.info("Taxonomy seeds unchanged (checksum {}); {} symptoms classified", run.checksum(), classified);
            }
        };
    }
}
