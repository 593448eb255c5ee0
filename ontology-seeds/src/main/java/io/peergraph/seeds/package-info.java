/**
 * The taxonomy: SKOS seed vocabularies and their loading ({@code skos}, {@code hardware}), validation
 * ({@code shacl}), customers' tags and suggestions ({@code tags}), moderators' curation with audit and undo
 * ({@code curation}), the debtags experiment ({@code debtags}) and hierarchy-aware query helpers
 * ({@code hierarchy}). See docs/taxonomy.md.
 */
package io.peergraph.seeds;
