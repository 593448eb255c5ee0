package io.peergraph.graph.taxonomy.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.SignatureResign;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;

/**
 * Moderators' changes to the taxonomy. Each call is one transaction: it is applied whole and recorded as one
 * {@code :AuditEvent} (who, when, what, the exact before and after state), or refused whole with a
 * {@link Rejection}. Role checks are the caller's job; {@code moderatorId} is recorded as given.
 *
 * <p>A change that moves concepts in the hierarchy (broader links, a merge, an undo of either) re-signs the peer
 * signatures of the reports under them in the same transaction, or queues the re-sign when they are many
 * ({@link SignatureResign}): a signature carries the concepts above a report's symptoms.
 */
public final class Curation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Actions whose undo may move concepts in the hierarchy (a bulk change or an undo may hold any of them). */
    private static final Set<String> MOVES = Set.of("SET_BROADER", "REMOVE_BROADER", "MERGE_CONCEPTS", "MERGE_SYMPTOMS", "BULK", "UNDO");

    private final Driver driver;

    public Curation(Driver driver) {
        this.driver = driver;
    }

    public CurationResult apply(String moderatorId, CurationCommand command) {
        return applyAll(moderatorId, List.of(command));
    }

    /** All commands or none: the first rejection rolls back the ones before it. Undone as one. */
    public CurationResult applyAll(String moderatorId, List<CurationCommand> commands) {
        if (commands.isEmpty()) {
            return new CurationResult.Rejected(new Rejection.Invalid("No changes given"));
        }
        try (Session session = driver.session(); Transaction tx = session.beginTransaction()) {
            EditContext ctx = new EditContext(tx, moderatorId, ZonedDateTime.now(ZoneOffset.UTC));
            List<String> said = new ArrayList<>();
            for (CurationCommand command : commands) {
                said.add(CurationSummary.of(ctx, command)); // in the words of the state before the step
                Optional<Rejection> rejection = edit(ctx, command);
                if (rejection.isPresent()) {
                    tx.rollback();
                    return new CurationResult.Rejected(rejection.get());
                }
            }
            String action = commands.size() == 1 ? action(commands.getFirst()) : "BULK";
            SignatureResign.underConcepts(tx, ctx.moved(), "curation " + action);
            SymptomEdits.visibilityMayHaveChanged(tx, ctx.subjects());
            String after = Snapshot.capture(tx, ctx.subjects());
            AuditEntry event = AuditLog.write(tx, PublicId.AUDIT_EVENT.random(), moderatorId, ctx.now, action, String.join("; ", said),
                    json(commands), ctx.subjects(), ctx.before(), after, null);
            tx.commit();
            return new CurationResult.Applied(event);
        }
    }

    /**
     * Puts every node the event touched back exactly as it was before it. Refused when the event was already
     * undone or when those nodes changed since (undo the later events first).
     */
    public CurationResult undo(String moderatorId, String auditEventId) {
        try (Session session = driver.session(); Transaction tx = session.beginTransaction()) {
            Optional<AuditEntry> found = AuditLog.byId(tx, auditEventId);
            if (found.isEmpty()) {
                return new CurationResult.Rejected(new Rejection.NotFound("audit event", auditEventId));
            }
            AuditEntry event = found.get();
            if (event.undoneBy() != null) {
                return new CurationResult.Rejected(new Rejection.Conflict("Already undone by " + event.undoneBy()));
            }
            String current = Snapshot.capture(tx, Snapshot.ids(event.after()));
            if (!current.equals(event.after())) {
                return new CurationResult.Rejected(new Rejection.Conflict(
                        "Changed since by " + AuditLog.laterEvents(tx, auditEventId) + "; undo those first"));
            }
            Snapshot.restore(tx, event.before(), event.after());
            SymptomEdits.restored(tx, Snapshot.ids(event.before())); // reports and solutions back on their symptom: re-sign, re-index
            SymptomEdits.visibilityMayHaveChanged(tx, Snapshot.ids(event.before()));
            if (MOVES.contains(event.action())) {
                // Every concept the event touched is back where it was; the reports under each follow.
                SignatureResign.underConcepts(tx, Snapshot.ids(event.before()), "undo " + event.action());
            }
            String restored = Snapshot.capture(tx, Snapshot.ids(event.before()));
            String undoId = PublicId.AUDIT_EVENT.random();
            AuditEntry undo = AuditLog.write(tx, undoId, moderatorId, ZonedDateTime.now(ZoneOffset.UTC), "UNDO",
                    "undid: " + event.summary(), null, List.copyOf(Snapshot.ids(event.before())),
                    current, restored, event.id());
            AuditLog.markUndone(tx, event.id(), undoId);
            tx.commit();
            return new CurationResult.Applied(undo);
        }
    }

    /** The changes that touched a concept, newest first. */
    public List<AuditEntry> history(String conceptIri, int limit) {
        return history(conceptIri, null, null, limit);
    }

    /** The changes that touched a concept, newest first, strictly after the keyset cursor (epoch millis, event id) when given. */
    public List<AuditEntry> history(String conceptIri, Long afterMillis, String afterId, int limit) {
        try (Session session = driver.session()) {
            return AuditLog.history(session, conceptIri, afterMillis, afterId, limit);
        }
    }

    /** The latest changes to the taxonomy, newest first. */
    public List<AuditEntry> recent(int limit) {
        return recent(null, null, limit);
    }

    /** The latest changes to the taxonomy, newest first, strictly after the keyset cursor when given. */
    public List<AuditEntry> recent(Long afterMillis, String afterId, int limit) {
        try (Session session = driver.session()) {
            return AuditLog.recent(session, afterMillis, afterId, limit);
        }
    }

    /** One recorded change, if any. */
    public Optional<AuditEntry> event(String auditEventId) {
        try (Session session = driver.session()) {
            return AuditLog.byId(session, auditEventId);
        }
    }

    private static Optional<Rejection> edit(EditContext ctx, CurationCommand command) {
        return switch (command) {
            case CurationCommand.PromoteTag c -> TagEdits.promote(ctx, c);
            case CurationCommand.MapTag c -> TagEdits.map(ctx, c);
            case CurationCommand.MergeTags c -> TagEdits.merge(ctx, c);
            case CurationCommand.MergeConcepts c -> ConceptEdits.mergeConcepts(ctx, c);
            case CurationCommand.AddAltLabel c -> ConceptEdits.addAltLabel(ctx, c);
            case CurationCommand.RemoveAltLabel c -> ConceptEdits.removeAltLabel(ctx, c);
            case CurationCommand.SetDefinition c -> ConceptEdits.setDefinition(ctx, c);
            case CurationCommand.SetBroader c -> ConceptEdits.setBroader(ctx, c);
            case CurationCommand.RemoveBroader c -> ConceptEdits.removeBroader(ctx, c);
            case CurationCommand.MarkRelated c -> ConceptEdits.markRelated(ctx, c);
            case CurationCommand.UnmarkRelated c -> ConceptEdits.unmarkRelated(ctx, c);
            case CurationCommand.Deprecate c -> ConceptEdits.deprecate(ctx, c);
            case CurationCommand.Rename c -> ConceptEdits.rename(ctx, c);
            case CurationCommand.Approve c -> ConceptEdits.approve(ctx, c);
            case CurationCommand.MergeSymptoms c -> SymptomEdits.merge(ctx, c);
        };
    }

    /** PROMOTE_TAG, MERGE_CONCEPTS, …: the command's name in the upper-case style of stored enumerations. */
    static String action(CurationCommand command) {
        return command.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static String json(List<CurationCommand> commands) {
        try {
            return JSON.writeValueAsString(commands.stream().map(c -> Map.of(action(c), c)).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
