package io.peergraph.api.peers;

import io.peergraph.api.config.PeergraphProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Per-viewer pseudonyms of other customers: HMAC(secret, viewer | peer). The same peer always looks the same to
 * one viewer (they can follow a peer's reports) but different to every other viewer, and nobody can go back
 * from a pseudonym to a customer without the secret, which stays in the data directory (owner-only). Every
 * instance of the service must share the secret (mount the same file or set it) to give the same pseudonyms.
 */
@Component
public class Pseudonyms {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final SecretKeySpec key;

    public Pseudonyms(PeergraphProperties properties) {
        this.key = new SecretKeySpec(loadOrCreate(properties.securityDir().resolve("pseudonym-secret")), "HmacSHA256");
    }

    public String of(String viewerId, String peerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((viewerId + "|" + peerId).getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder("peer-");
            for (int i = 0; i < 10; i++) {
                out.append(ALPHABET[(digest[i] & 0xff) % ALPHABET.length]);
            }
            return out.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * A key of its own for another use of the same server secret ({@code purpose}, e.g. benchmark noise):
     * HMAC(secret, "derive|" + purpose), so no two uses ever share a key and the secret itself never leaves.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("derive|" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).strip());
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path tmp = Files.createTempFile(file.getParent(), "pseudonym", ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(tmp, HexFormat.of().formatHex(secret));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }
}
