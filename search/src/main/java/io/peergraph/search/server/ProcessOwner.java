package io.peergraph.search.server;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The account the Elasticsearch process runs under. Elasticsearch refuses to run as root. */
sealed interface ProcessOwner {

    /** Root hands the server to the {@link ServiceUser}; anyone else runs it themselves. */
    static ProcessOwner forThisProcess() {
        return new UnixSystem().getUid() == 0 ? new ServiceUser(ServiceUser.NAME) : new CurrentUser();
    }

    /** Makes {@code serverRoot} and everything in it usable by this owner. */
    void takeOwnership(Path serverRoot);

    /** Prepended to the command line that starts Elasticsearch. */
    List<String> commandPrefix();

    record CurrentUser() implements ProcessOwner {

        @Override
        public void takeOwnership(Path serverRoot) {}

        @Override
        public List<String> commandPrefix() {
            return List.of();
        }
    }

    /** A system account created on first use (needs root, which is exactly when it is used). */
    record ServiceUser(String name) implements ProcessOwner {

        static final String NAME = "peergraph-es";

        private static final Logger log = LoggerFactory.getLogger(ServiceUser.class);

        @Override
        public void takeOwnership(Path serverRoot) {
            ensureExists();
            run(List.of("chown", "-R", name + ":", serverRoot.toString()), "give " + serverRoot + " to " + name);
            run(List.of("chmod", "700", serverRoot.toString()), "close " + serverRoot + " to other users");
            // The data folder is (or is about to be made) owner-only, closed to other local users: this account, and
            // only it, passes through it by group, without listing or reading anything else in it.
            Path dataDir = serverRoot.getParent();
            run(List.of("chgrp", name, dataDir.toString()), "give passage through " + dataDir + " to " + name);
            run(List.of("chmod", "g=x", dataDir.toString()), "give passage through " + dataDir + " to " + name);
            if (!canReach(serverRoot)) {
                throw new IllegalStateException("User " + name + " cannot reach " + serverRoot
                        + ": a parent folder is not searchable by others (chmod o+x), e.g. a data directory"
                        + " under /root. Choose a data directory elsewhere.");
            }
        }

        @Override
        public List<String> commandPrefix() {
            return List.of("runuser", "-u", name, "--");
        }

        private boolean canReach(Path serverRoot) {
            return exec(List.of("runuser", "-u", name, "--", "test", "-w", serverRoot.toString())).exitCode() == 0;
        }

        private void ensureExists() {
            if (exists()) {
                return;
            }
            Result added = exec(List.of("useradd", "-r", "-M", "-s", "/bin/bash", name));
            // Another JVM may have created it at the same moment; only a still missing user is a failure.
            if (added.exitCode() != 0 && !exists()) {
                throw new IllegalStateException("Cannot create system user " + name + ": " + added.output());
            }
            log.info("Created system user {} to run Elasticsearch, which refuses to run as root", name);
        }

        private boolean exists() {
            return exec(List.of("id", "-u", name)).exitCode() == 0;
        }

        private static void run(List<String> command, String purpose) {
            Result result = exec(command);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("Cannot " + purpose + ": " + result.output());
            }
        }

        private static Result exec(List<String> command) {
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Result(process.waitFor(), output.strip());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while running " + command, e);
            }
        }

        private record Result(int exitCode, String output) {}
    }
}
