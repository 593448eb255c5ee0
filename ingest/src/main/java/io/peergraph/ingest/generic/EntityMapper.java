package io.peergraph.ingest.generic;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.tag.TagLabel;
import io.peergraph.ingest.engine.Mapped;
import io.peergraph.ingest.engine.RecordMapper;
import io.peergraph.ingest.engine.SymptomHierarchy;
import io.peergraph.ingest.source.SourceFile;
import io.peergraph.ingest.source.SourceRecord;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a generic record (a JSON Lines object or a CSV row) into the row its {@link Entity}'s Cypher
 * expects, checking every field; the first problem becomes the rejection reason.
 */
public final class EntityMapper implements RecordMapper<Map<String, Object>> {

    private final Entity entity;

    public EntityMapper(Entity entity) {
        this.entity = entity;
    }

    @Override
    public Mapped<Map<String, Object>> map(SourceRecord record) {
        JsonNode json = record.value();
        if (!json.isObject()) {
            return Mapped.reject("the record is not a JSON object");
        }
        if (record.raw().indexOf(SourceFile.NOT_UTF8) >= 0) {
            return Mapped.reject("the record holds bytes that are not UTF-8: save the file as UTF-8");
        }
        Map<String, Object> row = new HashMap<>();
        for (Field field : entity.fields()) {
            JsonNode node = json.get(field.name());
            boolean absent = node == null || node.isNull() || (node.isTextual() && node.asText().isBlank());
            if (absent) {
                if (field.required()) {
                    return Mapped.reject("'" + field.name() + "' is required");
                }
                continue; // absent from the row: Cypher reads a missing key as null, and Bolt carries less
            }
            try {
                row.put(field.name(), read(field, node));
                checkLength(field, row.get(field.name()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return Mapped.reject("'" + field.name() + "' " + e.getMessage());
            }
        }
        String key;
        try {
            key = keyOf(row);
        } catch (IllegalArgumentException e) {
            return Mapped.reject(e.getMessage());
        }
        row.put("id", entity.idType().fromKey(key));
        return Mapped.accept(key, row);
    }

    private String keyOf(Map<String, Object> row) {
        if (entity == Entity.TAGS) {
            String target = (String) row.get("target");
            int colon = target.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("'target' must be <type>:<key>, e.g. report:rep-1");
            }
            // The key's label part only makes a re-import recognisable; Tagging resolves the label (merges, concepts).
            String normalized = TagLabel.normalize((String) row.get("label"));
            if (normalized.isEmpty()) {
                throw new IllegalArgumentException("'label' must contain letters or digits");
            }
            row.put("targetType", target.substring(0, colon).toLowerCase(Locale.ROOT));
            row.put("targetKey", target.substring(colon + 1));
            row.put("normalized", normalized);
            String key = target + "|" + (row.get("by") == null ? "" : row.get("by")) + "|" + normalized;
            row.put("sourceKey", key);
            return key;
        }
        if (entity == Entity.REPORTS || entity == Entity.SOLUTIONS) {
            // The statement reads only the keys: the raw list would cross Bolt for nothing.
            row.put("symptomKeys", symptomKeys(row.remove("symptoms")));
        }
        return (String) row.get(entity.keyField());
    }

    private static Object read(Field field, JsonNode node) {
        String text = node.isValueNode() ? node.asText().strip() : null;
        return switch (field.type()) {
            case TEXT -> requireText(text);
            case ENUM -> requireText(text).toUpperCase(Locale.ROOT).replace(' ', '_');
            case BOOLEAN -> switch (requireText(text).toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new IllegalArgumentException("must be true or false, not '" + text + "'");
            };
            case NUMBER -> {
                try {
                    double d = Double.parseDouble(requireText(text));
                    if (!Double.isFinite(d)) {
                        throw new IllegalArgumentException("must be a finite number, not '" + text + "'");
                    }
                    yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a number, not '" + text + "'");
                }
            }
            case DATE -> LocalDate.parse(requireText(text));
            case DATETIME -> dateTime(requireText(text));
            case LIST -> list(node);
            case ITEMS -> items(node);
        };
    }

    /**
     * As long as the API allows: names, keys and references (indexed, and Neo4j cannot index a value of more than a
     * few kilobytes: a 100 kB handle failed the whole batch) at most {@value #NAME_MAX} characters, free text (titles
     * excepted, which are names) at most {@value #TEXT_MAX} (a confirmation's note 2,000).
     */
    private static void checkLength(Field field, Object value) {
        if (value instanceof String text) {
            int max = FREE_TEXT.getOrDefault(field.name(), NAME_MAX);
            if (text.length() > max) {
                throw new IllegalArgumentException("must be at most " + max + " characters, not " + text.length());
            }
        }
    }

    /** The API's limits (api's Inputs): a name or key, and a text. */
    static final int NAME_MAX = 200;
    static final int TEXT_MAX = 20_000;
    private static final Map<String, Integer> FREE_TEXT = Map.of("text", TEXT_MAX, "steps", TEXT_MAX, "note", 2_000);

    private static String requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("must be a single value, not a list or object");
        }
        return text;
    }

    /**
     * ISO-8601 with offset, a local time taken as UTC, a date alone (its midnight UTC: data sets that record only the
     * day, such as a school year's test, need not invent a time), or Unix seconds.
     */
    private static OffsetDateTime dateTime(String text) {
        if (text.matches("\\d{9,11}")) {
            return OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(Long.parseLong(text)), ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return java.time.LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("must be an ISO-8601 time such as 2020-05-25T13:45:00Z, a date such as 2020-05-25 "
                            + "or Unix seconds, not '" + text + "'");
                }
            }
        }
    }

    /** Each value once: the writer creates one relationship per value. */
    private static List<String> list(JsonNode node) {
        Set<String> values = new LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText().strip()));
        } else {
            for (String part : node.asText().split(";")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return List.copyOf(values);
    }

    /** Each item once (by its key): the writer creates one INCLUDES per item. */
    private static List<Map<String, Object>> items(JsonNode node) {
        Map<String, Map<String, Object>> items = new LinkedHashMap<>();
        List<String[]> pairs = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isObject()) {
                    pairs.add(new String[] {item.path("kind").asText(), item.path("value").asText(),
                            item.path("raw").asText(item.path("value").asText())});
                } else {
                    pairs.add(splitPair(item.asText()));
                }
            }
        } else {
            for (String part : node.asText().split(";")) {
                if (!part.isBlank()) {
                    pairs.add(splitPair(part));
                }
            }
        }
        for (String[] pair : pairs) {
            ConfigItemValue.Result result = ConfigItemValue.parse(pair[0], pair[1]);
            if (result instanceof ConfigItemValue.Result.Rejected r) {
                throw new IllegalArgumentException("has an item '" + pair[0] + "=" + pair[1] + "' whose " + r.field() + " is wrong: " + r.reason());
            }
            ConfigItemValue value = result.accepted().orElseThrow();
            items.putIfAbsent(value.key(), Map.of("key", value.key(), "id", PublicId.CONFIG_ITEM.fromKey(value.key()), "kind", value.kind(),
                    "value", value.value(), "raw", pair[2]));
        }
        return List.copyOf(items.values());
    }

    private static String[] splitPair(String text) {
        int eq = text.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("items must be kind=value pairs separated by ';', not '" + text + "'");
        }
        String value = text.substring(eq + 1).strip();
        return new String[] {text.substring(0, eq).strip(), value, value};
    }

    /** The leaf keys of the record's symptoms, lower-cased; the writer creates them and their broader ones. */
    private static List<String> symptomKeys(Object symptoms) {
        Set<String> keys = new LinkedHashSet<>();
        if (symptoms != null) {
            for (Object s : (List<?>) symptoms) {
                try {
                    keys.add(SymptomHierarchy.chain(s.toString()).getLast().key());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'symptoms' " + e.getMessage(), e);
                }
            }
        }
        return List.copyOf(keys);
    }
}
