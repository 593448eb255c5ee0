package io.peergraph.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The execution time limit on a real GraphQL engine: fields fetched after the deadline fail, none before. */
class ExecutionDeadlineTest {

    static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { cases: [Case] } type Case { title: String }"),
            RuntimeWiring.newRuntimeWiring().type("Query", q -> q.dataFetcher("cases", env -> java.util.List.of(Map.of("title", "Crackling"))))
                    .build());

    @Test
    void fieldsStillToFetchAfterTheDeadlineFailWithATimeout() {
        ExecutionResult result = GraphQL.newGraphQL(SCHEMA).instrumentation(new ExecutionDeadline(Duration.ZERO)).build()
                .execute("{ cases { title } }");
        assertThat(result.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("ran longer than 0 ms"));
        assertThat(result.<Map<String, Object>>getData()).containsEntry("cases", null);
    }

    @Test
    void withinTheLimitEverythingIsFetched() {
        ExecutionResult result = GraphQL.newGraphQL(SCHEMA).instrumentation(new ExecutionDeadline(Duration.ofHours(1))).build()
                .execute("{ cases { title } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData()).isEqualTo(Map.of("cases", java.util.List.of(Map.of("title", "Crackling"))));
    }
}
