package io.peergraph.graph.facet;

import io.peergraph.graph.similarpeers.ItemFamily;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the values of one item kind form families when the taxonomy does not classify them, as a configuration-facets
 * scheme declares it ({@code pg:familyRule}): two items of one kind in one family are a partial match. The rules
 * know nothing of any domain; the taxonomy says which kind uses which.
 *
 * <ul>
 *   <li>{@code model-generation}: a model number's leading digits ("GeForce GTX 1060" and "1080" are "geforce gtx 10xx")</li>
 *   <li>{@code version-major}: the part before the first dot ("mesa 20.0" and "mesa 20.3" are "mesa 20"; "nvidia 440" is its
 *       own major)</li>
 *   <li>{@code version-series}: major.minor of the version number, whatever words surround it ("5.4.0-42-generic", "5.4"
 *       and "Linux 5.4" are "5.4"), with the major ("5") as the broader family</li>
 *   <li>{@code release-name}: the name before the first digit ("Ubuntu 18.04" and "Ubuntu 20.04" are "ubuntu")</li>
 *   <li>{@code prefix:N}: the first N characters</li>
 *   <li>{@code numeric-range:W}: a leading number in ranges of width W from 0 ("58" with W = 10 is "50–60")</li>
 * </ul>
 */
public sealed interface FamilyRule {

    /** The family of a value of {@code kind}, if the value fits the rule. */
    Optional<ItemFamily> family(String kind, String value);

    /**
     * The family one level above the value's family, for a rule with two levels ({@code version-series}: the major above
     * major.minor); empty for the others. Generated family concepts link the two (BROADER), so items of two series of
     * one major version are relatives through it, and a moderator may unlink or move them like any concept.
     */
    default Optional<ItemFamily> broader(String kind, String value) {
        return Optional.empty();
    }

    /** The rule as the taxonomy writes it. */
    String notation();

    /** Parses a {@code pg:familyRule} literal. */
    static FamilyRule parse(String notation) {
        String n = notation.strip().toLowerCase(Locale.ROOT);
        int colon = n.indexOf(':');
        String name = colon < 0 ? n : n.substring(0, colon);
        String argument = colon < 0 ? null : n.substring(colon + 1).strip();
        FamilyRule rule = switch (name) {
            case "model-generation" -> argument == null ? new ModelGeneration() : null;
            case "version-major" -> argument == null ? new VersionMajor() : null;
            case "version-series" -> argument == null ? new VersionSeries() : null;
            case "release-name" -> argument == null ? new ReleaseName() : null;
            case "prefix" -> argument != null && argument.matches("[1-9]\\d{0,2}") ? new Prefix(Integer.parseInt(argument)) : null;
            case "numeric-range" -> argument != null && argument.matches("\\d{1,9}(\\.\\d{1,6})?") && new BigDecimal(argument).signum() > 0
                    ? new NumericRange(new BigDecimal(argument)) : null;
            default -> null;
        };
        if (rule == null) {
            throw new IllegalArgumentException("unknown family rule '" + notation + "': use model-generation, version-major, "
                    + "version-series, release-name, prefix:N or numeric-range:W");
        }
        return rule;
    }

    private static String canonical(String value) {
        return value.toLowerCase(Locale.ROOT).strip();
    }

    /** A model number of 3+ digits: its leading digits name the generation (580 → 5xx, 1060 → 10xx). */
    record ModelGeneration() implements FamilyRule {
        private static final Pattern MODEL_NUMBER = Pattern.compile("^(.*?\\D)?(\\d{3,5})(\\D.*)?$");

        @Override
        public Optional<ItemFamily> family(String kind, String value) {
            Matcher m = MODEL_NUMBER.matcher(canonical(value));
            if (!m.matches()) {
                return Optional.empty();
            }
            String head = m.group(1) == null ? "" : m.group(1);
            String digits = m.group(2);
            String kept = digits.substring(0, digits.length() == 3 ? 1 : digits.length() - 2);
            String generation = head + kept + "x".repeat(digits.length() - kept.length());
            return Optional.of(new ItemFamily(kind, generation, head + kept));
        }

        @Override
        public String notation() {
            return "model-generation";
        }
    }

    /**
     * A version: the major part before the first dot (20.0.4 → 20, 5.15 → 5), or a version that is its major alone
     * ("nvidia 440", as the PC normaliser writes NVIDIA's branches: "NVIDIA 440.100" and "nvidia 440" are one family).
     */
    record VersionMajor() implements FamilyRule {
        private static final Pattern VERSION = Pattern.compile("^(.*?)(\\d+)(?:\\.\\d.*)?$");

