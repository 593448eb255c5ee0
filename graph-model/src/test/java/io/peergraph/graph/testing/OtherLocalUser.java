package io.peergraph.graph.testing;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Another account on this machine ({@code nobody}), for tests of what the service's files and ports let it do. */
public final class OtherLocalUser {

    private OtherLocalUser() {}

    /** Only root can act as another user. */
    public static boolean available() {
        return new UnixSystem().getUid() == 0;
    }

    /** Runs {@code command} as {@code nobody} and returns its exit code (0: it could do it). */
    public static int run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }
}
