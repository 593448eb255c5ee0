package io.peergraph.api.taxonomy;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.SymptomProposals;
import io.peergraph.graph.taxonomy.ConceptView;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import io.peergraph.graph.taxonomy.curation.AuditEntry;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand;
import io.peergraph.graph.taxonomy.curation.CurationResult;
import io.peergraph.graph.taxonomy.curation.Rejection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Moderators' curation (MODERATOR, enforced by the schema's @access rules). Each mutation is one
 * {@link Curation} transaction recorded as one audit event; a refused change writes nothing and becomes a
 * typed error: NOT_FOUND, CONFLICT (a loop carries {@code extensions.loop}, a stale undo names the later
 * events) or BAD_USER_INPUT.
 */
@Controller
public class CurationController {

    static final int BULK_MAX = 100;

    private final CallerResolver callers;
    private final Curation curation;
    private final TaxonomyReader reader;
    private final SuggestionRounds suggestions;
    private final Paging paging;
    private final SymptomProposals symptomProposals;

    public CurationController(CallerResolver callers, Curation curation, TaxonomyReader reader, SuggestionRounds suggestions, Paging paging,
                              SymptomProposals symptomProposals) {
        this.callers = callers;
        this.symptomProposals = symptomProposals;
        this.curation = curation;
        this.reader = reader;
        this.suggestions = suggestions;
        this.paging = paging;
    }

    @MutationMapping
    public AuditEntry promoteTag(@Argument String tag, @Argument String scheme, @Argument String broader, @Argument String lang) {
        return apply(new CurationCommand.PromoteTag(tagId("tag", tag), TaxonomyInputs.iri("scheme", scheme), TaxonomyInputs.lang(lang),
                TaxonomyInputs.optionalIri("broader", broader)));
    }

    @MutationMapping
    public AuditEntry mapTagToConcept(@Argument String tag, @Argument String concept, @Argument String lang) {
        return apply(new CurationCommand.MapTag(tagId("tag", tag), TaxonomyInputs.iri("concept", concept), TaxonomyInputs.lang(lang)));
    }

    @MutationMapping
    public AuditEntry mergeTags(@Argument String source, @Argument String target, @Argument String lang) {
        return apply(new CurationCommand.MergeTags(tagId("source", source), tagId("target", target), TaxonomyInputs.lang(lang)));
    }

    @MutationMapping
    public AuditEntry mergeConcepts(@Argument String source, @Argument String target) {
        return apply(new CurationCommand.MergeConcepts(TaxonomyInputs.iri("source", source), TaxonomyInputs.iri("target", target)));
    }

    @MutationMapping
    public AuditEntry addAltLabel(@Argument String concept, @Argument String label, @Argument String lang) {
        return apply(new CurationCommand.AddAltLabel(TaxonomyInputs.iri("concept", concept), TaxonomyInputs.lang(lang),
                TaxonomyInputs.label("label", label)));
    }

    @MutationMapping
    public AuditEntry removeAltLabel(@Argument String concept, @Argument String label, @Argument String lang) {
        return apply(new CurationCommand.RemoveAltLabel(TaxonomyInputs.iri("concept", concept), TaxonomyInputs.lang(lang),
                TaxonomyInputs.label("label", label)));
    }

    @MutationMapping
    public AuditEntry setDefinition(@Argument String concept, @Argument String text, @Argument String lang) {
        return apply(new CurationCommand.SetDefinition(TaxonomyInputs.iri("concept", concept), TaxonomyInputs.lang(lang),
                Inputs.optionalBlock("text", text, TaxonomyInputs.DEFINITION_MAX)));
    }

    @MutationMapping
    public AuditEntry setBroader(@Argument String concept, @Argument String broader) {
        return apply(new CurationCommand.SetBroader(TaxonomyInputs.iri("concept", concept), TaxonomyInputs.iri("broader", broader)));
    }

    @MutationMapping
    public AuditEntry removeBroader(@Argument String concept, @Argument String broader) {
        return apply(new CurationCommand.RemoveBroader(TaxonomyInputs.iri("concept", concept), TaxonomyInputs.iri("broader", broader)));
    }

    @MutationMapping
    public AuditEntry markRelated(@Argument String concept, @Argument String related) {
        return apply(new CurationCommand.MarkRelated(TaxonomyInputs.iri("concept", concept), TaxonomyInputs.iri("related", related)));
    }

    @MutationMapping
    public AuditEntry unmarkRelated(@Argument String concept, @Argument String related) {
        return apply(new CurationCommand.UnmarkRelated(TaxonomyInputs.iri("concept", concept), TaxonomyInputs.iri("related", related)));
    }

