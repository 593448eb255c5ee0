package io.peergraph.ingest.engine;

import io.peergraph.graph.imports.SymptomImport;
import io.peergraph.graph.peers.SignatureResign;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.neo4j.driver.TransactionContext;

/**
 * The symptoms a batch refers to, with their broader ones: created once per batch (graph-model's
 * {@link SymptomImport}, which re-signs the reports under a symptom it links to a broader one), and classified
 * as they arrive under the symptom scheme's concept with their key as notation (CLI and /admin/import alike), so
 * hierarchy-aware questions see them at once.
 */
public final class SymptomHierarchy {

    private SymptomHierarchy() {}

    /** Creates and links {@code symptoms} (broader ones included) and classifies the new ones. */
    public static void settle(TransactionContext tx, Collection<SymptomImport.Node> symptoms) {
        if (symptoms.isEmpty()) {
            return;
        }
        SymptomImport.merge(tx, symptoms);
        // A symptom that was in the graph before (made elsewhere, or before the seeds) may have reports, whose
        // signatures now lack the concepts. ConceptHierarchy leaves re-signing to its caller.
        List<String> newlyClassified = ConceptHierarchy.classifySymptoms(tx, symptoms.stream().map(SymptomImport.Node::key).toList());
        SignatureResign.ofSymptoms(tx, newlyClassified, "symptom classified on import");
    }

    /**
     * "audio/crackling" → [audio, audio/crackling], each named after its last part ("Crackling"). Keys are
     * lower-cased; an empty part ("audio//x"), or a part that makes a name the API refuses ("audio/x", "audio/42":
     * {@code SymptomName}), is refused with IllegalArgumentException.
     */
    public static List<SymptomImport.Node> chain(String key) {
        String[] parts = key.strip().toLowerCase(Locale.ROOT).split("/", -1);
        List<SymptomImport.Node> chain = new java.util.ArrayList<>(parts.length);
        String broader = null;
        for (String part : parts) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("has a key with an empty part: '" + key + "' (use keys such as audio/crackling)");
            }
            String k = broader == null ? name : broader + "/" + name;
            try {
                chain.add(new SymptomImport.Node(k, Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('-', ' '), broader));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("has the key '" + key + "': " + e.getMessage() + ", as the API requires", e);
            }
            broader = k;
        }
        return chain;
    }
}
