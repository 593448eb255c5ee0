/** Placeholder. */
package io.peergraph.search;
