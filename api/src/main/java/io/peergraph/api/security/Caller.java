package io.peergraph.api.security;

import java.util.Set;

/** The authenticated customer behind a request and the roles their token grants. */
public record Caller(String customerId, String handle, Set<Role> roles) {

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
