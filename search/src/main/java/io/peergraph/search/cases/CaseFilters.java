package io.peergraph.search.cases;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.access.Visibility;
import java.util.ArrayList;
import java.util.List;

/** The Elasticsearch filters of case searches: who may see what, and the user's filter. */
final class CaseFilters {

    private CaseFilters() {}

    /**
     * The cases the viewer may see ({@link Visibility#filter}, the one rule): support everything; others the cases
     * of the owners they read as (themselves, their organisations) and those shared by privacy.
     */
    static List<Query> visibleTo(Viewer viewer) {
        Visibility.Filter filter = Visibility.filter(viewer);
        if (filter.everything()) {
            return List.of();
        }
        return List.of(Query.of(q -> q.bool(b -> b
                .should(s -> s.terms(t -> t.field("ownerId").terms(v -> v.value(values(filter.ownerIds())))))
                .should(s -> s.terms(t -> t.field("privacy").terms(v -> v.value(values(filter.privacies())))))
                .minimumShouldMatch("1"))));
    }

    private static List<FieldValue> values(List<String> values) {
        return values.stream().map(FieldValue::of).toList();
    }

    static List<Query> of(CaseFilter filter) {
        List<Query> out = new ArrayList<>();
        if (filter.productId() != null) {
            out.add(term("productId", filter.productId()));
        }
        anyOf(out, "symptomIds", filter.symptomIds());
        anyOf(out, "configItemIds", filter.configItemIds());
        anyOf(out, "status", filter.statuses());
        anyOf(out, "channels", filter.channels());
        anyOf(out, "tags", filter.tags());
        if (filter.from() != null || filter.to() != null) {
            out.add(Query.of(q -> q.range(r -> r.untyped(u -> {
                u.field("occurredAt");
                if (filter.from() != null) {
                    u.gte(JsonData.of(filter.from().toString()));
                }
                if (filter.to() != null) {
                    u.lt(JsonData.of(filter.to().toString()));
                }
                return u;
            }))));
        }
        return out;
    }

    static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static void anyOf(List<Query> out, String field, List<String> values) {
        if (!values.isEmpty()) {
            out.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList())))));
        }
    }
}