    @MutationMapping
    public AuditEntry deprecateConcept(@Argument String concept, @Argument String replacement, @Argument String reason) {
        String cleanReason = Inputs.optionalLine("reason", reason, TaxonomyInputs.DEFINITION_MAX);
        String cleanReplacement = TaxonomyInputs.optionalIri("replacement", replacement);
        if (cleanReason == null && cleanReplacement == null) {
            throw new ApiException.BadUserInput("replacement", "give a replacement, a reason, or both");
        }
        return apply(new CurationCommand.Deprecate(TaxonomyInputs.iri("concept", concept), cleanReplacement, cleanReason));
    }

    @MutationMapping
    public AuditEntry renameConcept(@Argument String concept, @Argument String label, @Argument String lang) {
        return apply(new CurationCommand.Rename(TaxonomyInputs.iri("concept", concept), TaxonomyInputs.lang(lang), TaxonomyInputs.label("label", label)));
    }

    @MutationMapping
    public AuditEntry approveConcept(@Argument String concept) {
        return apply(new CurationCommand.Approve(TaxonomyInputs.iri("concept", concept), null));
    }

    /** A customer's symptom (its concept) becomes everyone's. */
    @MutationMapping
    public AuditEntry approveSymptom(@Argument String symptom) {
        return apply(new CurationCommand.Approve(conceptOfSymptom("symptom", symptom), null));
    }

    /** A customer's symptom is refused: its concept is deprecated with the reason, and nobody may pick it any more. */
    @MutationMapping
    public AuditEntry rejectSymptom(@Argument String symptom, @Argument String reason) {
        String why = Inputs.requiredLine("reason", reason, TaxonomyInputs.DEFINITION_MAX);
        return apply(new CurationCommand.Deprecate(conceptOfSymptom("symptom", symptom), null, why));
    }

    @MutationMapping
    public AuditEntry mergeSymptom(@Argument String source, @Argument String target) {
        return apply(new CurationCommand.MergeSymptoms(Inputs.id("source", source, PublicId.SYMPTOM), Inputs.id("target", target, PublicId.SYMPTOM)));
    }

    @QueryMapping
    public Window<SymptomProposals.Candidate> symptomCandidates(@Argument Integer first, @Argument String after) {
        var page = paging.keyset(first, after);
        return paging.keysetWindow(symptomProposals.candidates(page.afterTime(), page.afterId(), page.size()), page.size() - 1,
                SymptomProposals.Candidate::proposedAt, c -> c.symptom().id());
    }

    private String conceptOfSymptom(String field, String symptom) {
        String id = Inputs.id(field, symptom, PublicId.SYMPTOM);
        return symptomProposals.conceptOf(id).orElseThrow(() -> new ApiException.NotFound("symptom in the taxonomy", id));
    }

    @MutationMapping
    public AuditEntry curateInBulk(@Argument List<Map<String, Object>> changes) {
        if (changes.isEmpty() || changes.size() > BULK_MAX) {
            throw new ApiException.BadUserInput("changes", "give 1 to " + BULK_MAX + " changes");
        }
        return outcome(curation.applyAll(callers.current().customerId(), changes.stream().map(CurationController::command).toList()));
    }

    @MutationMapping
    public AuditEntry undoCuration(@Argument String event) {
        return outcome(curation.undo(callers.current().customerId(), Inputs.id("event", event, PublicId.AUDIT_EVENT)));
    }

    @QueryMapping
    public Window<AuditEntry> conceptHistory(@Argument String iri, @Argument Integer first, @Argument String after) {
        var page = paging.keyset(first, after);
        String concept = TaxonomyInputs.iri("iri", iri);
        if (reader.concept(concept).isEmpty()) {
            throw new ApiException.NotFound("concept", concept);
        }
        return paging.keysetWindow(curation.history(concept, page.afterTime(), page.afterId(), page.size()), page.size() - 1,
                AuditEntry::at, AuditEntry::id);
    }

    @QueryMapping
    public Window<AuditEntry> curationEvents(@Argument Integer first, @Argument String after) {
        var page = paging.keyset(first, after);
        return paging.keysetWindow(curation.recent(page.afterTime(), page.afterId(), page.size()), page.size() - 1,
                AuditEntry::at, AuditEntry::id);
    }

    @SchemaMapping(typeName = "CurationEvent", field = "by")
    public String by(AuditEntry event) {
        return event.moderatorId();
    }

    @BatchMapping(typeName = "CurationEvent", field = "concepts")
    public Map<AuditEntry, List<ConceptView>> concepts(List<AuditEntry> events) {
        Map<String, ConceptView> byId = new HashMap<>();
        reader.conceptsById(events.stream().flatMap(e -> e.subjectIds().stream()).filter(PublicId.CONCEPT::matches).distinct().toList())
                .forEach(c -> byId.put(c.id(), c));
        Map<AuditEntry, List<ConceptView>> out = new HashMap<>();
        events.forEach(e -> out.put(e, e.subjectIds().stream().map(byId::get).filter(java.util.Objects::nonNull).toList()));
        return out;
    }

