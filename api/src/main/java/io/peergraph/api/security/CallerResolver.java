package io.peergraph.api.security;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.customer.CustomerStore;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the request's token into a {@link Caller}. The person is found (or created on first sight) by the token's
 * issuer and subject together ({@link CustomerStore#signIn(String, String)}), never by a handle someone else could
 * choose; the (issuer, subject) → id mapping never changes, so it is cached to keep a graph round trip off every
 * request. With several instances each keeps its own cache: nothing to invalidate.
 */
@Component
public class CallerResolver {

    private static final int CACHE_LIMIT = 100_000;

    private final CustomerStore customers;
    private final AuditTrail audit;
    private final Map<Login, String> idByLogin = new ConcurrentHashMap<>();
    /** The roles each customer's token carried when this instance last recorded them in the graph. */
    private final Map<String, Set<Role>> rolesRecorded = new ConcurrentHashMap<>();

    private final TransactionTemplate ownTransaction;

    public CallerResolver(CustomerStore customers, AuditTrail audit, PlatformTransactionManager transactions) {
        this.customers = customers;
        this.audit = audit;
        // The first request of a new subject is often a mutation: creating the customer must not roll back with
        // it when it fails (the id would stay cached for a customer node that does not exist).
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The signed-in caller, if any: for operations anyone may call whose answer depends on who asks. */
    public Optional<Caller> signedIn() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
            return Optional.empty();
        }
        return Optional.of(current());
    }

    /** The caller, or UNAUTHENTICATED. */
    public Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
            throw new ApiException.Unauthenticated();
        }
        String handle = token.getToken().getSubject();
        if (handle == null || handle.isBlank() || handle.length() > 200) {
            throw new ApiException.Unauthenticated();
        }
        // The decoder has checked the issuer when one is configured; with only a JWK set any issuer (or none) signs.
        String issuer = token.getToken().getClaimAsString("iss");
        Login login = new Login(issuer == null ? "" : issuer, handle);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority a : token.getAuthorities()) {
            if (a.getAuthority().startsWith("ROLE_")) {
                roles.add(Role.valueOf(a.getAuthority().substring(5)));
            }
        }
        if (idByLogin.size() > CACHE_LIMIT) {
            idByLogin.clear();
            rolesRecorded.clear();
        }
        String id = idByLogin.computeIfAbsent(login, this::signIn);
        if (!roles.equals(rolesRecorded.get(id))) {
            // Staff notifications find moderators by a label: keep it in step with the token (once per change).
            ownTransaction.executeWithoutResult(status -> customers.recordStaffRoles(id, roles.stream().map(Enum::name).toList()));
            rolesRecorded.put(id, Set.copyOf(roles));
        }
        return new Caller(id, handle, roles);
    }

    private String signIn(Login login) {
        return ownTransaction.execute(status -> {
            CustomerStore.SignIn signIn = customers.signIn(login.issuer(), login.subject());
            String id = signIn.customer().id();
            audit.record(id, "SIGN_IN", id, switch (signIn.outcome()) {
                case KNOWN -> "token subject seen for the first time by this instance";
                case CLAIMED -> "first sign-in of a person stored without an issuer (imported or older): issuer and subject recorded";
                case CREATED -> "new person: first sign-in of this issuer and subject";
            });
            return id;
        });
    }

    /** Who signs in: the token's issuer and subject together. */
    private record Login(String issuer, String subject) {}
}
