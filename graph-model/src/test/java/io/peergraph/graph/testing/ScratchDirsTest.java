package io.peergraph.graph.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A test JVM leaves no scratch folder behind, even one a child process is still writing into when it exits. */
class ScratchDirsTest {

    @Test
    void aFolderIsDeletedWhenTheJvmExitsAfterItsChildProcessStops() throws Exception {
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        LeavesAFolder.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String printed = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).isZero();

        Path folder = Path.of(printed);
        assertThat(folder.getFileName().toString()).startsWith("peergraph-scratch-test-");
        assertThat(folder).doesNotExist();
    }

    /** Makes a folder with a file in it and a child process that outlives main by a second, then exits. */
    public static final class LeavesAFolder {
        public static void main(String[] args) throws IOException {
            Path folder = ScratchDirs.create("peergraph-scratch-test-");
            Files.writeString(folder.resolve("store"), "data");
            new ProcessBuilder("sleep", "1").start();
            System.out.println(folder);
        }
    }
}
