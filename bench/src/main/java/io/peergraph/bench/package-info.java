/** Placeholder. */
package io.peergraph.bench;