        @Override
        public Optional<ItemFamily> family(String kind, String value) {
            Matcher m = VERSION.matcher(canonical(value));
            if (!m.matches()) {
                return Optional.empty();
            }
            String major = m.group(1) + m.group(2);
            return Optional.of(new ItemFamily(kind, major, major));
        }

        @Override
        public String notation() {
            return "version-major";
        }
    }

    /**
     * A version series: major.minor of the first dotted version number in the value, whatever words come before or after
     * it ("5.4.0-42-generic", "5.4" and "Linux 5.4" are "5.4"; leading zeros dropped), under the major ("5"). For a kind
     * whose values are versions of one thing (a kernel); where a name tells things apart (drivers: NVIDIA 440, Mesa 20),
     * {@code version-major} keeps it. Words may come first, so members share no value prefix: they are found among all
     * items of the kind and confirmed by the rule.
     */
    record VersionSeries() implements FamilyRule {
        private static final Pattern VERSION = Pattern.compile("(?<![\\d.])(\\d{1,9})\\.(\\d{1,9})");

        @Override
        public Optional<ItemFamily> family(String kind, String value) {
            Matcher m = VERSION.matcher(canonical(value));
            return m.find() ? Optional.of(new ItemFamily(kind, number(m.group(1)) + "." + number(m.group(2)), "")) : Optional.empty();
        }

        @Override
        public Optional<ItemFamily> broader(String kind, String value) {
            Matcher m = VERSION.matcher(canonical(value));
            return m.find() ? Optional.of(new ItemFamily(kind, number(m.group(1)), "")) : Optional.empty();
        }

        private static String number(String digits) {
            return digits.replaceFirst("^0+(?=\\d)", "");
        }

        @Override
        public String notation() {
            return "version-series";
        }
    }

    /** A release: the name before its first digit (Pop!_OS 20.04 → pop!_os). */
    record ReleaseName() implements FamilyRule {
        private static final Pattern RELEASE = Pattern.compile("^([^\\d]*[^\\d\\s])\\s*\\d.*$");

        @Override
        public Optional<ItemFamily> family(String kind, String value) {
            Matcher m = RELEASE.matcher(canonical(value));
            return m.matches() ? Optional.of(new ItemFamily(kind, m.group(1), m.group(1))) : Optional.empty();
        }

        @Override
        public String notation() {
            return "release-name";
        }
    }

    /** The first {@code length} characters of a longer value. */
    record Prefix(int length) implements FamilyRule {
        @Override
        public Optional<ItemFamily> family(String kind, String value) {
            String v = canonical(value);
            if (v.length() <= length) {
                return Optional.empty();
            }
            String prefix = v.substring(0, length);
            return Optional.of(new ItemFamily(kind, prefix + "…", prefix));
        }

        @Override
        public String notation() {
            return "prefix:" + length;
        }
    }

    /**
     * A leading non-negative number, in ranges {@code [n·W, (n+1)·W)}: "58" and "51.5 years" are "50–60" with W = 10. The
     * members' common value prefix is the common prefix of the range's ends, so members are found by a range seek and
     * then confirmed.
     */
    record NumericRange(BigDecimal width) implements FamilyRule {
        private static final Pattern NUMBER = Pattern.compile("^(\\d{1,15}(?:\\.\\d+)?)(?!\\d)(.*)$");

        @Override
        public Optional<ItemFamily> family(String kind, String value) {
            Matcher m = NUMBER.matcher(canonical(value));
            if (!m.matches()) {
                return Optional.empty();
            }
            BigDecimal x = new BigDecimal(m.group(1));
            BigDecimal low = x.divideToIntegralValue(width).multiply(width).stripTrailingZeros();
            BigDecimal high = low.add(width).stripTrailingZeros();
            String tail = m.group(2).strip();
            String key = low.toPlainString() + "–" + high.toPlainString() + (tail.isEmpty() ? "" : " " + tail);
            // Members share the integer digits common to the range's first and last whole numbers (50–60: "5").
            String first = low.setScale(0, RoundingMode.FLOOR).toPlainString();
            String last = high.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE).max(low.setScale(0, RoundingMode.FLOOR)).toPlainString();
            int common = 0;
            while (common < Math.min(first.length(), last.length()) && first.charAt(common) == last.charAt(common)) {
                common++;
            }
            return Optional.of(new ItemFamily(kind, key, first.length() == last.length() ? first.substring(0, common) : ""));
        }

        @Override
        public String notation() {
            return "numeric-range:" + width.stripTrailingZeros().toPlainString();
        }
    }
}
