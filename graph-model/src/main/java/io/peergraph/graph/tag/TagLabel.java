package io.peergraph.graph.tag;

import io.peergraph.graph.text.Text;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes two typed labels the same tag. The one definition: tagging (API and imports, through
 * {@link Tags}), concept label keys, tag search and search filters all use it, so
 * "Screen‐Tearing", "ＳＣＲＥＥＮ_tearing" and "screen tearing!" are one tag everywhere.
 */
public final class TagLabel {

    /** Typographic apostrophes and primes customers' keyboards and phones produce instead of {@code '}. */
    private static final Pattern APOSTROPHES = Pattern.compile("[‘’‚‛′ʼ`´]");
    /** Whitespace, underscores and every dash or hyphen (NFKC leaves U+2010–2015 and the minus sign alone). */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-‐‑‒–—―−⁃]+");
    /** Sentence punctuation and quotes around a label are not part of it ("crackling." is "crackling"). */
    private static final Pattern AROUND = Pattern.compile("^[\\s.,;:!?…\"“”„«»']+|[\\s.,;:!?…\"“”„«»']+$");

    private TagLabel() {}

    /**
     * NFKC, case-folded (root locale), apostrophe variants as {@code '}, whitespace, underscore and dash runs as
     * one space, sentence punctuation and quotes around the label dropped. Null stays null; a label of nothing but
     * punctuation becomes empty (callers refuse it).
     */
    public static String normalize(String label) {
        String line = Text.line(label);
        if (line == null) {
            return null;
        }
        String folded = APOSTROPHES.matcher(line.toLowerCase(Locale.ROOT)).replaceAll("'");
        return AROUND.matcher(SEPARATORS.matcher(folded).replaceAll(" ")).replaceAll("");
    }
}
