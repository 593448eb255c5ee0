package io.peergraph.graph.symptom;

import io.peergraph.graph.tag.TagLabel;
import io.peergraph.graph.text.Text;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for a symptom's name, whoever makes the symptom (an import, the seeds, a customer describing a new one):
 * canonical text ({@link Text#line}), {@value #MIN}–{@value #MAX} characters with at least one letter. Two names are
 * the same symptom when their {@link #sameness} is (the tag rule: case, separators, punctuation around), so "Crackling
 * sound!" offers the existing "crackling sound" rather than making a second one.
 */
public final class SymptomName {

    public static final int MIN = 3;
    public static final int MAX = 120;

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Keys of customers' symptoms are short: the name carries the words. */
    static final int SLUG_MAX = 48;

    private SymptomName() {}

    /** The canonical form of a name; null for null or blank. */
    public static String normalize(String raw) {
        String line = Text.line(raw);
        return line == null || line.isEmpty() ? null : line;
    }

    /** Why a canonical name is not a symptom's name, if it is not. */
    public static Optional<String> problem(String name) {
        if (name == null) {
            return Optional.of("must not be empty");
        }
        if (name.codePointCount(0, name.length()) < MIN) {
            return Optional.of("must be at least " + MIN + " characters");
        }
        if (name.codePointCount(0, name.length()) > MAX) {
            return Optional.of("must be at most " + MAX + " characters");
        }
        if (name.codePoints().noneMatch(Character::isLetter)) {
            return Optional.of("must contain a word");
        }
        return Optional.empty();
    }

    /**
     * The canonical form of a name that keeps the rule, for every way in that has no typed outcome of its own (imports,
     * {@link SymptomStore#findOrAdd}): IllegalArgumentException with the reason the API gives otherwise, so an import
     * dead-letters the line rather than storing a name {@code describeSymptom} would refuse.
     */
    public static String canonical(String raw) {
        String name = normalize(raw);
        Optional<String> problem = problem(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("the symptom name " + (raw == null ? "(none)" : "'" + raw + "'") + " " + problem.get());
        }
        return name;
    }

    /** What two names share when they name the same symptom (also a concept's label key). */
    public static String sameness(String name) {
        return TagLabel.normalize(name);
    }

    /** The key part of a name: ASCII letters and digits joined by single hyphens ("Crackling, left ear" → crackling-left-ear). */
    public static String slug(String name) {
        String ascii = MARKS.matcher(Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)).replaceAll("");
        String slug = NOT_SLUG.matcher(ascii).replaceAll("-").replaceAll("^-+|-+$", "");
        if (slug.length() > SLUG_MAX) {
            slug = slug.substring(0, SLUG_MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "symptom" : slug;
    }
}
