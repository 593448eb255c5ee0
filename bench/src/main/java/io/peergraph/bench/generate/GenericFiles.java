package io.peergraph.bench.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a synthetic community in the generic import format (docs/import-format.md), one JSON Lines file per
 * entity type, so that benchmarks and demos load through the same importer as operators do. Streams customer by
 * customer: memory does not grow with the community (only the solutions, a fifth of the customers, are held, as
 * {@link SyntheticCommunity} holds them anyway).
 */
public final class GenericFiles {

    /** The files in the order they must be imported (each refers only to those before it), with their FORMAT. */
    public static final List<String[]> FILES = List.of(
            new String[] {"jsonl:products", "products.jsonl"},
            new String[] {"jsonl:customers", "customers.jsonl"},
            new String[] {"jsonl:configurations", "configurations.jsonl"},
            new String[] {"jsonl:reports", "reports.jsonl"},
            new String[] {"jsonl:solutions", "solutions.jsonl"},
            new String[] {"jsonl:confirmations", "confirmations.jsonl"});

    /** How many records went into each file. */
    public record Written(Map<String, Long> records) {}

    private static final JsonFactory JSON = new JsonFactory();

    private GenericFiles() {}

    /** Writes the files into {@code dir} (created if needed; existing files are replaced). */
    public static Written write(SyntheticCommunity community, Path dir) {
        try {
            Files.createDirectories(dir);
            Vocabulary vocabulary = community.vocabulary();
            Map<String, String> productKeys = new HashMap<>();
            vocabulary.products.forEach(p -> productKeys.put(p.id(), p.key()));
            Map<String, String> solutionKeys = new HashMap<>();
            community.solutions().forEach(s -> solutionKeys.put(s.id(), s.sourceKey()));
            Map<String, Long> counts = new HashMap<>();
            try (JsonGenerator products = open(dir, "products.jsonl")) {
                for (Vocabulary.Named p : vocabulary.products) {
                    products.writeStartObject();
                    products.writeStringField("key", p.key());
                    products.writeStringField("name", p.name());
                    products.writeBooleanField("verified", true);
                    endLine(products);
                }
                counts.put("products", (long) vocabulary.products.size());
            }
            try (JsonGenerator customers = open(dir, "customers.jsonl");
                 JsonGenerator configurations = open(dir, "configurations.jsonl");
                 JsonGenerator reports = open(dir, "reports.jsonl");
                 JsonGenerator confirmations = open(dir, "confirmations.jsonl")) {
                for (int index = 0; index < community.shape().customers(); index++) {
                    SyntheticCommunity.Customer c = community.customer(index);
                    customers.writeStartObject();
                    customers.writeStringField("handle", c.handle());
                    customers.writeStringField("kind", "PERSON");
                    endLine(customers);
                    Map<String, String> configurationKeys = new HashMap<>();
                    for (SyntheticCommunity.Configuration k : c.configurations()) {
                        configurationKeys.put(k.id(), k.sourceKey());
                        configurations.writeStartObject();
                        configurations.writeStringField("sourceKey", k.sourceKey());
                        configurations.writeStringField("owner", c.handle());
                        configurations.writeStringField("name", k.name());
                        configurations.writeArrayFieldStart("items");
                        for (Vocabulary.Item item : k.items()) {
                            configurations.writeStartObject();
                            configurations.writeStringField("kind", item.kind());
                            configurations.writeStringField("value", item.value());
                            configurations.writeEndObject();
                        }
                        configurations.writeEndArray();
                        endLine(configurations);
                    }
                    for (SyntheticCommunity.Report r : c.reports()) {
                        reports.writeStartObject();
                        reports.writeStringField("sourceKey", r.sourceKey());
                        reports.writeStringField("owner", c.handle());
                        reports.writeStringField("configuration", configurationKeys.get(r.configurationId()));
                        reports.writeStringField("product", productKeys.get(r.productId()));
                        reports.writeStringField("title", r.title());
                        reports.writeStringField("status", r.status());
                        reports.writeStringField("occurredAt", r.occurredAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                        reports.writeArrayFieldStart("symptoms");
                        for (int rank : r.symptomRanks()) {
                            reports.writeString(vocabulary.symptoms.get(rank).key());
                        }
                        reports.writeEndArray();
                        endLine(reports);
                    }
                    for (SyntheticCommunity.Confirmation cf : community.confirmations(index)) {
                        confirmations.writeStartObject();
                        confirmations.writeStringField("sourceKey", cf.sourceKey());
                        confirmations.writeStringField("customer", c.handle());
                        confirmations.writeStringField("solution", solutionKeys.get(cf.solutionId()));
                        confirmations.writeBooleanField("worked", cf.worked());
                        confirmations.writeStringField("configuration", configurationKeys.get(cf.configurationId()));
                        confirmations.writeStringField("at", cf.at().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                        endLine(confirmations);
                        counts.merge("confirmations", 1L, Long::sum);
                    }
                    counts.merge("customers", 1L, Long::sum);
                    counts.merge("configurations", (long) c.configurations().size(), Long::sum);
                    counts.merge("reports", (long) c.reports().size(), Long::sum);
                }
            }
            try (JsonGenerator solutions = open(dir, "solutions.jsonl")) {
                for (SyntheticCommunity.Solution s : community.solutions()) {
                    solutions.writeStartObject();
                    solutions.writeStringField("sourceKey", s.sourceKey());
                    solutions.writeStringField("proposer", SyntheticCommunity.handle(indexOf(s)));
                    solutions.writeStringField("title", s.title());
                    solutions.writeStringField("steps", "Steps of " + s.title());
                    solutions.writeStringField("kind", s.kind().name());
                    solutions.writeArrayFieldStart("symptoms");
                    solutions.writeString(vocabulary.symptoms.get(s.symptomRank()).key());
                    solutions.writeEndArray();
                    endLine(solutions);
                }
                counts.put("solutions", (long) community.solutions().size());
            }
            return new Written(counts);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the generic files into " + dir, e);
        }
    }

    /** The proposer's index, from the solution's source key {@code bench:solution:<handle>:<k>}. */
    private static int indexOf(SyntheticCommunity.Solution s) {
        String handle = s.sourceKey().split(":")[2];
        return Integer.parseInt(handle.substring(handle.indexOf('-') + 1));
    }

    /** One record per line, as JSON Lines wants. */
    private static JsonGenerator open(Path dir, String name) throws IOException {
        JsonGenerator generator = JSON.createGenerator(Files.newOutputStream(dir.resolve(name)), JsonEncoding.UTF8);
        generator.setRootValueSeparator(null);
        return generator;
    }

    private static void endLine(JsonGenerator generator) throws IOException {
        generator.writeEndObject();
        generator.writeRaw('\n');
    }
}
