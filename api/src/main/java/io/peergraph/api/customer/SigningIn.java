package io.peergraph.api.customer;

import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.graph.account.LocalAccountStore;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of local accounts (the embedded issuer's): signing up and signing in, each in one transaction.
 * A sign-in with an unknown handle costs what a wrong password costs, so timing does not tell which handles exist.
 */
@Component
@RetriedWhenGraphBusy
public class SigningIn {

    private final LocalAccountStore accounts;
    private final PasswordEncoder encoder;
    /** Compared against when the handle has no account, so that a wrong handle costs what a wrong password costs. */
    private final String decoyHash;

    public SigningIn(LocalAccountStore accounts, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
        this.encoder = passwordEncoder;
        this.decoyHash = encoder.encode("no account has this password");
    }

    /** A new account for a valid handle and password; CONFLICT when the handle is taken. */
    @Transactional
    public void signUp(String handle, String password) {
        String hash = encoder.encode(password);
        if (!accounts.create(handle, hash)) {
            throw new ApiException.Conflict("The handle " + handle + " is taken: choose another, or sign in.");
        }
    }

    /** The handle signed in (stripped); BAD_USER_INPUT, saying nothing about which was wrong, otherwise. */
    @Transactional
    public String signIn(String handle, String password) {
        String clean = handle == null ? "" : handle.strip();
        String given = password == null ? "" : password;
        var stored = clean.isEmpty() ? java.util.Optional.<String>empty() : accounts.passwordHash(clean);
        boolean matches = encoder.matches(given, stored.orElse(decoyHash)) && stored.isPresent();
        if (!matches) {
            // Not UNAUTHENTICATED: that code means "this operation needs a token", and signIn needs none.
            throw new ApiException.BadUserInput("password", "the handle or the password is wrong");
        }
        if (encoder.upgradeEncoding(stored.get())) {
            accounts.rehash(clean, encoder.encode(given));
        }
        return clean;
    }
}
