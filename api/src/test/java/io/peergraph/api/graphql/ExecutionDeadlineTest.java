package io.peergraph.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
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
    void aSubscriptionOutlivesTheLimitAndEachEventsFieldsGetItAfresh() throws Exception {
        // Time is moved by hand, not waited for, so that a loaded machine cannot change the outcome.
        AtomicLong now = new AtomicLong();
        Sinks.Many<Integer> notices = Sinks.many().unicast().onBackpressureBuffer();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse("type Query { q: Int } type Subscription { notices: Notice } type Notice { n: Int actor: String }"),
                RuntimeWiring.newRuntimeWiring()
                        .type("Subscription", t -> t.dataFetcher("notices", env -> notices.asFlux().map(n -> Map.of("n", n))))
                        .type("Notice", t -> t.dataFetcher("actor", env -> "peer-" + ((Map<?, ?>) env.getSource()).get("n")))
                        .build());
        ExecutionResult subscribed = GraphQL.newGraphQL(schema).instrumentation(new ExecutionDeadline(Duration.ofSeconds(1), now::get))
                .build().execute("subscription { notices { n actor } }");
        assertThat(subscribed.getErrors()).isEmpty();
        CompletableFuture<List<ExecutionResult>> events = Flux.from(subscribed.<Publisher<ExecutionResult>>getData()).collectList().toFuture();

        for (int n = 1; n <= 2; n++) {
            now.addAndGet(Duration.ofSeconds(10).toNanos()); // each event long after the subscription's own limit
            notices.tryEmitNext(n).orThrow();
        }
        notices.tryEmitComplete().orThrow();

        assertThat(events.get(1, TimeUnit.MINUTES)).hasSize(2).allSatisfy(e -> assertThat(e.getErrors()).isEmpty())
                .extracting(e -> e.<Map<String, Map<String, Object>>>getData().get("notices").get("actor"))
                .containsExactly("peer-1", "peer-2");
    }

    @Test
    void withinTheLimitEverythingIsFetched() {
        ExecutionResult result = GraphQL.newGraphQL(SCHEMA).instrumentation(new ExecutionDeadline(Duration.ofHours(1))).build()
                .execute("{ cases { title } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData()).isEqualTo(Map.of("cases", java.util.List.of(Map.of("title", "Crackling"))));
    }
}
