package io.peergraph.api.admin;

import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.api.security.HttpErrors;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportFormat;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The importer in the running service, so no restart is needed: {@code POST /admin/import?format=protondb}
 * with the file as the body (any size: it is streamed to a temporary file). ADMIN only (see the security
* configuration; refusals are typed JSON, see HttpErrors). Rejected records go to {@code DATA_DIR/imports/}. Answers the
 * import summary as JSON: 200 when every record is accounted for, 422 otherwise; 400 BAD_USER_INPUT for an unknown format
 * or a {@code name} that is no file name ({@link #fileName}).
 * {@code ./peergraph import FORMAT FILE --url URL} is the client.
 * Example: {@code curl -H "Authorization: Bearer $TOKEN" --data-binary @dump.tar.gz "http://127.0.0.1:8080/admin/import?format=protondb"}
 */
@RestController
public class ImportEndpoint {

    private final GraphConnection graph;
    private final Path deadLetterDir;
    private final AuditTrail audit;

    public ImportEndpoint(GraphConnection graph, PeergraphProperties properties, AuditTrail audit) {
        this.audit = audit;
        this.graph = graph;
        this.deadLetterDir = properties.dataDir().resolve("imports");
    }

    @PostMapping(path = "/admin/import", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> importFile(@RequestParam String format, @RequestParam(defaultValue = "upload") String name,
                                             HttpServletRequest request, java.security.Principal principal) throws IOException {
        ImportFormat parsed;
        try {
            parsed = ImportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(HttpErrors.body("BAD_USER_INPUT", e.getMessage()));
        }
        String fileName = fileName(name);
        if (fileName == null) {
            return ResponseEntity.badRequest().body(HttpErrors.body("BAD_USER_INPUT",
                    "name: give a file name of 1 to 255 characters, without control characters, other than . and .."));
        }
        Path dir = Files.createTempDirectory("peergraph-import");
        Path file = dir.resolve(fileName);
        try (InputStream body = request.getInputStream()) {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(deadLetterDir);
            Path deadLetters = deadLetterDir.resolve(file.getFileName() + "-" + System.currentTimeMillis() + ".rejected.jsonl");
            ImportRun run = ImportCommand.run(graph, parsed, List.of(file), deadLetters, 1000, Progress.none());
            audit.record("subject:" + principal.getName(), "IMPORT", null, String.join("; ", run.summary()));
            return ResponseEntity.status(run.succeeded() ? 200 : 422).body(run.toJson());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The name's last segment with anything but letters, digits, '.', '_' and '-' replaced (its extension says how
     * to read it: .gz, .tar …); null for a name that would leave the temporary folder or cannot be a file's name:
     * empty, "." or "..", longer than 255 characters, or holding a control character such as NUL.
     */
    static String fileName(String name) {
        if (name.isEmpty() || name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return last.isEmpty() || last.equals(".") || last.equals("..") ? null : last;
    }
}
