package io.peergraph.graph.stuff;

import io.peergraph.graph.text.Text;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One normalised configuration item such as {@code gpu: Radeon RX 580}. Equal things are one node: the
 * {@link #key()} folds Unicode forms, case and whitespace, so "radeon  rx 580" and "Radeon RX 580" meet.
 */
public record ConfigItemValue(String kind, String value) {

    public static final int MAX_VALUE_LENGTH = 200;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** The canonical item, or a reason why the input is not one. */
    public static Result parse(String rawKind, String rawValue) {
        String kind = Text.line(rawKind) == null ? "" : Text.line(rawKind).toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (!KIND.matcher(kind).matches()) {
            return new Result.Rejected("kind", "kind must be 1–32 letters, digits or underscores starting with a letter, e.g. gpu");
        }
        String value = Text.line(rawValue);
        if (value == null || value.isEmpty()) {
            return new Result.Rejected("value", "value must not be empty");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return new Result.Rejected("value", "value must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        return new Result.Accepted(new ConfigItemValue(kind, value));
    }

    /** The natural key of the {@code ConfigItem} node. */
    public String key() {
        return kind + ":" + value.toLowerCase(Locale.ROOT);
    }

    public sealed interface Result {
        record Accepted(ConfigItemValue item) implements Result {}

        record Rejected(String field, String reason) implements Result {}

        default Optional<ConfigItemValue> accepted() {
            return this instanceof Accepted a ? Optional.of(a.item()) : Optional.empty();
        }
    }
}
