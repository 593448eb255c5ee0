package io.peergraph.api.customer;

import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.Role;
import io.peergraph.api.security.TokenMinter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;

/**
 * Local accounts for the embedded issuer, so that people can sign in on the web pages without a token minted on the
 * command line: sign-up and sign-in return the same JWT as {@code ./peergraph token --customer HANDLE} (subject the
 * handle, role CUSTOMER). Passwords are stored as Spring Security's delegating encoder's hash (BCrypt, with the
 * algorithm's id in the stored value so that a stronger default can take over as people sign in). With an external
 * OpenID Connect provider configured, accounts belong to that provider and both mutations are refused.
 */
@Controller
public class AccountController {

    /** As long as the command line's default token. */
    static final Duration VALIDITY = Duration.ofHours(12);
    static final int PASSWORD_MIN = 8;
    /** BCrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead. */
    static final int PASSWORD_MAX_BYTES = 72;

    private final SigningIn signingIn;
    private final TokenMinter minter;
    private final boolean localIssuer;
    private final String issuer;
    private final String webClientId;
    private final String webScopes;

    public AccountController(SigningIn signingIn, TokenMinter minter, PeergraphProperties properties) {
        this.signingIn = signingIn;
        this.minter = minter;
        var security = properties.security();
        this.localIssuer = blank(security.issuerUri()) && blank(security.jwkSetUri());
        this.issuer = localIssuer ? security.localIssuer() : blank(security.issuerUri()) ? null : security.issuerUri();
        this.webClientId = security.webSignInWithProvider() ? security.webClientId() : null;
        this.webScopes = security.webSignInWithProvider() ? security.webScopes() : null;
    }

    /** {@code clientId} and {@code scopes} only when the web pages sign people in at the provider. */
    public record SignInOptions(boolean localAccounts, String issuer, String clientId, String scopes) {}

    public record AccessToken(String token, String tokenType, OffsetDateTime expiresAt, String handle, List<Role> roles) {}

    /** The handles a person may choose for a local account (the subject of their tokens). */
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,99}");

    static String validHandle(String handle) {
        String clean = Inputs.requiredLine("handle", handle, 100);
        if (!HANDLE.matcher(clean).matches()) {
            throw new ApiException.BadUserInput("handle", "use 2–100 letters, digits, '.', '_', '@' or '-'");
        }
        return clean;
    }

    @QueryMapping
    public SignInOptions signInOptions() {
        return new SignInOptions(localIssuer, issuer, webClientId, webScopes);
    }

    @MutationMapping
    public AccessToken signUp(@Argument String handle, @Argument String password) {
        requireLocalIssuer();
        String clean = validHandle(handle);
        signingIn.signUp(clean, validPassword(password));
        return token(clean);
    }

    @MutationMapping
    public AccessToken signIn(@Argument String handle, @Argument String password) {
        requireLocalIssuer();
        return token(signingIn.signIn(handle, password));
    }

    private AccessToken token(String handle) {
        List<Role> roles = List.of(Role.CUSTOMER);
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(VALIDITY).withNano(0);
        return new AccessToken(minter.mint(handle, roles, VALIDITY), "Bearer", expires, handle, roles);
    }

    private void requireLocalIssuer() {
        if (!localIssuer) {
            throw new ApiException.Forbidden("This service signs people in through its identity provider (" + issuer
                    + "); it keeps no passwords.");
        }
    }

    private static String validPassword(String password) {
        if (password == null || password.strip().length() < PASSWORD_MIN) {
            throw new ApiException.BadUserInput("password", "use at least " + PASSWORD_MIN + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            throw new ApiException.BadUserInput("password", "use at most " + PASSWORD_MAX_BYTES + " bytes (about as many letters)");
        }
        return password;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The password encoder. */
    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean PasswordEncoder passwordEncoder() { return PasswordEncoderFactories.createDelegatingPasswordEncoder(); }
    }
}