    private AuditEntry apply(CurationCommand command) {
        return outcome(curation.apply(callers.current().customerId(), command));
    }

    private AuditEntry outcome(CurationResult result) {
        return switch (result) {
            case CurationResult.Applied applied -> {
                suggestions.invalidate(); // suggestions read what curation changed (mappings, merges)
                yield applied.event();
            }
            case CurationResult.Rejected rejected -> throw error(rejected.rejection());
        };
    }

    /** A refused change as a typed GraphQL error. */
    static ApiException error(Rejection rejection) {
        return switch (rejection) {
            case Rejection.NotFound n -> new ApiException.NotFound(n.kind(), n.reference());
            case Rejection.WouldCreateCycle cycle -> new ApiException.Conflict(cycle.message(), Map.of("loop",
                    cycle.path().stream().map(c -> {
                        Map<String, Object> step = new LinkedHashMap<>();
                        step.put("iri", c.iri());
                        step.put("label", c.prefLabel());
                        return step;
                    }).toList()));
            case Rejection.Conflict c -> new ApiException.Conflict(c.message());
            case Rejection.Invalid i -> new ApiException.BadUserInput("input", i.message());
        };
    }

    /** One bulk change: the fields its action needs, validated as the single mutation validates them. */
    private static CurationCommand command(Map<String, Object> change) {
        String action = String.valueOf(change.get("action"));
        String concept = (String) change.get("concept");
        String tag = (String) change.get("tag");
        String other = (String) change.get("other");
        String text = (String) change.get("text");
        String lang = TaxonomyInputs.lang((String) change.get("lang"));
        return switch (action) {
            case "PROMOTE_TAG" -> new CurationCommand.PromoteTag(tagId("changes.tag", tag), TaxonomyInputs.iri("changes.other", other), lang,
                    TaxonomyInputs.optionalIri("changes.broader", (String) change.get("broader")));
            case "MAP_TAG" -> new CurationCommand.MapTag(tagId("changes.tag", tag), TaxonomyInputs.iri("changes.concept", concept), lang);
            case "MERGE_TAGS" -> new CurationCommand.MergeTags(tagId("changes.tag", tag), tagId("changes.other", other), lang);
            case "MERGE_CONCEPTS" -> new CurationCommand.MergeConcepts(iri(concept), TaxonomyInputs.iri("changes.other", other));
            case "ADD_ALT_LABEL" -> new CurationCommand.AddAltLabel(iri(concept), lang, TaxonomyInputs.label("changes.text", text));
            case "REMOVE_ALT_LABEL" -> new CurationCommand.RemoveAltLabel(iri(concept), lang, TaxonomyInputs.label("changes.text", text));
            case "SET_DEFINITION" -> new CurationCommand.SetDefinition(iri(concept), lang,
                    Inputs.optionalBlock("changes.text", text, TaxonomyInputs.DEFINITION_MAX));
            case "SET_BROADER" -> new CurationCommand.SetBroader(iri(concept), TaxonomyInputs.iri("changes.other", other));
            case "REMOVE_BROADER" -> new CurationCommand.RemoveBroader(iri(concept), TaxonomyInputs.iri("changes.other", other));
            case "MARK_RELATED" -> new CurationCommand.MarkRelated(iri(concept), TaxonomyInputs.iri("changes.other", other));
            case "UNMARK_RELATED" -> new CurationCommand.UnmarkRelated(iri(concept), TaxonomyInputs.iri("changes.other", other));
            case "DEPRECATE" -> {
                String reason = Inputs.optionalLine("changes.text", text, TaxonomyInputs.DEFINITION_MAX);
                String replacement = TaxonomyInputs.optionalIri("changes.other", other);
                if (reason == null && replacement == null) {
                    throw new ApiException.BadUserInput("changes.other", "give a replacement, a reason, or both");
                }
                yield new CurationCommand.Deprecate(iri(concept), replacement, reason);
            }
            case "RENAME" -> new CurationCommand.Rename(iri(concept), lang, TaxonomyInputs.label("changes.text", text));
            case "APPROVE" -> new CurationCommand.Approve(iri(concept), null);
            default -> throw new ApiException.BadUserInput("changes.action", "unknown action " + action);
        };
    }

    private static String iri(String concept) {
        return TaxonomyInputs.iri("changes.concept", concept);
    }

    private static String tagId(String field, String id) {
        return Inputs.id(field, id, PublicId.TAG);
    }
}
