package io.peergraph.api.symptom;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Validates a list of symptom ids in an input: 1..20, well formed, existing and visible to the caller (a symptom
 * another customer described and no moderator approved yet is, to them, an id that does not exist); duplicates dropped.
 */
@Component
public class SymptomInputs {

    static final int MAX_SYMPTOMS = 20;

    private final SymptomStore symptoms;

    public SymptomInputs(SymptomStore symptoms) {
        this.symptoms = symptoms;
    }

    public List<String> existing(String field, List<String> ids, String callerId) {
        if (ids == null || ids.isEmpty()) {
            throw new ApiException.BadUserInput(field, "name at least one symptom");
        }
        if (ids.size() > MAX_SYMPTOMS) {
            throw new ApiException.BadUserInput(field, "at most " + MAX_SYMPTOMS + " symptoms");
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        for (int i = 0; i < distinct.size(); i++) {
            Inputs.id(field + "[" + i + "]", distinct.get(i), PublicId.SYMPTOM);
        }
        Set<String> found = symptoms.visible(distinct, callerId).stream().map(Symptom::id).collect(Collectors.toSet());
        for (int i = 0; i < distinct.size(); i++) {
            if (!found.contains(distinct.get(i))) {
                throw new ApiException.BadUserInput(field + "[" + i + "]", "no symptom has this id");
            }
        }
        return distinct;
    }
}
