package io.peergraph.api.taxonomy;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Role;
import io.peergraph.graph.tag.Tag;
import io.peergraph.graph.tag.TagUsage;
import io.peergraph.graph.tag.Tags;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.ConceptRef;
import io.peergraph.graph.taxonomy.ConceptView;
import io.peergraph.graph.taxonomy.SchemeView;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import io.peergraph.seeds.shacl.IntegrityReport;
import io.peergraph.seeds.shacl.SkosIntegrity;
import io.peergraph.seeds.shacl.Violation;
import io.peergraph.seeds.skos.TaxonomyExport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.Function;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Reading the taxonomy: schemes, concepts and their trees, labels, tag usage, integrity. */
@Controller
public class ConceptController {

    private final TaxonomyReader reader;
    private final ConceptHierarchy hierarchy;
    private final Tags tagging;
    private final TagUsage usage;
    private final TaxonomyExport export;
    private final Paging paging;
    private final TaxonomyReader everyone;
    private final CallerResolver callers;

    public ConceptController(TaxonomyReader reader, ConceptHierarchy hierarchy, Tags tagging, TagUsage usage, TaxonomyExport export,
                             Paging paging, CallerResolver callers) {
        this.reader = reader;
        this.everyone = reader.forEveryone();
        this.callers = callers;
        this.hierarchy = hierarchy;
        this.tagging = tagging;
        this.usage = usage;
        this.export = export;
        this.paging = paging;
    }

    /**
     * The taxonomy as the caller may see it: moderators all of it, anyone else without customers' symptoms not yet
     * approved (SymptomVisibility.publicConcept), so their names reach nobody but their authors through the tree.
     */
    private TaxonomyReader reader() {
        return callers.signedIn().filter(c -> c.has(Role.MODERATOR)).isPresent() ? reader : everyone;
    }

    /** What a label means now; {@code tag} null when nobody used it, {@code concept} null when it means none. */
    public record LabelResolution(Tag tag, ConceptView concept) {}

    @QueryMapping
    public List<SchemeView> conceptSchemes() {
        return reader().schemes();
    }

    @QueryMapping
    public ConceptView concept(@Argument String iri, @Argument String label) {
        if ((iri == null) == (label == null)) {
            throw new ApiException.BadUserInput(iri == null ? "iri" : "label", "give exactly one of iri and label");
        }
        if (iri != null) {
            return reader().concept(TaxonomyInputs.iri("iri", iri)).orElse(null);
        }
        LabelResolution resolved = resolveLabel(label);
        return resolved == null ? null : resolved.concept();
    }

    @QueryMapping
    public LabelResolution resolveLabel(@Argument String label) {
        String clean = TaxonomyInputs.label("label", label);
        if (io.peergraph.graph.tag.TagLabel.normalize(clean).isEmpty()) {
            throw new ApiException.BadUserInput("label", "must contain letters or digits");
        }
        // A label only a concept the caller may not see has (a customer's symptom not yet approved) resolves to nothing.
        return tagging.resolve(clean).map(r -> new LabelResolution(
                        r.tagId() == null ? null : new Tag(r.tagId(), r.tagLabel(), r.tagNormalized(), r.usageCount()),
                        r.concept() == null ? null : reader().concept(r.concept().iri()).orElse(null)))
                .filter(r -> r.tag() != null || r.concept() != null).orElse(null);
    }

    @QueryMapping
    public Window<Tag> tagUsage(@Argument String search, @Argument Boolean mapped, @Argument Integer first, @Argument String after) {
        int size = paging.size(first);
        int offset = paging.offset(after);
        String text = Inputs.optionalLine("search", search, TaxonomyInputs.LABEL_MAX);
        var rows = usage.mostUsed(text, mapped, offset, size + 1).stream()
                .map(t -> new Tag(t.id(), t.label(), t.normalized(), t.usageCount())).toList();
        return paging.offsetWindow(rows.subList(0, Math.min(size, rows.size())), offset, rows.size() > size);
    }

    @QueryMapping
    public IntegrityReport taxonomyValidation(@Argument String scheme) {
        String iri = TaxonomyInputs.optionalIri("scheme", scheme);
        if (iri != null && reader().schemes().stream().noneMatch(s -> s.iri().equals(iri))) {
            throw new ApiException.NotFound("concept scheme", iri);
        }
        return SkosIntegrity.validate(export.model(iri));
    }

    @SchemaMapping(typeName = "TaxonomyValidationReport")
    public int violationCount(IntegrityReport report) {
        return report.violations().size();
    }

    @SchemaMapping(typeName = "TaxonomyValidationReport")
    public Window<Violation> violations(IntegrityReport report, @Argument Integer first, @Argument String after) {
        return paging.offsetPage(report.violations(), first, after);
    }

    @SchemaMapping(typeName = "ConceptScheme")
    public String prefLabel(SchemeView scheme, @Argument String lang) {
        return inLanguage(scheme.prefLabels(), lang);
    }

    @SchemaMapping(typeName = "ConceptScheme")
    public String definition(SchemeView scheme, @Argument String lang) {
        return inLanguage(scheme.definitions(), lang);
    }

    @BatchMapping(typeName = "ConceptScheme", field = "topConcepts")
    public Map<SchemeView, List<ConceptView>> topConcepts(List<SchemeView> schemes) {
        return resolved(schemes, SchemeView::topConcepts);
    }

