package io.peergraph.api.config;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Tells the person who started the service where to go next, once it is ready (printed by {@link WarmUpConfiguration} when
 * {@code /actuator/health/readiness} turns UP, not when Spring has merely started).
 */
@Component
class ReadyBanner {

    void print(ApplicationContext context, Duration took, boolean searchDegraded) {
        if (!(context instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        String dataDir = context.getEnvironment().getProperty("peergraph.data-dir", "./data");
        String degraded = searchDegraded
                ? "  Search     DEGRADED: the managed Elasticsearch did not start; searches answer from the graph\n"
                : "";
        System.out.printf(Locale.ROOT, """

                Peergraph is ready in %3$.1f s.
                %4$s  Web        http://127.0.0.1:%1$d/            (sign up, then My stuff, I have a problem, Inbox)
                  GraphiQL   http://127.0.0.1:%1$d/graphiql
                  GraphQL    http://127.0.0.1:%1$d/graphql   (schema: /graphql/schema)
                  Health     http://127.0.0.1:%1$d/actuator/health   (readiness: /actuator/health/readiness)
                  A token    ./peergraph token --customer alice --data-dir %2$s
                             then send the header  Authorization: Bearer <token>

                """, port, dataDir, took.toMillis() / 1000.0, degraded);
    }
}
