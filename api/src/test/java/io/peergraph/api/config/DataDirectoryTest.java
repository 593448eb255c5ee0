package io.peergraph.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peergraph.graph.testing.OtherLocalUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder holds the store, keys and passwords: other local users must not get into it. */
class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aNewDataFolderIsItsOwnersAlone() throws Exception {
        Path created = DataDirectory.secure(tmp.resolve("new/data"));
        assertThat(mode(created)).isEqualTo("rwx------");
    }

    @Test
    void anOpenDataFolderIsClosedWithWhatIsInIt() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = Files.writeString(open.resolve("jwt-signing-key.json"), "{}");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        boolean root = OtherLocalUser.available();
        if (root) {
            assertThat(OtherLocalUser.run("cat", secret.toString())).as("readable before").isZero();
        }

        DataDirectory.secure(open);

        assertThat(mode(open)).isEqualTo("rwx------");
        assumeTrue(root, "only root can act as another local user");
        assertThat(OtherLocalUser.run("cat", secret.toString())).isNotZero();
        assertThat(OtherLocalUser.run("ls", open.toString())).isNotZero();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
