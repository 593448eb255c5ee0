package io.peergraph.api.config;

import io.peergraph.search.server.ElasticsearchServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The data folder (store, keys, passwords, logs, dead letters, the search server) closed to other local users: it is
 * created, or narrowed, to its owner alone, so nothing beneath it can be reached whatever the mode of the files
 * inside. The one exception is the search server's own account when root runs Peergraph: it may pass through by
 * group, to its own folder only (see the search module's {@code ProcessOwner}). The launcher's {@code umask 077}
 * makes new files owner-only too.
 */
public final class DataDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {}

    /**
     * Creates {@code dir} owner-only, or takes every permission but the owner's from it (and the passage of the search
     * server's group, where that group owns it).
     */
    public static Path secure(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(absolute)) {
                Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            PosixFileAttributes attributes = Files.readAttributes(absolute, PosixFileAttributes.class);
            Set<PosixFilePermission> mode = attributes.permissions();
            Set<PosixFilePermission> narrowed = EnumSet.copyOf(OWNER_ONLY);
            if (attributes.group().getName().equals(ElasticsearchServer.SERVICE_ACCOUNT)
                    && mode.contains(PosixFilePermission.GROUP_EXECUTE)) {
                narrowed.add(PosixFilePermission.GROUP_EXECUTE); // the search server's account passes through
            }
            if (!narrowed.equals(mode)) {
                Files.setPosixFilePermissions(absolute, narrowed);
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create or close the data directory " + absolute + " to other users", e);
        }
    }
}
