/**
 * The graph side of imports: named operations that write a batch of records in the importer's transaction (the
 * ingest module reads, maps, batches, dead-letters and checkpoints; it holds the transaction and calls these). Each
 * operation keeps what depends on its records current itself, in the same transaction: the peer signature of new
 * reports ({@link io.peergraph.graph.peers.PeerSignature}), the re-signing of reports under a symptom newly linked to
 * a broader one, {@code ConfigItem.configCount}, and the outbox events of what search shows, recorded last (the
 * outbox counter stays locked until the batch commits) and marked {@link RecordImport#IMPORTED}.
 *
 * <p>Records are found and linked by their natural keys (handle, key, sourceKey), which unique constraints back
 * (migrations 1 and 2); each record's public id is derived from its key by the caller ({@code PublicId.fromKey}), so
 * a re-import finds the same ids.
 */
package io.peergraph.graph.imports;
