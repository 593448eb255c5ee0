package io.peergraph.graph.taxonomy.curation;

/**
 * A moderator's change to the taxonomy, as the API receives it. Concepts are named by IRI, tags by id;
 * {@code lang} is a language tag such as "en" ("" for labels without language).
 */
public sealed interface CurationCommand {

    /** Makes a new candidate concept from a tag (labelled as the tag), in a scheme, optionally under a broader concept. */
    record PromoteTag(String tagId, String schemeIri, String lang, String broaderIri) implements CurationCommand {}

    /** Declares that a tag means an existing concept; its label becomes an altLabel unless already a label. */
    record MapTag(String tagId, String conceptIri, String lang) implements CurationCommand {}

    /** Retags everything tagged with {@code source} as {@code target}; the source label then resolves to the target. */
    record MergeTags(String sourceTagId, String targetTagId, String lang) implements CurationCommand {}

    /** Moves tags, classifications, narrower and related concepts to {@code target}; the source is deprecated, replaced by it. */
    record MergeConcepts(String sourceIri, String targetIri) implements CurationCommand {}

    record AddAltLabel(String conceptIri, String lang, String label) implements CurationCommand {}

    record RemoveAltLabel(String conceptIri, String lang, String label) implements CurationCommand {}

    /** {@code text} null removes the definition in that language. */
    record SetDefinition(String conceptIri, String lang, String text) implements CurationCommand {}

    record SetBroader(String conceptIri, String broaderIri) implements CurationCommand {}

    record RemoveBroader(String conceptIri, String broaderIri) implements CurationCommand {}

    record MarkRelated(String conceptIri, String relatedIri) implements CurationCommand {}

    record UnmarkRelated(String conceptIri, String relatedIri) implements CurationCommand {}

    /** Needs a replacement, a reason, or both. */
    record Deprecate(String conceptIri, String replacementIri, String reason) implements CurationCommand {}

    /**
     * A CANDIDATE concept (a promoted tag, a symptom a customer described) becomes APPROVED. {@code reason} says why
     * when it is not a moderator's judgement (e.g. "used by 3 customers"), else null.
     */
    record Approve(String conceptIri, String reason) implements CurationCommand {}

    /**
     * A symptom a customer described joins an existing one: its reports and solutions show {@code target} from now
     * on, it points MERGED_INTO it, and its concept merges into the target's (its name becomes an altLabel there).
     */
    record MergeSymptoms(String sourceSymptomId, String targetSymptomId) implements CurationCommand {}

    /** New prefLabel in a language; the old one stays as an altLabel so it keeps resolving. */
    record Rename(String conceptIri, String lang, String label) implements CurationCommand {}
}
