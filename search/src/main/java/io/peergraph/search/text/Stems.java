package io.peergraph.search.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English terms (lower-cased, stop words removed, Porter-stemmed) computed here rather than by the server: the
 * managed Elasticsearch lacks the {@code english} analyzer, and doing it in the application gives the managed
 * server and a production cluster the very same terms, which also lets explanations name the matched terms.
 * Indexed into fields with the core {@code whitespace} analyzer.
 */
public final class Stems {

    private static final Analyzer ENGLISH = new EnglishAnalyzer();
    private static final Analyzer WORDS = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);

    private Stems() {}

    public static List<String> of(String text) {
        return terms(ENGLISH, text);
    }

    /**
     * The words of the text, lower-cased, without English stop words and unstemmed: for queries on fields indexed
     * with the standard analyzer, where "the" or "in" would otherwise match (and make the server score and count)
     * nearly every document.
     */
    public static String wordsWithoutStopWords(String text) {
        return String.join(" ", terms(WORDS, text));
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream tokens = analyzer.tokenStream("text", new StringReader(text))) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                out.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    /** The terms as one whitespace-separated string, ready for a whitespace-analysed field or query. */
    public static String joined(String text) {
        return String.join(" ", of(text));
    }
}
