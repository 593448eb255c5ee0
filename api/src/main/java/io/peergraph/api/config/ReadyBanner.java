package io.peergraph.api.config;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who started the service where to go next. */
@Component
class ReadyBanner {

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        int port = web.getWebServer().getPort();
        String dataDir = event.getApplicationContext().getEnvironment().getProperty("peergraph.data-dir", "./data");
        System.out.printf("""

                Peergraph is ready.
                  Web        http://127.0.0.1:%1$d/            (sign up, then My stuff, I have a problem, Inbox)
                  GraphiQL   http://127.0.0.1:%1$d/graphiql
                  GraphQL    http://127.0.0.1:%1$d/graphql   (schema: /graphql/schema)
                  Health     http://127.0.0.1:%1$d/actuator/health
                  A token    ./peergraph token --customer alice --data-dir %2$s
                             then send the header  Authorization: Bearer <token>

                """, port, dataDir);
    }
}
