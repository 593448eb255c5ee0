package io.peergraph.api.search;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.symptom.ShownSymptoms;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.stuff.ConfigItem;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.NarrowerSymptoms;
import io.peergraph.graph.tag.TagLabel;
import io.peergraph.search.cases.CaseFilter;
import io.peergraph.search.cases.CaseHit;
import io.peergraph.search.cases.CasePage;
import io.peergraph.search.cases.CaseQuery;
import io.peergraph.search.cases.SimilarCase;
import io.peergraph.search.cases.SimilarQuery;
import io.peergraph.graph.access.Viewer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Case search and similar cases ({@link FindingCases}). Hits carry only ids and scores; the reports themselves are
 * shown through the {@code Report} type, whose resolvers apply the privacy rules.
 */
@Controller
public class SearchController {

    static final int SIMILAR_MAX = 50;

    public record CaseFilterInput(String product, String symptom, List<String> configurationItems, List<Report.Status> status,
                                  List<Interaction.Channel> channels, OffsetDateTime from, OffsetDateTime to, List<String> tags) {}

    /** The answer to one searchCases call: the page, and its cases the caller may still see, with their reports. */
    public record CaseSearchAnswer(CasePage page, List<FoundCase> found) {}

    /** A case found ({@code CaseHit} in the schema). */
    public record FoundCase(CaseHit hit, Report report) {}

    public record SimilarCasesAnswer(boolean degraded, List<FoundSimilar> cases) {}

    /** A similar case ({@code SimilarCase} in the schema). */
    public record FoundSimilar(SimilarCase similar, Report report) {}

    public record Highlight(String field, List<String> fragments) {}

    public record SignalRank(String signal, int rank) {}

    private final CallerResolver callers;
    private final FindingCases cases;
    private final NarrowerSymptoms narrowerSymptoms;
    private final ShownSymptoms shownSymptoms;
    private final Paging paging;

    public SearchController(CallerResolver callers, FindingCases cases, NarrowerSymptoms narrowerSymptoms, ShownSymptoms shownSymptoms,
                            Paging paging) {
        this.callers = callers;
        this.cases = cases;
        this.narrowerSymptoms = narrowerSymptoms;
        this.shownSymptoms = shownSymptoms;
        this.paging = paging;
    }

    @QueryMapping
    public CaseSearchAnswer searchCases(@Argument String query, @Argument CaseFilterInput filter, @Argument Integer first, @Argument String after,
                                  DataFetchingFieldSelectionSet selection) {
        Viewer viewer = viewer();
        String text = Inputs.optionalLine("query", query, Inputs.NAME_MAX * 5);
        int size = paging.size(first);
        // The exact total and the facet counts cost a pass over every match: only when the caller selected them.
        FindingCases.Found found = cases.search(viewer, new CaseQuery(text, filter(viewer, filter), size, position(after),
                selection.contains("total"), selection.contains("facets")));
        CasePage page = found.page();
        return new CaseSearchAnswer(page, page.hits().stream().filter(h -> found.visible().containsKey(h.id()))
                .map(h -> new FoundCase(h, found.visible().get(h.id()))).toList());
    }

    @SchemaMapping(typeName = "CaseSearch")
    public boolean degraded(CaseSearchAnswer search) {
        return search.page().degraded();
    }

    @SchemaMapping(typeName = "CaseSearch")
    public Long total(CaseSearchAnswer search) {
        return search.page().degraded() || search.page().total() < 0 ? null : search.page().total();
    }

    @SchemaMapping(typeName = "CaseSearch")
    public List<CasePage.Facet> facets(CaseSearchAnswer search) {
        return search.page().facets();
    }

    @SchemaMapping(typeName = "CaseSearch")
    public Window<FoundCase> cases(CaseSearchAnswer search) {
        List<FoundCase> found = search.found();
        return Window.from(found, i -> ScrollPosition.forward(Map.of("v", found.get(i).hit().position().value(), "id", found.get(i).hit().id())),
                search.page().hasNextPage());
    }

    @SchemaMapping(typeName = "CaseHit")
    public double score(FoundCase found) {
        return found.hit().score();
    }

    /** What found it: {@code text} (it holds the words), {@code semantic} (nearest in meaning); empty without a model. */
    @SchemaMapping(typeName = "CaseHit")
    public List<String> signals(FoundCase found) {
        return found.hit().signals();
    }

    @SchemaMapping(typeName = "CaseHit")
    public List<Highlight> highlights(FoundCase found) {
        Map<String, List<String>> highlights = found.hit().highlights();
        return highlights == null ? List.of() : highlights.entrySet().stream().map(e -> new Highlight(e.getKey(), e.getValue())).toList();
    }

