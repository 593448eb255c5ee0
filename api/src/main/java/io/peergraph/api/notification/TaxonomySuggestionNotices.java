package io.peergraph.api.notification;

import io.peergraph.graph.notification.SuggestionAnnouncements.Suggestion;
import io.peergraph.graph.notification.SuggestionAnnouncements;
import io.peergraph.graph.tag.BroaderCandidate;
import io.peergraph.graph.tag.SynonymCandidate;
import io.peergraph.graph.tag.TagRef;
import io.peergraph.graph.tag.TagSuggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells moderators of new synonym and broader candidates: computes both lists as the moderators' suggestion
 * queries do (one in-memory pass over all tag usage, seconds on a large store, hence a scheduled job and not
 * a test per event), names each suggestion by its kind and normalised tags (or tag and concept IRI), and hands at
 * most {@code perRun} new ones, synonyms and broader candidates taken in turn, best first, to
 * {@link SuggestionAnnouncements}, which tells each once.
 */
public class TaxonomySuggestionNotices {

    private final TagSuggestions suggestions;
    private final SuggestionAnnouncements announcements;
    private final TagSuggestions.Thresholds thresholds;
    private final int perRun;

    public TaxonomySuggestionNotices(TagSuggestions suggestions, SuggestionAnnouncements announcements,
                                     TagSuggestions.Thresholds thresholds, int perRun) {
        var defaults = TagSuggestions.Thresholds.DEFAULT;
        // Looser than the moderators' lists would tell of suggestions they cannot find there.
        if (thresholds.minUses() < defaults.minUses() || thresholds.minConfidence() < defaults.minConfidence()
                || thresholds.maxReverseConfidence() > defaults.maxReverseConfidence()) {
            throw new IllegalArgumentException("suggestion thresholds " + thresholds + " are looser than the moderators' defaults " + defaults);
        }
        if (perRun < 1) {
            throw new IllegalArgumentException("at least one suggestion per run, not " + perRun);
        }
        this.suggestions = suggestions;
        this.announcements = announcements;
        this.thresholds = thresholds;
        this.perRun = perRun;
    }

    /** One run: compute (one read of all tag usage), keep what was not told yet, tell at most {@code perRun}. */
    public SuggestionAnnouncements.Result run() {
        TagSuggestions.Candidates candidates = suggestions.synonymAndBroaderCandidates(thresholds);
        List<Suggestion> synonyms = candidates.synonyms().stream().map(TaxonomySuggestionNotices::synonym).toList();
        List<Suggestion> broader = candidates.broader().stream().map(TaxonomySuggestionNotices::broader).toList();
        return announcements.announce(inTurn(synonyms, broader), perRun);
    }

    static Suggestion synonym(SynonymCandidate c) {
        // The pair in either order is one suggestion.
        boolean ordered = c.first().normalized().compareTo(c.second().normalized()) <= 0;
        TagRef a = ordered ? c.first() : c.second();
        TagRef b = ordered ? c.second() : c.first();
        return new Suggestion("synonym:" + a.normalized() + "|" + b.normalized(), a.id(),
                "Synonym candidate: '" + a.label() + "' and '" + b.label() + "'",
                String.format(Locale.ROOT, "similarity %.2f, %s; %d things tagged with both", c.similarity(), c.reason(), c.sharedThings()));
    }

    static Suggestion broader(BroaderCandidate c) {
        TagRef narrower = c.narrower();
        if (c.basis() == BroaderCandidate.Basis.CO_OCCURRENCE) {
            TagRef broader = c.broaderTag();
            return new Suggestion("broader:" + narrower.normalized() + "|tag:" + broader.normalized(), narrower.id(),
                    "Broader candidate: '" + narrower.label() + "' under '" + broader.label() + "'",
                    String.format(Locale.ROOT, "in %.0f%% of '%s' things, %d shared; '%s' on %d things",
                            100 * c.confidence(), narrower.label(), c.sharedThings(), broader.label(), c.broaderThings()));
        }
        return new Suggestion("broader:" + narrower.normalized() + "|concept:" + c.broaderConcept().iri(), narrower.id(),
                "Broader candidate: '" + narrower.label() + "' under the concept '" + c.broaderConcept().prefLabel() + "'",
                String.format(Locale.ROOT, "label namespace names the concept %s; on %d things", c.broaderConcept().iri(), c.narrowerThings()));
    }

    /** Both lists taken in turn, so a long list of one kind never holds back the other. */
    private static List<Suggestion> inTurn(List<Suggestion> first, List<Suggestion> second) {
        List<Suggestion> out = new ArrayList<>(first.size() + second.size());
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            if (i < first.size()) {
                out.add(first.get(i));
            }
            if (i < second.size()) {
                out.add(second.get(i));
            }
        }
        return out;
    }
}
