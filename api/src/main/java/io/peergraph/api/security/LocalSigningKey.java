package io.peergraph.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.peergraph.api.config.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The key the embedded issuer signs tokens with: an RSA key generated on first start and kept in the data
 * directory, readable by its owner only, so tokens survive restarts and the CLI can mint them offline.
 */
public final class LocalSigningKey {

    private LocalSigningKey() {}

    /**
     * The key a service already made, for a command that talks to that service: never creates one, since a key made
     * here signs tokens the service refuses (a mistyped or default {@code --data-dir} would end in "UNAUTHENTICATED").
     */
    public static RSAKey loadExisting(Path securityDir) {
        Path file = securityDir.resolve("jwt-signing-key.json");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no signing key in " + securityDir + ": give --data-dir of the running service "
                    + "(the folder it was started with), or --token");
        }
        return loadOrCreate(securityDir);
    }

    public static RSAKey loadOrCreate(Path securityDir) {
        Path file = securityDir.resolve("jwt-signing-key.json");
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            DataDirectory.secure(securityDir.getParent());
            Files.createDirectories(securityDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
            Path tmp = Files.createTempFile(securityDir, "key", ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(tmp, key.toJSONString());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key in " + securityDir, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("The signing key in " + file + " is unreadable: delete it to make a new one "
                    + "(tokens minted before then stop working)", e);
        }
    }
}
