/** Placeholder. */
package io.peergraph.ingest;
