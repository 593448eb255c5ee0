package io.peergraph.api.symptom;

import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The symptoms customers report. */
@Controller
public class SymptomController {

    private final SymptomStore symptoms;
    private final Paging paging;

    public SymptomController(SymptomStore symptoms, Paging paging) {
        this.symptoms = symptoms;
        this.paging = paging;
    }

    @QueryMapping
    public Symptom symptom(@Argument String id) {
        return symptoms.byId(Inputs.id("id", id, PublicId.SYMPTOM)).orElse(null);
    }

    @QueryMapping
    public Window<Symptom> symptoms(@Argument String search, @Argument Integer first, @Argument String after) {
        int size = paging.size(first);
        String text = Inputs.optionalLine("search", search, Inputs.NAME_MAX);
        return paging.window(symptoms.page(text, (String) paging.keysAfter(after).get("key"), size + 1), size,
                s -> Map.of("key", s.key()));
    }

    @BatchMapping(typeName = "Symptom", field = "broader")
    public Map<Symptom, Symptom> broader(List<Symptom> list) {
        Map<String, Symptom> byId = symptoms.byIds(list.stream().map(Symptom::broaderId).filter(Objects::nonNull).distinct().toList())
                .stream().collect(Collectors.toMap(Symptom::id, Function.identity()));
        Map<Symptom, Symptom> out = new HashMap<>();
        list.forEach(s -> out.put(s, s.broaderId() == null ? null : byId.get(s.broaderId())));
        return out;
    }
}
