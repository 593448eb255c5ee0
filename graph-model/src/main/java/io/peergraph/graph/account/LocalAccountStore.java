package io.peergraph.graph.account;

import java.util.Map;
import java.util.Optional;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Local accounts of the embedded issuer: a handle and a password hash, nothing else. The account only proves who
 * may get a token whose subject is the handle; the customer behind the subject is the same {@code :Customer} any
 * token of the embedded issuer reaches. Constraint: {@code local_account_handle} (migration 13).
 */
public class LocalAccountStore {

    private final Neo4jClient client;

    public LocalAccountStore(Neo4jClient client) {
        this.client = client;
    }

    /**
     * Creates the account unless the handle already has an account or a customer (someone who signed in with a
     * token of this issuer, or an organisation): a new password must never open somebody else's stuff. False when
     * taken; a concurrent sign-up of the same handle fails on the constraint.
     */
    public boolean create(String handle, String passwordHash) {
        return client.query("""
                        OPTIONAL MATCH (c:Customer {handle: $handle})
                        OPTIONAL MATCH (a:LocalAccount {handle: $handle})
                        WITH c, a WHERE c IS NULL AND a IS NULL
                        CREATE (:LocalAccount {handle: $handle, passwordHash: $hash, createdAt: datetime()})
                        RETURN count(*) AS created
                        """)
                .bindAll(Map.of("handle", handle, "hash", passwordHash))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("created").asLong()).one().orElse(0L) > 0;
    }

    /** The stored password hash of the handle's account, if it has one. */
    public Optional<String> passwordHash(String handle) {
        return client.query("MATCH (a:LocalAccount {handle: $handle}) RETURN a.passwordHash AS hash")
                .bind(handle).to("handle").fetchAs(String.class).mappedBy((t, r) -> r.get("hash").asString()).one();
    }

    /** Stores a new hash (e.g. when the encoder's settings were raised since the password was set). */
    public void rehash(String handle, String passwordHash) {
        client.query("MATCH (a:LocalAccount {handle: $handle}) SET a.passwordHash = $hash")
                .bindAll(Map.of("handle", handle, "hash", passwordHash)).run();
    }
}
