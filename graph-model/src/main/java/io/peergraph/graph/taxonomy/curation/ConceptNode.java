package io.peergraph.graph.taxonomy.curation;

import io.peergraph.graph.taxonomy.ConceptProperties;
import io.peergraph.graph.taxonomy.ConceptRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A concept as read inside a curation transaction: its id, IRI and all properties. */
record ConceptNode(String id, String iri, Map<String, Object> props) {

    String prefLabel(String lang) {
        return (String) props.get(ConceptProperties.key(ConceptProperties.PREF_LABEL, lang));
    }

    /** The English label, else any, for messages and references. */
    String displayLabel() {
        var labels = ConceptProperties.byLanguage(props, ConceptProperties.PREF_LABEL, String.class);
        return labels.getOrDefault("en", labels.isEmpty() ? iri : labels.get(labels.firstKey()));
    }

    List<String> altLabels(String lang) {
        Object value = props.get(ConceptProperties.key(ConceptProperties.ALT_LABELS, lang));
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add((String) v));
        }
        return out;
    }

    boolean deprecated() {
        return "DEPRECATED".equals(props.get(ConceptProperties.STATUS));
    }

    ConceptRef ref() {
        return new ConceptRef(id, iri, displayLabel());
    }
}
