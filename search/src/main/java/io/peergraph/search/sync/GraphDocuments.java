package io.peergraph.search.sync;

import io.peergraph.graph.searchable.Searchable;
import io.peergraph.graph.searchable.SearchableNodes;
import io.peergraph.graph.searchable.SearchableNodes.InteractionRef;
import io.peergraph.graph.searchable.SearchableNodes.ReportSource;
import io.peergraph.graph.searchable.SearchableNodes.SolutionSource;
import io.peergraph.graph.searchable.SearchableNodes.SymptomRef;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.text.Stems;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The search documents of the things the graph holds now, built from graph-model's {@link SearchableNodes} a batch
 * at a time. The indexer always indexes what the graph holds now, never what an event said, so a late or repeated
 * event cannot make a document stale.
 */
public class GraphDocuments {

    private final SearchableNodes graph;

    public GraphDocuments(SearchableNodes graph) {
        this.graph = graph;
    }

    /** The documents of the things that exist, by id; ids of deleted things are simply absent. */
    public Map<String, Object> load(SearchIndex index, Collection<String> ids) {
        List<?> docs = switch (index) {
            case CASES -> graph.reports(ids).stream().map(GraphDocuments::caseOf).toList();
            case SOLUTIONS -> graph.solutions(ids).stream().map(GraphDocuments::solutionOf).toList();
            case PRODUCTS -> graph.products(ids).stream().map(p -> new ProductDocument(p.id(), p.key(), p.name(), p.verified(),
                    sortedDistinct(p.tags().stream()))).toList();
        };
        return docs.stream().collect(Collectors.toMap(GraphDocuments::idOf, Function.identity()));
    }

    /** A page of ids in id order after {@code afterId} (null: from the start), for full rebuilds and sampling. */
    public List<String> ids(SearchIndex index, String afterId, int limit) {
        return graph.ids(kind(index), afterId, limit);
    }

    public long count(SearchIndex index) {
        return graph.count(kind(index));
    }

    /** Up to {@code size} ids picked at random. */
    public List<String> sample(SearchIndex index, int size) {
        return graph.sample(kind(index), size);
    }

    private static CaseDocument caseOf(ReportSource r) {
        List<SymptomRef> symptoms = r.symptoms().stream().sorted(Comparator.comparing(SymptomRef::key)).toList();
        List<InteractionRef> interactions = r.interactions().stream()
                .sorted(Comparator.comparing(InteractionRef::at).thenComparing(InteractionRef::id)).toList();
        List<CaseDocument.Item> items = r.items().stream().map(i -> new CaseDocument.Item(i.id(), i.kind(), i.value()))
                .sorted(Comparator.comparing(CaseDocument.Item::id)).toList();
        return CaseDocument.of(r.id(), r.ownerId(), r.privacy(), r.status(), r.title(), r.text(),
                interactions.stream().map(InteractionRef::text).filter(Objects::nonNull).toList(),
                sortedDistinct(interactions.stream().map(InteractionRef::channel)),
                sortedDistinct(interactions.stream().map(InteractionRef::outcome)),
                r.productId(), r.productName(),
                symptoms.stream().map(SymptomRef::id).toList(),
                symptoms.stream().map(SymptomRef::key).toList(),
                symptoms.stream().map(SymptomRef::name).filter(Objects::nonNull).toList(),
                items.stream().map(CaseDocument.Item::id).toList(), items,
                sortedDistinct(r.tags().stream()), instant(r.occurredAt()), instant(r.updatedAt()));
    }

    private static SolutionDocument solutionOf(SolutionSource s) {
        List<SymptomRef> symptoms = s.symptoms().stream().sorted(Comparator.comparing(SymptomRef::key)).toList();
        return new SolutionDocument(s.id(), s.proposerId(), s.title(), s.steps(),
                Stems.joined(s.title() + "\n" + (s.steps() == null ? "" : s.steps())), s.kind(),
                symptoms.stream().map(SymptomRef::id).toList(), symptoms.stream().map(SymptomRef::key).toList(),
                s.worked(), s.confirmations(), sortedDistinct(s.tags().stream()), instant(s.createdAt()));
    }

    static Searchable kind(SearchIndex index) {
        return switch (index) {
            case CASES -> Searchable.REPORT;
            case SOLUTIONS -> Searchable.SOLUTION;
            case PRODUCTS -> Searchable.PRODUCT;
        };
    }

    private static String idOf(Object doc) {
        return switch (doc) {
            case CaseDocument c -> c.id();
            case SolutionDocument s -> s.id();
            case ProductDocument p -> p.id();
            default -> throw new IllegalArgumentException("not a search document: " + doc);
        };
    }

    private static List<String> sortedDistinct(Stream<String> values) {
        return values.filter(Objects::nonNull).distinct().sorted().toList();
    }

    /** ISO-8601 in UTC with millisecond precision: what Elasticsearch's date type keeps, so verify compares equal. */
    private static String instant(ZonedDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }
}
