package io.peergraph.ingest.protondb;

import io.peergraph.ingest.normalise.NormalisedItem;
import java.time.Instant;
import java.util.List;

/**
 * One ProtonDB report, ready to write: the game, the reporter's system (whose hash names the pseudonymous
 * customer and their configuration), the symptoms, what was tried with its note, and whether it worked.
 */
public record ProtonDbReport(String sourceKey, String format, String steamAppId, String gameTitle, Instant occurredAt,
                             String title, String text, boolean worked, String verdict, String systemHash,
                             List<NormalisedItem> items, List<Symptom> symptoms, List<Tried> tried) {

    /** A solution tried on this report, with the reporter's note about it, if any. */
    public record Tried(Solution solution, String note) {}
}
