package io.peergraph.api.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import io.peergraph.api.config.PeergraphProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Limits that keep one request from taking the service down: query depth, and a cost where a list field costs
 * its page size times what each element costs (so 10,000 aliases or a deep page of pages is refused before any
 * data is fetched), and an execution time limit ({@link ExecutionDeadline}). Request body size and rate limits are
 * HTTP filters; page size is capped by {@link Paging}.
 */
@Configuration(proxyBeanMethods = false)
public class QueryLimits {

    @Bean
    Instrumentation maxQueryDepth(PeergraphProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.api().maxQueryDepth());
    }

    @Bean
    Instrumentation maxQueryComplexity(PeergraphProperties properties) {
        int maxPage = properties.api().maxPageSize();
        int defaultPage = properties.api().defaultPageSize();
        FieldComplexityCalculator cost = (env, childComplexity) -> {
            Object first = env.getArguments().get("first");
            int pageSize = first instanceof Number n ? Math.max(1, Math.min(n.intValue(), maxPage))
                    : env.getFieldDefinition().getArgument("first") != null ? defaultPage : 1;
            return 1 + pageSize * childComplexity;
        };
        return new MaxQueryComplexityInstrumentation(properties.api().maxQueryCost(), cost);
    }

    @Bean
    Instrumentation executionDeadline(PeergraphProperties properties) {
        return new ExecutionDeadline(properties.api().executionTimeout());
    }
}
