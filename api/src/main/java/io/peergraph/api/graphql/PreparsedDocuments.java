package io.peergraph.api.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parses and validates each distinct query text once: front-ends send the same few documents over and over, and
 * parsing plus validation is a large share of a small request's time. Only valid documents are kept (junk cannot
 * crowd them out) and the cache is bounded by the total length of the texts it holds. Depth, cost and access
 * rules still run on every request: they are checked when an operation executes, not when it is validated.
 */
@Configuration(proxyBeanMethods = false)
public class PreparsedDocuments implements PreparsedDocumentProvider {

    /** Characters of query text kept at most (about 2 × this in bytes, plus the parsed documents). */
    private static final long MAX_CACHED_CHARS = 4_000_000;

    private final Cache<String, PreparsedDocumentEntry> valid = Caffeine.newBuilder()
            .maximumWeight(MAX_CACHED_CHARS)
            .weigher((String query, PreparsedDocumentEntry entry) -> query.length())
            .build();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                     Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry cached = valid.getIfPresent(input.getQuery());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors()) {
            valid.put(input.getQuery(), entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    @Bean
    GraphQlSourceBuilderCustomizer preparsedDocumentCache() {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
    }
}
