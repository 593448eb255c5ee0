package io.peergraph.api.graphql;

import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

/**
 * The most elements a list field without {@code first} returns: its {@code @listSize(max:)} in the schema, else the
 * service's {@code maxListSize}. The query cost counts such a list at this size, and this instrumentation cuts
 * every such list that a fetcher returns longer to it (keeping the first, in the field's documented order), so the
 * cost computed before execution is a true bound of what execution produces. A list whose directive says
 * {@code emptyInside: "T"} is empty (and costed so) wherever an object of type T encloses it.
 */
public final class ListBounds extends SimplePerformantInstrumentation {

    static final String DIRECTIVE = "listSize";

    private final int maxListSize;

    public ListBounds(int maxListSize) {
        this.maxListSize = maxListSize;
    }

    /**
     * The type named by the field's {@code @listSize(emptyInside:)}: under an object of that type the list is always
     * empty (e.g. a benchmark month's own statistics have no trend); null when it says none.
     */
    static String emptyInside(GraphQLFieldDefinition field) {
        GraphQLAppliedDirective directive = field.getAppliedDirective(DIRECTIVE);
        return directive != null && directive.getArgument("emptyInside") != null
                && directive.getArgument("emptyInside").getValue() instanceof String type ? type : null;
    }

    /** The bound of a field returning a list and taking no {@code first}; -1 for any other field. */
    int bound(GraphQLFieldDefinition field) {
        if (!(GraphQLTypeUtil.unwrapNonNull(field.getType()) instanceof GraphQLList) || field.getArgument("first") != null) {
            return -1;
        }
        GraphQLAppliedDirective directive = field.getAppliedDirective(DIRECTIVE);
        if (directive != null && directive.getArgument("max") != null && directive.getArgument("max").getValue() instanceof Number max) {
            return Math.min(max.intValue(), maxListSize);
        }
        return maxListSize;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        GraphQLFieldDefinition field = parameters.getExecutionStepInfo().getFieldDefinition();
        int bound = bound(field);
        if (bound < 0) {
            return dataFetcher;
        }
        String emptyInside = emptyInside(field);
        if (emptyInside != null && under(parameters.getExecutionStepInfo().getParent(), emptyInside)) {
            return environment -> List.of();
        }
        return environment -> cut(dataFetcher.get(environment), bound);
    }

    /** True when an object of the named type encloses this step (the step itself included). */
    private static boolean under(ExecutionStepInfo step, String typeName) {
        for (ExecutionStepInfo s = step; s != null; s = s.getParent()) {
            if (GraphQLTypeUtil.unwrapAll(s.getType()) instanceof graphql.schema.GraphQLNamedType named && named.getName().equals(typeName)) {
                return true;
            }
        }
        return false;
    }

    private static Object cut(Object result, int bound) {
        return switch (result) {
            case CompletionStage<?> later -> later.thenApply(value -> cut(value, bound));
            case DataFetcherResult<?> wrapped -> DataFetcherResult.newResult().data(cut(wrapped.getData(), bound))
                    .errors(wrapped.getErrors()).localContext(wrapped.getLocalContext()).extensions(wrapped.getExtensions()).build();
            case List<?> list when list.size() > bound -> List.copyOf(list.subList(0, bound));
            case Collection<?> collection when collection.size() > bound -> collection.stream().limit(bound).toList();
            case Iterable<?> iterable when !(iterable instanceof Collection<?>) ->
                    StreamSupport.stream(iterable.spliterator(), false).limit(bound).toList();
            case null, default -> result;
        };
    }
}
