package io.peergraph.graph.tag;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When two normalised labels are spellings of one tag. Trigram similarity alone would pair "format jpg" with
 * "format png"; so a pair must also have the same letters once separators and accents are set aside
 * ("pipe wire"/"pipewire", "proton ge"/"protonge", "café"/"cafe"), or differ only by word order, or in one word
 * that is long enough to be a misspelling or a plural ("colour"/"color", "crackle"/"crackles") rather than another
 * name. Case and dash variants are one label already ({@link TagLabel#normalize}).
 */
final class Spelling {

    static final double MIN_SIMILARITY = 0.4;
    /** Shorter words differing in one letter are usually other names (diff/tiff, sftp/smtp), not misspellings. */
    private static final int MIN_MISSPELT_WORD = 5;
    private static final int MIN_INFLECTED_WORD = 4;

    /** Combining marks left by canonical decomposition: "é" is "e" and an acute accent. */
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Letters that do not decompose into a Latin letter and marks. */
    private static final Map<Integer, String> TRANSLITERATIONS = Map.of((int) 'ß', "ss", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'ø', "o",
            (int) 'ł', "l", (int) 'đ', "d", (int) 'þ', "th", (int) 'ı', "i");

    private Spelling() {}

    static Set<String> trigrams(String label) {
        String padded = "  " + label + " ";
        Set<String> grams = new HashSet<>();
        for (int i = 0; i + 3 <= padded.length(); i++) {
            grams.add(padded.substring(i, i + 3));
        }
        return grams;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        int shared = 0;
        for (String g : a) {
            if (b.contains(g)) {
                shared++;
            }
        }
        return shared == 0 ? 0 : (double) shared / (a.size() + b.size() - shared);
    }

    /**
     * The label's letters and digits only, accents and ligatures transliterated to plain Latin: two labels with the same
     * compact form are one word spelt with other separators or accents.
     */
    static String compact(String label) {
        String plain = DIACRITICS.matcher(Normalizer.normalize(label, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder out = new StringBuilder(plain.length());
        plain.codePoints().forEach(c -> {
            String latin = TRANSLITERATIONS.get(c);
            if (latin != null) {
                out.append(latin);
            } else if (Character.isLetterOrDigit(c)) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The rule that makes the two labels one tag, if any. */
    static Optional<String> variantRule(String a, String b) {
        String ca = compact(a);
        if (!ca.isEmpty() && ca.equals(compact(b))) {
            return Optional.of(lettersAndDigits(a).equals(lettersAndDigits(b))
                    ? "same letters, other separators (" + a + " / " + b + ")"
                    : "same letters, other accents or transliteration (" + a + " / " + b + ")");
        }
        List<String> wa = words(a);
        List<String> wb = words(b);
        List<String> sa = new ArrayList<>(wa);
        List<String> sb = new ArrayList<>(wb);
        sa.sort(null);
        sb.sort(null);
        if (sa.equals(sb)) {
            return Optional.of("same words, other order or punctuation");
        }
        if (wa.size() != wb.size()) {
            return Optional.empty();
        }
        int differing = -1;
        for (int i = 0; i < wa.size(); i++) {
            if (!wa.get(i).equals(wb.get(i))) {
                if (differing >= 0) {
                    return Optional.empty();
                }
                differing = i;
            }
        }
        String x = wa.get(differing);
        String y = wb.get(differing);
        int shorter = Math.min(x.length(), y.length());
        if (shorter >= MIN_INFLECTED_WORD && (x.startsWith(y) && x.length() - y.length() <= 2 || y.startsWith(x) && y.length() - x.length() <= 2)) {
            return Optional.of("one word with another ending (" + x + " / " + y + ")");
        }
        return shorter >= MIN_MISSPELT_WORD && levenshtein(x, y) == 1
                ? Optional.of("one word spelt differently (" + x + " / " + y + ")") : Optional.empty();
    }

    /** The label without separators, accents kept: tells a separator variant from an accent one. */
    private static String lettersAndDigits(String label) {
        return NOT_LETTER_OR_DIGIT.matcher(label).replaceAll("");
    }

    private static List<String> words(String label) {
        return Arrays.stream(label.split("[^\\p{L}\\p{N}+#]+")).filter(w -> !w.isEmpty()).toList();
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
