/** Placeholder. */
package io.peergraph.seeds;
