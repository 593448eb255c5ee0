package io.peergraph.graph.taxonomy;

import io.peergraph.graph.tag.TagLabel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How SKOS facts sit on a {@code :Concept} node. Language-tagged values get one property per language
 * ({@code prefLabel_en}, {@code altLabels_de} as a list, {@code definition_fr}); a literal without language
 * uses the bare name. Each such property key is also the "fact" a moderator may take over (listed in the
 * node's {@code moderated}); the relationship facts are {@link #BROADER}, {@link #RELATED}, {@link #STATUS}
 * (status, reason and replacement together) and {@link #IN_SCHEME}.
 */
public final class ConceptProperties {

    public static final String PREF_LABEL = "prefLabel";
    public static final String ALT_LABELS = "altLabels";
    public static final String DEFINITION = "definition";
    public static final String NOTATION = "notation";
    public static final String STATUS = "status";
    public static final String DEPRECATION_REASON = "deprecationReason";
    public static final String BROADER = "broader";
    public static final String RELATED = "related";
    public static final String IN_SCHEME = "inScheme";

    private static final List<String> LANGUAGE_FAMILIES = List.of(PREF_LABEL, ALT_LABELS, DEFINITION);

    private ConceptProperties() {}

    public static String key(String family, String lang) {
        return lang.isEmpty() ? family : family + "_" + lang;
    }

    /** True for keys that hold a literal fact (the ones a seed writes and a moderator may own). */
    public static boolean isLiteralFact(String key) {
        return key.equals(NOTATION) || key.equals(STATUS) || key.equals(DEPRECATION_REASON)
                || LANGUAGE_FAMILIES.stream().anyMatch(f -> key.equals(f) || key.startsWith(f + "_"));
    }

    /** The fact a property belongs to: a status reason is part of the status. */
    public static String factOf(String key) {
        return key.equals(DEPRECATION_REASON) ? STATUS : key;
    }

    /** Values of one language family by language, e.g. all prefLabels of a node's properties. */
    public static <T> SortedMap<String, T> byLanguage(Map<String, Object> properties, String family, Class<T> type) {
        SortedMap<String, T> out = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (key.equals(family)) {
                out.put("", type.cast(value));
            } else if (key.startsWith(family + "_")) {
                out.put(key.substring(family.length() + 1), type.cast(value));
            }
        });
        return out;
    }

    public static Map<String, Object> literalFacts(String notation, Map<String, String> prefLabels, Map<String, List<String>> altLabels,
                                                   Map<String, String> definitions, ConceptStatus status, String deprecationReason) {
        Map<String, Object> facts = new LinkedHashMap<>();
        prefLabels.forEach((lang, label) -> facts.put(key(PREF_LABEL, lang), label));
        altLabels.forEach((lang, labels) -> facts.put(key(ALT_LABELS, lang), List.copyOf(new TreeSet<>(labels))));
        definitions.forEach((lang, text) -> facts.put(key(DEFINITION, lang), text));
        if (notation != null) {
            facts.put(NOTATION, notation);
        }
        facts.put(STATUS, status.name());
        if (deprecationReason != null) {
            facts.put(DEPRECATION_REASON, deprecationReason);
        }
        return facts;
    }

    /**
     * Normalised forms of every label and the notation: what a typed tag is matched against. Kept on the node
     * ({@code labelKeys}) because list elements cannot be indexed; the lookup scans concepts, once per new tag.
     */
    public static List<String> labelKeys(Map<String, Object> properties) {
        Set<String> keys = new TreeSet<>();
        byLanguage(properties, PREF_LABEL, String.class).values().forEach(l -> keys.add(TagLabel.normalize(l)));
        byLanguage(properties, ALT_LABELS, List.class).values().forEach(ls -> ls.forEach(l -> keys.add(TagLabel.normalize((String) l))));
        if (properties.get(NOTATION) instanceof String notation) {
            keys.add(TagLabel.normalize(notation));
        }
        return new ArrayList<>(keys);
    }
}
