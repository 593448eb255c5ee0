package io.peergraph.graph.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The labels and relationship types that Java source writes in Cypher: reads every string literal and text block
 * of a source file (comments and char literals skipped), keeps those that look like Cypher (a clause keyword or a
 * relationship arrow), removes the Cypher's own string literals and comments, and finds
 *
 * <ul>
 * <li>relationship types in relationship patterns: {@code [:TYPE]}, {@code [r:TYPE|OTHER*1..3 {p: 1}]};
 * <li>labels in node patterns, {@code (:Label)}, {@code (n:Label:Other {id: $id})}, {@code (n:A|B)}, and in label
 *     predicates, {@code WHERE n:Label}; a map literal's {@code {key: value}} is told apart by what precedes the
 *     key ({@code {} or {@code ,}), a parameter ({@code $param}) never has a colon after it.
 * </ul>
 *
 * A label or type built at run time ({@code (n:%s)}) is not a name and is not reported. Good enough for the
 * project's Cypher, not a Cypher parser: it reads what the code writes today, and its own test shows the forms.
 */
final class CypherNames {

    enum Kind { LABEL, TYPE }

    /** One name, where it was written. */
    record Use(Kind kind, String name, Path file, int line) {
        @Override
        public String toString() {
            return "%s:%d: %s %s".formatted(file, line, kind == Kind.LABEL ? "label" : "relationship type", name);
        }
    }

    /** A string literal or text block of Java source and the line it starts on. */
    record Literal(String text, int line) {}

    private static final Pattern CYPHER = Pattern.compile(
            "\\b(MATCH|MERGE|CREATE|RETURN|UNWIND|CALL|DETACH|EXISTS|COUNT|COLLECT|OPTIONAL|FOREACH|REMOVE|DELETE|WITH|WHERE|SET)\\b|\\)-\\[|\\]->\\(|<-\\[|\\]-\\(");
    private static final String NAME = "(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]+`)";
    /** {@code [var:TYPE|OTHER ...]}: a list literal never has a colon after its first word. */
    private static final Pattern RELATIONSHIP = Pattern.compile(
            "\\[\\s*(?:" + NAME + ")?\\s*:\\s*(" + NAME + "(?:\\s*\\|\\s*:?\\s*" + NAME + ")*)");
    /**
     * {@code (var:Label...} at the start of a node pattern, or {@code var:Label} in an expression; never followed by
     * "(" ({@code key: head(...)}, a map entry split over two literals, calls a function: no label there).
     */
    private static final Pattern LABELLED = Pattern.compile(
            "(\\(\\s*(?:" + NAME + ")?|" + "\\b" + NAME + ")\\s*:\\s*(" + NAME + "(?:\\s*[:|&]\\s*!?\\s*" + NAME + ")*)(?![\\w(`]|\\s*\\()");

    private CypherNames() {}

    /** Every Java source file under the {@code src/main/java} of each module of the project at {@code root}. */
    static List<Path> mainSources(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> out = new ArrayList<>();
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(out::add);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Use> in(Path file) {
        try {
            return in(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Use> in(Path file, String javaSource) {
        List<Use> out = new ArrayList<>();
        for (Literal literal : literals(javaSource)) {
            if (!CYPHER.matcher(literal.text()).find()) {
                continue;
            }
            String cypher = withoutStringsAndComments(literal.text());
            Matcher rel = RELATIONSHIP.matcher(cypher);
            while (rel.find()) {
                for (String type : rel.group(1).split("[|:\\s]+")) {
                    if (!type.isEmpty()) {
                        out.add(new Use(Kind.TYPE, unquote(type), file, literal.line() + lineOf(cypher, rel.start(1))));
                    }
                }
            }
            Matcher node = LABELLED.matcher(cypher);
            while (node.find()) {
                if (!node.group(1).startsWith("(") && isMapKey(cypher, node.start(1))) {
                    continue;
                }
                if (isInsideRelationship(cypher, node.start())) {
                    continue;
                }
                for (String label : node.group(2).split("[:|&!\\s]+")) {
                    if (!label.isEmpty()) {
                        out.add(new Use(Kind.LABEL, unquote(label), file, literal.line() + lineOf(cypher, node.start(2))));
                    }
                }
            }
        }
        return out;
    }

    /** A word followed by a colon is a map key when a brace or a comma comes before it. */
    private static boolean isMapKey(String cypher, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(cypher.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char before = cypher.charAt(i);
        // A $param or a property (n.key) is never a label's variable; "a.b: c" does not occur outside maps.
        return before == '{' || before == ',' || before == '$' || before == '.';
    }

    /** {@code [r:TYPE]} was read as a relationship: its {@code r:TYPE} is not a label. */
    private static boolean isInsideRelationship(String cypher, int at) {
        int open = cypher.lastIndexOf('[', at);
        return open >= 0 && cypher.lastIndexOf(']', at) < open && RELATIONSHIP.matcher(cypher).region(open, cypher.length()).lookingAt();
    }

    private static int lineOf(String text, int offset) {
        int lines = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1) : name;
    }

    /** Cypher's own 'strings', "strings" and // comments blanked (newlines kept, so line numbers hold). */
    static String withoutStringsAndComments(String cypher) {
        StringBuilder out = new StringBuilder(cypher.length());
        int i = 0;
        while (i < cypher.length()) {
            char c = cypher.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < cypher.length() && cypher.charAt(j) != c) {
                    j += cypher.charAt(j) == '\\' ? 2 : 1;
                }
                blank(out, cypher, i, Math.min(j + 1, cypher.length()));
                i = j + 1;
            } else if (c == '/' && i + 1 < cypher.length() && cypher.charAt(i + 1) == '/') {
                int j = cypher.indexOf('\n', i);
                j = j < 0 ? cypher.length() : j;
                blank(out, cypher, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, String text, int from, int to) {
        for (int k = from; k < to; k++) {
            out.append(text.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    /** The string literals and text blocks of Java source, in order, with the line each starts on (escapes kept). */
    static List<Literal> literals(String src) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int start = src.indexOf('\n', i) + 1; // a text block's content starts on the next line
                int j = start;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(src.substring(start, Math.min(j, n)), line + 1));
                line += count(src, i, Math.min(j + 3, n));
                i = Math.min(j + 3, n);
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && src.charAt(j) != '"' && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(src.substring(i + 1, Math.min(j, n)), line));
                i = j + 1;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != '\'') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }
}
