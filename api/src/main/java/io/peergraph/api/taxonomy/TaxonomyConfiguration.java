package io.peergraph.api.taxonomy;

import io.peergraph.graph.tag.TagSuggestions;
import io.peergraph.graph.tag.TagUsage;
import io.peergraph.graph.tag.Tags;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.ConceptView;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.seeds.skos.LoadReport;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.TaxonomyExport;
import io.peergraph.seeds.facets.DomainTaxonomy;
import java.nio.file.Path;
import java.util.List;
import org.neo4j.driver.Driver;
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
 * The living taxonomy's services (graph-model's taxonomy and tag operations, ontology-seeds' SKOS export) over the service's Driver, and the seed load at start:
 * idempotent and cheap when nothing changed, it adds what newer seeds bring and never overwrites moderators' facts.
 */
@Configuration(proxyBeanMethods = false)
public class TaxonomyConfiguration {

    /** The symptom scheme: its notations are Symptom keys. */
    public static final String SYMPTOM_SCHEME = ConceptHierarchy.SYMPTOM_SCHEME;

    private static final Logger log = LoggerFactory.getLogger(TaxonomyConfiguration.class);

    /** The moderators' list of unclassified item values, read through graph-model (controllers hold no Driver). */
    public interface UnclassifiedItems extends java.util.function.IntFunction<java.util.List<io.peergraph.graph.facet.ItemClassification.Unclassified>> {}

    @Bean UnclassifiedItems unclassifiedItems(Driver driver) { return limit -> io.peergraph.graph.facet.ItemClassification.unclassified(driver, limit); }

    @Bean TaxonomyReader taxonomyReader(Driver driver) { return new TaxonomyReader(driver); }

    @Bean ConceptHierarchy conceptHierarchy(Driver driver) { return new ConceptHierarchy(driver); }

    @Bean Curation curation(Driver driver) { return new Curation(driver); }

    @Bean Tags tagging(Driver driver) { return new Tags(driver); }

    @Bean TagSuggestions tagSuggestions(Driver driver) { return new TagSuggestions(driver); }

    @Bean TagUsage tagUsage(Driver driver) { return new TagUsage(driver); }

    @Bean TaxonomyExport taxonomyExport(Driver driver) { return new TaxonomyExport(driver); }

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
    ApplicationRunner taxonomySeeds(Driver driver, ConceptHierarchy hierarchy,
                                    @Value("${peergraph.taxonomy.domains:}") List<String> domains) {
        return args -> {
            SeedCatalog.SeedRun run = SeedCatalog.loadIfChanged(driver);
            // Each domain's Turtle (docs/adding-a-domain.md): idempotent, so every start loads it (a few schemes).
            for (String domain : domains.stream().map(String::strip).filter(d -> !d.isEmpty()).toList()) {
                DomainTaxonomy.Loaded loaded = DomainTaxonomy.load(driver, Path.of(domain));
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
