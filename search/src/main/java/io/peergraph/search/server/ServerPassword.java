package io.peergraph.search.server;

import io.peergraph.search.cluster.SearchCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The managed server's login: Elasticsearch's built-in {@value #USERNAME} account with a password generated on first
 * start. Security is on even on loopback because any local account can reach a loopback port, and without it a
 * {@code curl} would return private cases.
 *
 * <p>The password is kept owner-only in {@code <dataDir>/elasticsearch.password} (outside the server's own folder,
 * which belongs to the service user when root runs Peergraph), and handed to Elasticsearch as its documented
 * {@code bootstrap.password} keystore setting, which sets the account's password the first time the server starts
 * on a store without one. A new distribution copy (another version) gets the setting again.
 */
final class ServerPassword {

    static final String USERNAME = "elastic";

    private ServerPassword() {}

    /** The credentials of the server under {@code dataDir}; the password is generated here if there is none yet. */
    static SearchCredentials.Basic of(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("elasticsearch.password");
        try {
            if (!Files.exists(file)) {
                write(file, generate());
            }
            return new SearchCredentials.Basic(USERNAME, Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the managed Elasticsearch password " + file, e);
        }
    }

    /** {@link #of} the server's data folder, put into the distribution's keystore when that has none yet. */
    static SearchCredentials.Basic ensure(
            ServerSettings settings, ServerDirectories dirs, ElasticsearchDistribution distribution, ProcessOwner owner) {
        SearchCredentials.Basic credentials = of(dirs.root().getParent());
        if (!Files.exists(distribution.home().resolve("config").resolve("elasticsearch.keystore"))) {
            try {
                addToKeystore(settings, distribution, owner, credentials.password());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot store the Elasticsearch bootstrap password", e);
            }
        }
        return credentials;
    }

    private static String generate() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * Owner-only from the first byte, whole or absent (written beside, then linked into place), and never replacing
     * one that another process wrote meanwhile (the link fails then, and that one is read).
     */
    private static void write(Path file, String password) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ".elasticsearch.password", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, password, StandardCharsets.UTF_8);
            Files.createLink(file, partial);
        } catch (FileAlreadyExistsException anotherProcessWroteIt) {
            // keep theirs
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** {@code elasticsearch-keystore add -x -f bootstrap.password}, the password on standard input (never argv). */
    private static void addToKeystore(
            ServerSettings settings, ElasticsearchDistribution distribution, ProcessOwner owner, String password)
            throws IOException {
        List<String> command = new ArrayList<>(owner.commandPrefix());
        command.addAll(List.of(
                "env",
                "ES_JAVA_HOME=" + settings.javaHome(),
                distribution.home().resolve("bin/elasticsearch-keystore").toString(),
                "add", "-x", "-f", "bootstrap.password"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new ServerStartException("Cannot store the Elasticsearch bootstrap password: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ServerStartException("Interrupted while storing the Elasticsearch bootstrap password");
        }
    }
}