    @QueryMapping
    public SimilarCasesAnswer similarCases(@Argument String report, @Argument String text, @Argument List<String> configurationItems,
                                     @Argument List<String> symptoms, @Argument String product, @Argument Integer first) {
        Viewer viewer = viewer();
        int size = Math.min(paging.size(first), SIMILAR_MAX);
        SimilarQuery query;
        if (report != null) {
            query = cases.likeReport(viewer, Inputs.id("report", report, PublicId.REPORT), size);
        } else {
            String description = Inputs.optionalBlock("text", text, Inputs.TEXT_MAX);
            List<String> items = ids("configurationItems", configurationItems, PublicId.CONFIG_ITEM);
            List<String> symptomIds = ids("symptoms", symptoms, PublicId.SYMPTOM);
            if (!shownSymptoms.allSeen(symptomIds)) { // as an unknown id: another's symptom not yet approved is not there
                throw new ApiException.BadUserInput("symptoms", "no symptom has one of these ids");
            }
            if (description == null && items.isEmpty() && symptomIds.isEmpty() && product == null) {
                throw new ApiException.BadUserInput("report", "give a report, or a text, configuration items, symptoms or a product");
            }
            query = new SimilarQuery(null, null, description, items, symptomIds,
                    product == null ? null : Inputs.id("product", product, PublicId.PRODUCT), size);
        }
        FindingCases.FoundSimilar found = cases.similar(viewer, query);
        return new SimilarCasesAnswer(found.similar().degraded(), found.similar().cases().stream()
                .filter(c -> found.visible().containsKey(c.id())).map(c -> new FoundSimilar(c, found.visible().get(c.id()))).toList());
    }

    @SchemaMapping(typeName = "SimilarCase")
    public double score(FoundSimilar found) {
        return found.similar().score();
    }

    @SchemaMapping(typeName = "SimilarCase")
    public List<ConfigItem> sharedItems(FoundSimilar found) {
        return found.similar().sharedItems().stream().map(i -> new ConfigItem(i.id(), i.kind(), i.value(), 0)).toList();
    }

    @SchemaMapping(typeName = "SimilarCase")
    public boolean sameProduct(FoundSimilar found) {
        return found.similar().sameProduct();
    }

    @SchemaMapping(typeName = "SimilarCase")
    public List<String> matchedTerms(FoundSimilar found) {
        return found.similar().matchedTerms();
    }

    @BatchMapping(typeName = "SimilarCase", field = "sharedSymptoms")
    public Map<FoundSimilar, List<Symptom>> sharedSymptoms(List<FoundSimilar> cases) {
        return shownSymptoms.of(cases, c -> c.similar().sharedSymptomIds());
    }

    @SchemaMapping(typeName = "SimilarCase")
    public List<SignalRank> signals(FoundSimilar found) {
        return found.similar().signalRanks().entrySet().stream().map(e -> new SignalRank(e.getKey(), e.getValue())).toList();
    }

    /** SUPPORT searches as support staff; everyone else as a customer with their organisations. */
    private Viewer viewer() {
        return cases.viewerOf(callers.current());
    }

    private CaseFilter filter(Viewer viewer, CaseFilterInput in) {
        if (in == null) {
            return CaseFilter.none();
        }
        if (!viewer.support() && (notEmpty(in.configurationItems()) || notEmpty(in.channels()))) {
            throw new ApiException.Forbidden("Only support staff filter cases by configuration items or channels.");
        }
        List<String> symptomIds = List.of();
        if (in.symptom() != null) {
            String symptom = Inputs.id("filter.symptom", in.symptom(), PublicId.SYMPTOM);
            symptomIds = shownSymptoms.allSeen(List.of(symptom)) ? narrowerSymptoms.withNarrower(symptom) : List.of();
            if (symptomIds.isEmpty()) {
                throw new ApiException.BadUserInput("filter.symptom", "no symptom has this id");
            }
        }
        return new CaseFilter(in.product() == null ? null : Inputs.id("filter.product", in.product(), PublicId.PRODUCT), symptomIds,
                ids("filter.configurationItems", in.configurationItems(), PublicId.CONFIG_ITEM),
                in.status() == null ? List.of() : in.status().stream().map(Enum::name).toList(),
                in.channels() == null ? List.of() : in.channels().stream().map(Enum::name).toList(),
                in.from() == null ? null : in.from().toInstant(), in.to() == null ? null : in.to().toInstant(),
                in.tags() == null ? List.of() : in.tags().stream().map(TagLabel::normalize).toList());
    }

    private CaseQuery.SortKey position(String after) {
        Map<String, Object> keys = paging.keysAfter(after);
        if (keys.isEmpty()) {
            return null;
        }
        if (keys.get("v") instanceof Number v && keys.get("id") instanceof String id) {
            return new CaseQuery.SortKey(v.doubleValue(), id);
        }
        throw new ApiException.BadUserInput("after", "is not a cursor this list handed out; start again without it");
    }

    private static List<String> ids(String field, List<String> values, PublicId type) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > 100) {
            throw new ApiException.BadUserInput(field, "at most 100");
        }
        return values.stream().map(v -> Inputs.id(field, v, type)).distinct().toList();
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
