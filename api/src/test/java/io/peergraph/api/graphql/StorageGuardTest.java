package io.peergraph.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard of a nearly full disk on a real GraphQL engine: mutations refused with a typed error, queries answered. */
class StorageGuardTest {

    private final AtomicInteger written = new AtomicInteger();
    private final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { cases: Int } type Mutation { reportSymptom: Int }"),
            RuntimeWiring.newRuntimeWiring()
                    .type("Query", q -> q.dataFetcher("cases", env -> written.get()))
                    .type("Mutation", m -> m.dataFetcher("reportSymptom", env -> written.incrementAndGet()))
                    .build());

    @Test
    void belowTheMarginOnTheRealDiskAMutationIsRefusedWithUnavailableAndNothingIsWrittenWhileReadsGoOn(@TempDir Path dataDir) {
        GraphQL graphql = engine(new StorageGuard(dataDir, Long.MAX_VALUE)); // no disk has that much free

        ExecutionResult refused = graphql.execute("mutation { reportSymptom }");
        assertThat(refused.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("disk is nearly full"));
        assertThat(written).hasValue(0);
        assertThat(graphql.execute("{ cases }").<Map<String, Object>>getData()).containsEntry("cases", 0);
    }

    @Test
    void withSpaceOnTheRealDiskAMutationRuns(@TempDir Path dataDir) {
        GraphQL graphql = engine(new StorageGuard(dataDir, 0));

        assertThat(graphql.execute("mutation { reportSymptom }").getErrors()).isEmpty();
        assertThat(written).hasValue(1);
    }

    @Test
    void writesComeBackWhenSpaceReturnsWithoutARestart() {
        AtomicLong free = new AtomicLong(10);
        AtomicLong now = new AtomicLong();
        GraphQL graphql = engine(new StorageGuard(100, free::get, now::get));
        assertThat(graphql.execute("mutation { reportSymptom }").getErrors()).hasSize(1);

        free.set(1_000);
        assertThat(graphql.execute("mutation { reportSymptom }").getErrors()).as("the space is read at most once a second").hasSize(1);
        now.addAndGet(1_000_000_000L); // time moved by hand: no timing on a loaded machine
        assertThat(graphql.execute("mutation { reportSymptom }").getErrors()).isEmpty();
        assertThat(written).hasValue(1);
    }

    @Test
    void theRefusalIsTheTypedRetryableUnavailable() {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        GraphQL graphql = GraphQL.newGraphQL(schema).instrumentation(new StorageGuard(1, () -> 0, () -> 0))
                .defaultDataFetcherExceptionHandler(parameters -> {
                    thrown.set(parameters.getException());
                    return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult().build());
                }).build();

        graphql.execute("mutation { reportSymptom }");
        assertThat(thrown.get()).isInstanceOfSatisfying(ApiException.Unavailable.class, unavailable -> {
            assertThat(unavailable.code()).isEqualTo("UNAVAILABLE");
            assertThat(unavailable.retryAfterSeconds()).isEqualTo(StorageGuard.RETRY_AFTER_SECONDS);
        });
    }

    private GraphQL engine(StorageGuard guard) {
        return GraphQL.newGraphQL(schema).instrumentation(guard).build();
    }
}
