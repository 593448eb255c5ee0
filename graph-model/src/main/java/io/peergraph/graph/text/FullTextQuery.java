package io.peergraph.graph.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person typed into a search box, as a query for a Neo4j full-text (Lucene) index that matches their words
 * and never parses their syntax: every Lucene special character is escaped, words are lower-cased (so AND, OR and
 * NOT are words, not operators), words without a letter or digit are dropped, and every word is required. The last
 * word also matches as a prefix, as people type ("radeon rx 58" finds "Radeon RX 580").
 */
public final class FullTextQuery {

    /** Enough for any real search; longer text only makes the query dearer. */
    static final int MAX_WORDS = 16;
    private static final Pattern SPECIAL = Pattern.compile("[\\\\+\\-!():^\\[\\]\"{}~*?|&/]");

    private FullTextQuery() {}

    /** Empty when the text holds no word to look for. */
    public static Optional<String> allWords(String typed) {
        List<String> words = words(typed);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String last = words.getLast();
        // A wildcard term is not analysed, so only a plain word (letters and digits) can be a prefix.
        String lastClause = last.codePoints().allMatch(Character::isLetterOrDigit) ? "+" + last + "*" : "+" + escape(last);
        return Optional.of(words.subList(0, words.size() - 1).stream().map(w -> "+" + escape(w))
                .collect(Collectors.joining(" ", "", words.size() > 1 ? " " : "")) + lastClause);
    }

    /** Shortest word that may be one typo away: shorter words would meet too many others. */
    static final int FUZZY_MIN_LENGTH = 5;

    /**
     * Like {@link #allWords}, for an index with a stemming analyzer: every word is required in any of its forms, as
     * typed (analysed, so stemmed like the index), one edit away ({@code word~1}, words of 5 or more letters) and, for
     * the last word, as a prefix. Empty when the text holds no word to look for.
     */
    public static Optional<String> allWordsAnyForm(String typed) {
        List<String> words = words(typed);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        List<String> clauses = new java.util.ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean plain = w.codePoints().allMatch(Character::isLetterOrDigit);
            StringBuilder forms = new StringBuilder(escape(w));
            if (plain && w.length() >= FUZZY_MIN_LENGTH) {
                forms.append(' ').append(w).append("~1");
            }
            if (plain && i == words.size() - 1) {
                forms.append(' ').append(w).append('*');
            }
            clauses.add("+(" + forms + ")");
        }
        return Optional.of(String.join(" ", clauses));
    }

    /** Like {@link #allWords}, with no word required: a text is found by any of them, the more the better. */
    public static Optional<String> anyWord(String typed) {
        return allWords(typed).map(FullTextQuery::optional);
    }

    /** Like {@link #allWordsAnyForm}, with no word required: for "the closest to a description". */
    public static Optional<String> anyWordAnyForm(String typed) {
        return allWordsAnyForm(typed).map(FullTextQuery::optional);
    }

    /** Every clause optional: the required marks that begin clauses dropped (escaped ones, "\\+", are words and stay). */
    private static String optional(String query) {
        return query.replaceAll("(^| )\\+", "$1");
    }

    /** The typed words, lower case, those with a letter or digit only, at most {@link #MAX_WORDS}. */
    private static List<String> words(String typed) {
        String line = Text.line(typed);
        return line == null ? List.of() : Arrays.stream(line.toLowerCase(Locale.ROOT).split(" "))
                .filter(w -> w.codePoints().anyMatch(Character::isLetterOrDigit)).limit(MAX_WORDS).toList();
    }

    static String escape(String word) {
        return SPECIAL.matcher(word).replaceAll("\\\\$0");
    }
}
