package io.peergraph.api.symptom;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomProposals;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The symptoms customers report, as each caller may see them ({@code SymptomVisibility}), and the symptoms customers
 * describe in their own words ({@link SymptomProposals}): at most {@code peergraph.taxonomy.symptom-proposals-per-day}
 * (default 5) per customer in any 24 hours, beyond which RATE_LIMITED with {@code retryAfter}.
 */
@Controller
public class SymptomController {

    private final SymptomStore symptoms;
    private final SymptomProposals proposals;
    private final CallerResolver callers;
    private final Paging paging;
    private final int proposalsPerDay;

    public SymptomController(SymptomStore symptoms, SymptomProposals proposals, CallerResolver callers, Paging paging,
                             @Value("${peergraph.taxonomy.symptom-proposals-per-day:5}") int proposalsPerDay) {
        if (proposalsPerDay < 0) {
            throw new IllegalArgumentException("peergraph.taxonomy.symptom-proposals-per-day must not be negative, not " + proposalsPerDay);
        }
        this.symptoms = symptoms;
        this.proposals = proposals;
        this.callers = callers;
        this.paging = paging;
        this.proposalsPerDay = proposalsPerDay;
    }

    /** What describing a symptom gave: the one made or named, or the closest existing ones offered instead. */
    public record SymptomDescription(Symptom symptom, boolean created, List<Symptom> offered) {}

    public record DescribeSymptomInput(String name, Boolean noneFits) {}

    @QueryMapping
    public Symptom symptom(@Argument String id) {
        return symptoms.visible(Inputs.id("id", id, PublicId.SYMPTOM), viewerId()).orElse(null);
    }

    @QueryMapping
    public Window<Symptom> symptoms(@Argument String search, @Argument Integer first, @Argument String after) {
        int size = paging.size(first);
        String text = Inputs.optionalLine("search", search, Inputs.NAME_MAX);
        return paging.window(symptoms.page(text, (String) paging.keysAfter(after).get("key"), size + 1, viewerId()), size,
                s -> Map.of("key", s.key()));
    }

    @MutationMapping
    public SymptomDescription describeSymptom(@Argument DescribeSymptomInput input) {
        Caller caller = callers.current();
        return switch (proposals.propose(caller.customerId(), input.name(), Boolean.TRUE.equals(input.noneFits()), proposalsPerDay)) {
            case SymptomProposals.Outcome.Created c -> new SymptomDescription(c.symptom(), true, List.of());
            case SymptomProposals.Outcome.Existing e -> new SymptomDescription(e.symptom(), false, List.of());
            case SymptomProposals.Outcome.Offered o -> new SymptomDescription(null, false, o.closest());
            case SymptomProposals.Outcome.Invalid i -> throw new ApiException.BadUserInput("input.name", i.reason());
            case SymptomProposals.Outcome.TooMany t -> throw new ApiException.RateLimited("You described " + t.perDay()
                    + " new symptoms in the last 24 hours; try again in " + t.retryAfterSeconds() + " s.", t.retryAfterSeconds());
        };
    }

    @BatchMapping(typeName = "Symptom", field = "broader")
    public Map<Symptom, Symptom> broader(List<Symptom> list) {
        Map<String, Symptom> byId = symptoms.byIds(list.stream().map(Symptom::broaderId).filter(Objects::nonNull).distinct().toList())
                .stream().collect(Collectors.toMap(Symptom::id, Function.identity()));
        Map<Symptom, Symptom> out = new HashMap<>();
        list.forEach(s -> out.put(s, s.broaderId() == null ? null : byId.get(s.broaderId())));
        return out;
    }

    private String viewerId() {
        return callers.signedIn().map(Caller::customerId).orElse(null);
    }
}
