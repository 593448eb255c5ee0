package io.peergraph.api.taxonomy;

import io.peergraph.api.graphql.Paging;
import io.peergraph.graph.tag.BroaderCandidate;
import io.peergraph.graph.tag.EmergingTag;
import io.peergraph.graph.tag.SymptomTagCandidate;
import io.peergraph.graph.tag.SynonymCandidate;
import io.peergraph.graph.tag.Tag;
import io.peergraph.graph.tag.TagRef;
import io.peergraph.graph.tag.TagSuggestions;
import io.peergraph.graph.taxonomy.ConceptView;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** What tag usage suggests to moderators, with evidence, paged through one round at a time (MODERATOR, by the schema). */
@Controller
public class SuggestionController {

    private final SuggestionRounds rounds;
    private final TaxonomyReader reader;
    private final Paging paging;

    public SuggestionController(SuggestionRounds rounds, TaxonomyReader reader, Paging paging) {
        this.rounds = rounds;
        this.reader = reader;
        this.paging = paging;
    }

    @QueryMapping
    public Window<EmergingTag> emergingTags(@Argument Integer minUses, @Argument Integer minCustomers, @Argument Integer first,
                                            @Argument String after) {
        return paging.offsetPage(rounds.emerging(thresholds(minUses, minCustomers)), first, after);
    }

    @QueryMapping
    public Window<SynonymCandidate> synonymCandidates(@Argument Integer minUses, @Argument Integer first, @Argument String after) {
        return paging.offsetPage(rounds.synonyms(thresholds(minUses, null)), first, after);
    }

    @QueryMapping
    public Window<SymptomTagCandidate> symptomTagCandidates(@Argument Integer minUses, @Argument Integer first, @Argument String after) {
        return paging.offsetPage(rounds.symptomTags(thresholds(minUses, null)), first, after);
    }

    @SchemaMapping(typeName = "SymptomTagCandidate")
    public Tag tag(SymptomTagCandidate candidate) {
        return tag(candidate.tag());
    }

    @QueryMapping
    public Window<BroaderCandidate> broaderCandidates(@Argument Integer minUses, @Argument Integer first, @Argument String after) {
        return paging.offsetPage(rounds.broader(thresholds(minUses, null)), first, after);
    }

    @SchemaMapping(typeName = "EmergingTag")
    public Tag tag(EmergingTag emerging) {
        return tag(emerging.tag());
    }

    @SchemaMapping(typeName = "SynonymCandidate")
    public Tag first(SynonymCandidate candidate) {
        return tag(candidate.first());
    }

    @SchemaMapping(typeName = "SynonymCandidate")
    public Tag second(SynonymCandidate candidate) {
        return tag(candidate.second());
    }

    @SchemaMapping(typeName = "BroaderCandidate")
    public Tag narrower(BroaderCandidate candidate) {
        return tag(candidate.narrower());
    }

    @SchemaMapping(typeName = "BroaderCandidate")
    public Tag broaderTag(BroaderCandidate candidate) {
        return candidate.broaderTag() == null ? null : tag(candidate.broaderTag());
    }

    @BatchMapping(typeName = "BroaderCandidate", field = "broaderConcept")
    public Map<BroaderCandidate, ConceptView> broaderConcept(List<BroaderCandidate> candidates) {
        Map<String, ConceptView> byIri = new HashMap<>();
        reader.concepts(candidates.stream().map(BroaderCandidate::broaderConcept).filter(Objects::nonNull).map(c -> c.iri()).distinct().toList())
                .forEach(c -> byIri.put(c.iri(), c));
        Map<BroaderCandidate, ConceptView> out = new HashMap<>();
        candidates.forEach(c -> out.put(c, c.broaderConcept() == null ? null : byIri.get(c.broaderConcept().iri())));
        return out;
    }

    private static Tag tag(TagRef ref) {
        return new Tag(ref.id(), ref.label(), ref.normalized(), ref.usageCount());
    }

    private static TagSuggestions.Thresholds thresholds(Integer minUses, Integer minCustomers) {
        var defaults = TagSuggestions.Thresholds.DEFAULT;
        return new TagSuggestions.Thresholds(TaxonomyInputs.atLeastOne("minUses", minUses, defaults.minUses()),
                TaxonomyInputs.atLeastOne("minCustomers", minCustomers, defaults.minCustomers()), defaults.minConfidence(),
                defaults.maxReverseConfidence(), defaults.minLift(), defaults.minUsageSimilarity(), defaults.maxTogether());
    }
}
