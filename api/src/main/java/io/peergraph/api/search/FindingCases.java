package io.peergraph.api.search;

import io.peergraph.api.audit.SupportReads;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.search.cases.CaseFinder;
import io.peergraph.search.cases.CaseHit;
import io.peergraph.search.cases.CasePage;
import io.peergraph.search.cases.CaseQuery;
import io.peergraph.search.cases.SimilarCase;
import io.peergraph.search.cases.SimilarQuery;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.sync.CaseDocument;
import io.peergraph.search.sync.GraphDocuments;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The use cases of case search: searching cases and finding similar ones, for support staff (every case) or a
 * customer (their own and others' shareable cases). Hits carry ids; the reports behind them are loaded from the
 * graph, which may be a second ahead of the index on a privacy change, and only those the viewer may see now are
 * answered. Support staff shown a customer's PRIVATE case read it as surely as by {@code report(id)}: audited.
 */
@Component
public class FindingCases {

    /** A page of hits, and of its cases those the viewer may see, with their reports by id. */
    public record Found(CasePage page, Map<String, Report> visible) {}

    /** Similar cases (whether the graph fallback found them), and those the viewer may see, with their reports by id. */
    public record FoundSimilar(CaseFinder.Similar similar, Map<String, Report> visible) {}

    private final CaseFinder finder;
    private final GraphDocuments documents;
    private final ReportStore reports;
    private final Ownership ownership;
    private final SupportReads supportReads;

    public FindingCases(CaseFinder finder, GraphDocuments documents, ReportStore reports, Ownership ownership, SupportReads supportReads) {
        this.finder = finder;
        this.documents = documents;
        this.reports = reports;
        this.ownership = ownership;
        this.supportReads = supportReads;
    }

    /** SUPPORT searches as support staff; everyone else as a customer with their organisations ({@link Visibility}). */
    public Viewer viewerOf(Caller caller) {
        return ownership.viewer(caller);
    }

    public Found search(Viewer viewer, CaseQuery query) {
        CasePage page = finder.search(viewer, query);
        return new Found(page, visibleReports(viewer, page.hits().stream().map(CaseHit::id).toList(), "searchCases"));
    }

    /**
     * The question "cases like this report": support asks about any case; customers about their own, or their
     * organisation's (any member role).
     */
    public SimilarQuery likeReport(Viewer viewer, String reportId, int size) {
        CaseDocument asked = (CaseDocument) documents.load(SearchIndex.CASES, List.of(reportId)).get(reportId);
        if (asked == null) {
            throw new ApiException.NotFound("report", reportId);
        }
        if (!Visibility.seesWhole(viewer, asked.ownerId())) {
            throw new ApiException.Forbidden("Ask about your own cases, or describe the case as text.");
        }
        return new SimilarQuery(reportId, asked.title(), asked.text(), asked.configItemIds(), asked.symptomIds(), asked.productId(), size);
    }

    public FoundSimilar similar(Viewer viewer, SimilarQuery query) {
        CaseFinder.Similar found = finder.similar(viewer, query);
        return new FoundSimilar(found, visibleReports(viewer, found.cases().stream().map(SimilarCase::id).toList(), "similarCases"));
    }

    /** The reports behind the hits that the viewer may see now, from the graph, in one query for the whole page. */
    private Map<String, Report> visibleReports(Viewer viewer, List<String> ids, String path) {
        Map<String, Report> visible = reports.byIds(ids).stream()
                .filter(r -> Visibility.sees(viewer, r.ownerId(), r.privacy()))
                .collect(Collectors.toMap(Report::id, Function.identity()));
        if (viewer.support()) {
            visible.values().stream().filter(r -> r.privacy() == Privacy.PRIVATE && !r.ownerId().equals(viewer.customerId()))
                    .forEach(r -> supportReads.record(viewer.customerId(), r.id(), "private case through " + path));
        }
        return visible;
    }
}
