package io.peergraph.graph.taxonomy.curation;

import io.peergraph.graph.taxonomy.curation.CurationCommand.AddAltLabel;
import io.peergraph.graph.taxonomy.curation.CurationCommand.Approve;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeSymptoms;
import io.peergraph.graph.taxonomy.curation.CurationCommand.Deprecate;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MapTag;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MarkRelated;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeConcepts;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeTags;
import io.peergraph.graph.taxonomy.curation.CurationCommand.PromoteTag;
import io.peergraph.graph.taxonomy.curation.CurationCommand.RemoveAltLabel;
import io.peergraph.graph.taxonomy.curation.CurationCommand.RemoveBroader;
import io.peergraph.graph.taxonomy.curation.CurationCommand.Rename;
import io.peergraph.graph.taxonomy.curation.CurationCommand.SetBroader;
import io.peergraph.graph.taxonomy.curation.CurationCommand.SetDefinition;
import io.peergraph.graph.taxonomy.curation.CurationCommand.UnmarkRelated;

/**
 * A curation step in words, as moderators read it in the history ("merged tag pipe-wire into pipewire"): tags by
 * label, concepts by English label, read before the step changes them. A tag or concept that does not exist (the
 * step will be refused) is named by the reference given.
 */
final class CurationSummary {

    private CurationSummary() {}

    static String of(EditContext ctx, CurationCommand command) {
        return switch (command) {
            case PromoteTag c -> "promoted tag " + tag(ctx, c.tagId()) + " to a concept"
                    + (c.broaderIri() == null ? "" : " under " + concept(ctx, c.broaderIri()));
            case MapTag c -> "mapped tag " + tag(ctx, c.tagId()) + " to " + concept(ctx, c.conceptIri());
            case MergeTags c -> "merged tag " + tag(ctx, c.sourceTagId()) + " into " + tag(ctx, c.targetTagId());
            case MergeConcepts c -> "merged concept " + concept(ctx, c.sourceIri()) + " into " + concept(ctx, c.targetIri());
            case AddAltLabel c -> "added alternative label " + quoted(c.label(), c.lang()) + " to " + concept(ctx, c.conceptIri());
            case RemoveAltLabel c -> "removed alternative label " + quoted(c.label(), c.lang()) + " from " + concept(ctx, c.conceptIri());
            case SetDefinition c -> (c.text() == null || c.text().isBlank() ? "removed the definition" : "set the definition")
                    + language(c.lang()) + " of " + concept(ctx, c.conceptIri());
            case SetBroader c -> "put " + concept(ctx, c.conceptIri()) + " under " + concept(ctx, c.broaderIri());
            case RemoveBroader c -> "took " + concept(ctx, c.conceptIri()) + " from under " + concept(ctx, c.broaderIri());
            case MarkRelated c -> "marked " + concept(ctx, c.conceptIri()) + " related to " + concept(ctx, c.relatedIri());
            case UnmarkRelated c -> "unmarked " + concept(ctx, c.conceptIri()) + " as related to " + concept(ctx, c.relatedIri());
            case Deprecate c -> "deprecated " + concept(ctx, c.conceptIri())
                    + (c.replacementIri() == null ? "" : " in favour of " + concept(ctx, c.replacementIri()))
                    + (c.reason() == null || c.reason().isBlank() ? "" : " (" + c.reason().strip() + ")");
            case Approve c -> "approved " + concept(ctx, c.conceptIri())
                    + (c.reason() == null || c.reason().isBlank() ? "" : " (" + c.reason().strip() + ")");
            case MergeSymptoms c -> "merged symptom " + symptom(ctx, c.sourceSymptomId()) + " into " + symptom(ctx, c.targetSymptomId());
            case Rename c -> "renamed " + concept(ctx, c.conceptIri()) + " to " + quoted(c.label(), c.lang());
        };
    }

    private static String tag(EditContext ctx, String id) {
        return ctx.tag(id).map(TagNode::label).orElse(id);
    }

    private static String symptom(EditContext ctx, String id) {
        return ctx.symptom(id).map(SymptomNode::displayName).orElse(id);
    }

    private static String concept(EditContext ctx, String iri) {
        return ctx.concept(iri).map(ConceptNode::displayLabel).orElse(iri);
    }

    private static String quoted(String label, String lang) {
        return "\"" + (label == null ? "" : label.strip()) + "\"" + (lang == null || lang.isEmpty() ? "" : "@" + lang);
    }

    private static String language(String lang) {
        return lang == null || lang.isEmpty() ? "" : " (" + lang + ")";
    }
}
