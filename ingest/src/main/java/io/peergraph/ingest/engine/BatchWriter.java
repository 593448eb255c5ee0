package io.peergraph.ingest.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.TransactionContext;

/**
 * Writes one entity type, a batch at a time, inside the engine's transaction, through graph-model's import operations
 * (io.peergraph.graph.imports), which record the outbox events of what search shows in that transaction.
 */
public interface BatchWriter<T> {

    /** Which of these natural keys the graph already holds (those records count as unchanged). */
    Set<String> existing(TransactionContext tx, Collection<String> keys);

    /**
     * Writes records that are not in the graph yet. Returns the keys of records it could not write (e.g. a reference
     * to a record that is not in the graph) with a reason; the engine counts those as rejected.
     */
    Map<String, String> write(TransactionContext tx, List<T> records);

    /**
     * Told after the transaction of {@link #write} committed, with the records it was given (written or not), e.g. to
     * remember shared nodes that later batches need not merge again. Not told about a transaction that rolled back.
     */
    default void committed(List<T> records) {}
}
