package io.peergraph.api.symptom;

import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Role;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.symptom.SymptomVisibility;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The symptoms of things the caller already sees (reports, peers' reports, solutions, similar cases), as the caller
 * may see them ({@link SymptomVisibility#SHOWN}): a customer's symptom not yet approved only to those who described it
 * and to moderators; anyone else gets the thing without it. One batch query for all the things of a response.
 */
@Component
public class ShownSymptoms {

    private final SymptomStore symptoms;
    private final CallerResolver callers;

    public ShownSymptoms(SymptomStore symptoms, CallerResolver callers) {
        this.symptoms = symptoms;
        this.callers = callers;
    }

    /** Whether the caller may see every one of these symptoms (by the same rule), e.g. to search by them. */
    public boolean allSeen(List<String> ids) {
        return ids.isEmpty() || seen(ids).size() == ids.stream().distinct().count();
    }

    /** Each thing's symptoms (by {@code ids}, in that order) that the caller may see. */
    public <T> Map<T, List<Symptom>> of(List<T> things, Function<T, List<String>> ids) {
        Map<String, Symptom> byId = seen(things.stream().flatMap(t -> ids.apply(t).stream()).distinct().toList()).stream()
                .collect(Collectors.toMap(Symptom::id, Function.identity()));
        Map<T, List<Symptom>> out = new HashMap<>();
        things.forEach(t -> out.put(t, ids.apply(t).stream().map(byId::get).filter(Objects::nonNull).toList()));
        return out;
    }

    private List<Symptom> seen(List<String> ids) {
        Optional<Caller> caller = callers.signedIn();
        return caller.filter(c -> c.has(Role.MODERATOR)).isPresent() ? symptoms.byIds(ids)
                : symptoms.shown(ids, caller.map(Caller::customerId).orElse(null));
    }
}
