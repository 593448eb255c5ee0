package io.peergraph.graph.text;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Canonical form of user text: Unicode NFKC, no control characters, whitespace runs folded to one space. */
public final class Text {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern SPACES = Pattern.compile("[\\p{Z}\\t]+");

    private Text() {}

    /** One line: every whitespace run (newlines included) becomes one space; trimmed. Null stays null. */
    public static String line(String raw) {
        if (raw == null) {
            return null;
        }
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        return SPACES.matcher(CONTROL.matcher(nfkc).replaceAll("").replace('\n', ' ')).replaceAll(" ").strip();
    }

    /** Multi-line text: NFKC, control characters removed, line breaks kept, trimmed. Null stays null. */
    public static String block(String raw) {
        if (raw == null) {
            return null;
        }
        return CONTROL.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)).replaceAll("").replace("\r\n", "\n").strip();
    }
}