    @SchemaMapping(typeName = "Concept", field = "prefLabel")
    public String conceptPrefLabel(ConceptView concept, @Argument String lang) {
        return inLanguage(concept.prefLabels(), lang);
    }

    @SchemaMapping(typeName = "Concept", field = "definition")
    public String conceptDefinition(ConceptView concept, @Argument String lang) {
        return inLanguage(concept.definitions(), lang);
    }

    @SchemaMapping(typeName = "Concept")
    public List<LangString> prefLabels(ConceptView concept) {
        return concept.prefLabels().entrySet().stream().map(e -> new LangString(e.getKey(), e.getValue())).toList();
    }

    @SchemaMapping(typeName = "Concept")
    public List<LangString> altLabels(ConceptView concept) {
        return concept.altLabels().entrySet().stream().flatMap(e -> e.getValue().stream().map(v -> new LangString(e.getKey(), v))).toList();
    }

    @SchemaMapping(typeName = "Concept")
    public List<String> schemes(ConceptView concept) {
        return concept.schemeIris();
    }

    @BatchMapping(typeName = "Concept", field = "broader")
    public Map<ConceptView, List<ConceptView>> broader(List<ConceptView> concepts) {
        return resolved(concepts, ConceptView::broader);
    }

    @BatchMapping(typeName = "Concept", field = "related")
    public Map<ConceptView, List<ConceptView>> related(List<ConceptView> concepts) {
        return resolved(concepts, ConceptView::related);
    }

    @BatchMapping(typeName = "Concept", field = "replacedBy")
    public Map<ConceptView, ConceptView> replacedBy(List<ConceptView> concepts) {
        Map<ConceptView, List<ConceptView>> lists = resolved(concepts, c -> c.replacedBy() == null ? List.of() : List.of(c.replacedBy()));
        Map<ConceptView, ConceptView> out = new HashMap<>();
        concepts.forEach(c -> out.put(c, lists.get(c).isEmpty() ? null : lists.get(c).getFirst()));
        return out;
    }

    /** Paginated, so one parent at a time: a tree is browsed a level at a time or with {@code descendants}. */
    @SchemaMapping(typeName = "Concept")
    public Window<ConceptView> children(ConceptView concept, @Argument Integer first, @Argument String after) {
        int size = paging.size(first);
        int offset = paging.offset(after);
        var page = reader().children(concept.iri(), offset, size);
        return paging.offsetWindow(page.items(), offset, offset + size < page.total());
    }

    @SchemaMapping(typeName = "Concept")
    public Window<TaxonomyReader.TreeEntry> descendants(ConceptView concept, @Argument Integer maxDepth, @Argument Integer first,
                                                        @Argument String after) {
        int depth = TaxonomyInputs.depth(maxDepth, 3);
        int size = paging.size(first);
        int offset = paging.offset(after);
        var page = reader().descendants(concept.iri(), depth, offset, size);
        return paging.offsetWindow(page.items(), offset, offset + size < page.total());
    }

    @SchemaMapping(typeName = "Concept")
    public List<ConceptView> ancestors(ConceptView concept, @Argument Integer maxDepth) {
        int depth = TaxonomyInputs.depth(maxDepth, TaxonomyInputs.MAX_DEPTH);
        return reader().concepts(hierarchy.ancestors(concept.iri(), depth).stream().map(ConceptRef::iri).toList());
    }

    @BatchMapping(typeName = "Tag", field = "concept")
    public Map<Tag, ConceptView> tagConcept(List<Tag> tags) {
        Map<String, String> iriByTag = reader().meaningOf(tags.stream().map(Tag::id).distinct().toList());
        Map<String, ConceptView> byIri = byIri(List.copyOf(new java.util.HashSet<>(iriByTag.values())));
        Map<Tag, ConceptView> out = new HashMap<>();
        tags.forEach(t -> out.put(t, iriByTag.containsKey(t.id()) ? byIri.get(iriByTag.get(t.id())) : null));
        return out;
    }

    /** A text in a language. */
    public record LangString(String lang, String value) {}

    /** The text in {@code lang} (default en), else the one without language. */
    private static String inLanguage(SortedMap<String, String> byLanguage, String lang) {
        String wanted = TaxonomyInputs.lang(lang);
        return byLanguage.getOrDefault(wanted, byLanguage.get(""));
    }

    /** Full concepts for each parent's references, one query for the whole batch. */
    private <P> Map<P, List<ConceptView>> resolved(List<P> parents, Function<P, List<ConceptRef>> refs) {
        Map<String, ConceptView> byIri = byIri(parents.stream().flatMap(p -> refs.apply(p).stream()).map(ConceptRef::iri).distinct().toList());
        Map<P, List<ConceptView>> out = new HashMap<>();
        parents.forEach(p -> out.put(p, refs.apply(p).stream().map(r -> byIri.get(r.iri())).filter(Objects::nonNull).toList()));
        return out;
    }

    private Map<String, ConceptView> byIri(List<String> iris) {
        Map<String, ConceptView> out = new HashMap<>();
        reader().concepts(iris).forEach(c -> out.put(c.iri(), c));
        return out;
    }
}
