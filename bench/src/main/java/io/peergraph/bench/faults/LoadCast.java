package io.peergraph.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import io.peergraph.api.security.LocalSigningKey;
import io.peergraph.api.security.Role;
import io.peergraph.api.security.TokenMinter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who takes part in a mixed load: an admin (verify), a support agent (case searches) and customers, each with one
 * configuration, signed with the service's own local key; and the symptoms they report. Tokens are minted for
 * subjects new to the store, so that runs on one store do not mix.
 */
record LoadCast(String admin, String support, List<MixedLoad.Customer> customers, List<String> symptoms) {

    static LoadCast create(Path dataDir, Supplier<URI> graphql, int customerCount) throws Exception {
        RSAKey key = LocalSigningKey.loadOrCreate(dataDir.resolve("security"));
        TokenMinter minter = new TokenMinter(key, "peergraph-local", "peergraph", "roles");
        String run = Long.toHexString(System.nanoTime());
        String admin = minter.mint("fault-admin-" + run, List.of(Role.ADMIN), Duration.ofDays(1));
        String support = minter.mint("fault-support-" + run, List.of(Role.SUPPORT), Duration.ofDays(1));
        MixedLoad client = new MixedLoad(graphql, List.of(), support, List.of(), 0, 0);
        List<String> symptoms = client.post(support, "{ symptoms(first: 30) { edges { node { id } } } }", Map.of())
                .path("data").path("symptoms").path("edges").findValuesAsText("id");
        require(!symptoms.isEmpty(), "no symptoms in the store");
        List<MixedLoad.Customer> customers = new ArrayList<>();
        for (int c = 0; c < customerCount; c++) {
            String token = minter.mint("fault-customer-" + c + "-" + run, List.of(Role.CUSTOMER), Duration.ofDays(1));
            JsonNode created = client.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                    Map.of("i", Map.of("name", "rig", "items", List.of(Map.of("kind", "gpu", "value", "Radeon RX 580"),
                            Map.of("kind", "kernel", "value", "6." + c)))));
            String configuration = created == null ? "" : created.path("data").path("createConfiguration").path("id").asText("");
            require(!configuration.isEmpty(), "cannot create a configuration: " + created);
            customers.add(new MixedLoad.Customer(token, configuration));
        }
        return new LoadCast(admin, support, customers, symptoms);
    }

    MixedLoad load(Supplier<URI> graphql, long seed, long pauseMillis) {
        return new MixedLoad(graphql, customers, support, symptoms, seed, pauseMillis);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
