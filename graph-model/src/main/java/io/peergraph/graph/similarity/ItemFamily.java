package io.peergraph.graph.similarity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The family of a configuration item when the taxonomy does not classify it: the same GPU or CPU generation
 * ("GeForce GTX 1060" and "GeForce GTX 1080" are both "geforce gtx 10xx"), the same driver or kernel major
 * version ("mesa 20.0" and "mesa 20.3" are "mesa 20"), the same OS whatever its release. Two items of one
 * kind in one family are a partial match.
 *
 * <p>{@code valuePrefix} is a prefix of the canonical value that every member shares, so that members are
 * found through the {@code config_item_key} index ({@code key STARTS WITH kind:prefix}) and then confirmed
 * by recomputing their family: nothing is stored, so the family of an item can never be stale.
 */
public record ItemFamily(String kind, String key, String valuePrefix) {

    // A model number of 3+ digits: its leading digits name the generation (580 → 5xx, 1060 → 10xx).
    private static final Pattern MODEL_NUMBER = Pattern.compile("^(.*?\\D)?(\\d{3,5})(\\D.*)?$");
    // A version: the major part before the first dot (20.0.4 → 20, 5.15 → 5).
    private static final Pattern VERSION = Pattern.compile("^(.*?)(\\d+)\\.\\d.*$");
    // An OS release: the name before its first digit (Pop!_OS 20.04 → pop!_os).
    private static final Pattern RELEASE = Pattern.compile("^([^\\d]*[^\\d\\s])\\s*\\d.*$");

    /** The family of an item, if its kind has a rule and its value fits it. */
    public static Optional<ItemFamily> of(String kind, String value) {
        String v = value.toLowerCase(Locale.ROOT).strip();
        return switch (kind) {
            case "gpu", "cpu" -> generation(kind, v);
            case "driver", "kernel" -> major(kind, v);
            case "os" -> release(kind, v);
            default -> Optional.empty();
        };
    }

    private static Optional<ItemFamily> generation(String kind, String v) {
        Matcher m = MODEL_NUMBER.matcher(v);
        if (!m.matches()) {
            return Optional.empty();
        }
        String head = m.group(1) == null ? "" : m.group(1);
        String digits = m.group(2);
        String kept = digits.substring(0, digits.length() == 3 ? 1 : digits.length() - 2);
        String generation = head + kept + "x".repeat(digits.length() - kept.length());
        return Optional.of(new ItemFamily(kind, generation, head + kept));
    }

    private static Optional<ItemFamily> major(String kind, String v) {
        Matcher m = VERSION.matcher(v);
        if (!m.matches()) {
            return Optional.empty();
        }
        String major = m.group(1) + m.group(2);
        return Optional.of(new ItemFamily(kind, major, major));
    }

    private static Optional<ItemFamily> release(String kind, String v) {
        Matcher m = RELEASE.matcher(v);
        return m.matches() ? Optional.of(new ItemFamily(kind, m.group(1), m.group(1))) : Optional.empty();
    }

    /** The {@code ConfigItem.key} prefix shared by all members. */
    public String keyPrefix() {
        return kind + ":" + valuePrefix;
    }
}
