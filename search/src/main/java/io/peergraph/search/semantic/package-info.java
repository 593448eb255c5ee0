/**
 * The semantic signal: a sentence-embedding model run in process ({@link io.peergraph.search.semantic.CaseEmbedder}),
 * the embedding of every case kept in the cases index, computed off the request path
 * ({@link io.peergraph.search.semantic.EmbeddingQueue}). See docs/search.md.
 */
package io.peergraph.search.semantic;
