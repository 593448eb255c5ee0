package io.peergraph.search.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** How the application proves who it is to an Elasticsearch cluster. */
public sealed interface SearchCredentials {

    /** The value of the {@code Authorization} header, if any. */
    Optional<String> authorization();

    static SearchCredentials none() {
        return new None();
    }

    /** No credentials: the managed local server runs without security. */
    record None() implements SearchCredentials {
        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }
    }

    record Basic(String username, String password) implements SearchCredentials {
        @Override
        public Optional<String> authorization() {
            String pair = username + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /** An API key in the encoded form Elasticsearch returns (base64 of {@code id:key}). */
    record ApiKey(String encoded) implements SearchCredentials {
        @Override
        public Optional<String> authorization() {
            return Optional.of("ApiKey " + encoded);
        }

        @Override
        public String toString() {
            return "ApiKey[***]";
        }
    }
}
