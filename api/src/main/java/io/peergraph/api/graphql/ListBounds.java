package io.peergraph.api.graphql;

import graphql.execution.DataFetcherResult;
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
 * cost computed before execution is a true bound of what execution produces.
 */
public final class ListBounds extends SimplePerformantInstrumentation {

    static final String DIRECTIVE = "listSize";

    private final int maxListSize;

    public ListBounds(int maxListSize) {
        this.maxListSize = maxListSize;
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
        int bound = bound(parameters.getExecutionStepInfo().getFieldDefinition());
        if (bound < 0) {
            return dataFetcher;
        }
        return environment -> cut(dataFetcher.get(environment), bound);
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
