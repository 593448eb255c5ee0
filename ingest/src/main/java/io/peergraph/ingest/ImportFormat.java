package io.peergraph.ingest;

import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import io.peergraph.ingest.generic.Entity;
import io.peergraph.ingest.generic.EntityMapper;
import io.peergraph.ingest.generic.EntityWriter;
import io.peergraph.ingest.protondb.ProtonDbMapper;
import io.peergraph.ingest.protondb.ProtonDbWriter;
import io.peergraph.ingest.source.CsvRecords;
import io.peergraph.ingest.source.JsonArrayRecords;
import io.peergraph.ingest.source.JsonLinesRecords;
import io.peergraph.seeds.pci.GpuCatalog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a FORMAT argument names: {@code protondb}, {@code csv:<entity>} or {@code jsonl:<entity>}. */
public sealed interface ImportFormat {

    String name();

    ImportRun importFile(ImportEngine engine, Path file, DeadLetterFile deadLetters);

    /** Parses a FORMAT argument; the message of the exception lists what is accepted. */
    static ImportFormat parse(String text) {
        String format = text.strip().toLowerCase(Locale.ROOT);
        if (format.equals("protondb")) {
            return new ProtonDb();
        }
        int colon = format.indexOf(':');
        if (colon > 0) {
            Entity entity = Entity.named(format.substring(colon + 1)).orElseThrow(() -> unknown(text));
            switch (format.substring(0, colon)) {
                case "csv" -> {
                    return new Csv(entity);
                }
                case "jsonl" -> {
                    return new JsonLines(entity);
                }
                default -> throw unknown(text);
            }
        }
        throw unknown(text);
    }

    private static IllegalArgumentException unknown(String text) {
        String entities = Arrays.stream(Entity.values()).map(Entity::label).collect(Collectors.joining(", "));
        return new IllegalArgumentException("unknown format '" + text + "': use protondb, csv:<entity> or jsonl:<entity> with <entity> one of "
                + entities);
    }

    /** ProtonDB dumps, both formats, from .json, .json.gz, .tar.gz. */
    record ProtonDb() implements ImportFormat {
        @Override
        public String name() {
            return "protondb";
        }

        @Override
        public ImportRun importFile(ImportEngine engine, Path file, DeadLetterFile deadLetters) {
            return engine.run(name(), file, new JsonArrayRecords(file), new ProtonDbMapper(GpuCatalog.bundled()), new ProtonDbWriter(),
                    deadLetters);
        }
    }

    record Csv(Entity entity) implements ImportFormat {
        @Override
        public String name() {
            return "csv:" + entity.label();
        }

        @Override
        public ImportRun importFile(ImportEngine engine, Path file, DeadLetterFile deadLetters) {
            return engine.run(name(), file, new CsvRecords(file, entity.requiredColumns()), new EntityMapper(entity),
                    new EntityWriter(entity), deadLetters);
        }
    }

    record JsonLines(Entity entity) implements ImportFormat {
        @Override
        public String name() {
            return "jsonl:" + entity.label();
        }

        @Override
        public ImportRun importFile(ImportEngine engine, Path file, DeadLetterFile deadLetters) {
            return engine.run(name(), file, new JsonLinesRecords(file), new EntityMapper(entity), new EntityWriter(entity), deadLetters);
        }
    }
}
