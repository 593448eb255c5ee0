package io.peergraph.api.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.peergraph.api.config.PeergraphProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Limits that keep one request from taking the service down: query depth, and a cost where a list field costs
 * its page size (or, without {@code first}, its bound: {@link ListBounds}) times what each element costs, every
 * alias counted (so 10,000 aliases, a deep page of pages or a tree of unpaged lists is refused before any data is
 * fetched), an execution time limit ({@link ExecutionDeadline}) and a bounded share of database sessions per request
 * ({@link DatabasePermits}). Request body size and rate limits are
 * HTTP filters; page size is capped by {@link Paging}.
 */
@Configuration(proxyBeanMethods = false)
public class QueryLimits {

    @Bean
    Instrumentation maxQueryDepth(PeergraphProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.api().maxQueryDepth());
    }

    @Bean
    ListBounds listBounds(PeergraphProperties properties) {
        return new ListBounds(properties.api().maxListSize());
    }

    @Bean
    Instrumentation maxQueryComplexity(PeergraphProperties properties, ListBounds lists) {
        int maxPage = properties.api().maxPageSize();
        int defaultPage = properties.api().defaultPageSize();
        FieldComplexityCalculator cost = (env, childComplexity) -> 1 + elements(env, lists, maxPage, defaultPage) * childComplexity;
        return new MaxQueryComplexityInstrumentation(properties.api().maxQueryCost(), cost);
    }

    /**
     * How many elements a field's selection is fetched for: the page size of a field with {@code first} (the
     * default page when not given); the bound of another list ({@link ListBounds}), unless it is the page of an
     * enclosing field with {@code first} and no list in between (a connection's {@code edges},
     * {@code similarCases.cases}: that field already multiplied by the page size); none for a list that is
     * empty inside an enclosing type ({@code @listSize(emptyInside:)}); 1 for anything else. Every alias and every repetition of a field is counted.
     */
    static int elements(FieldComplexityEnvironment env, ListBounds lists, int maxPage, int defaultPage) {
        Object first = env.getArguments().get("first");
        if (first instanceof Number n) {
            return Math.max(1, Math.min(n.intValue(), maxPage));
        }
        if (env.getFieldDefinition().getArgument("first") != null) {
            return defaultPage;
        }
        int bound = lists.bound(env.getFieldDefinition());
        if (bound < 0) {
            return 1;
        }
        String emptyInside = ListBounds.emptyInside(env.getFieldDefinition());
        for (FieldComplexityEnvironment up = env.getParentEnvironment(); emptyInside != null && up != null; up = up.getParentEnvironment()) {
            if (graphql.schema.GraphQLTypeUtil.unwrapAll(up.getFieldDefinition().getType()) instanceof graphql.schema.GraphQLNamedType named
                    && named.getName().equals(emptyInside)) {
                return 0;
            }
        }
        boolean pageOfParent = false;
        for (FieldComplexityEnvironment up = env.getParentEnvironment(); up != null; up = up.getParentEnvironment()) {
            if (up.getFieldDefinition().getArgument("first") != null) {
                pageOfParent = true;
                break;
            }
            if (lists.bound(up.getFieldDefinition()) >= 0) {
                break; // a list in between: this one repeats per element of that one
            }
        }
        return pageOfParent ? 1 : Math.max(1, bound);
    }

    @Bean
    Instrumentation executionDeadline(PeergraphProperties properties) {
        return new ExecutionDeadline(properties.api().executionTimeout());
    }

    /** {@code peergraph.storage.min-free} (default 256MB): below it on the data folder's disk, mutations are refused. */
    @Bean
    Instrumentation storageGuard(PeergraphProperties properties,
                                 @Value("${peergraph.storage.min-free:256MB}") DataSize minFree) {
        return new StorageGuard(properties.dataDir(), minFree.toBytes());
    }
}
