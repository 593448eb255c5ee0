/**
 * Talking to an Elasticsearch cluster, managed or external: building clients and finding out what the cluster
 * offers beyond the core.
 */
package io.peergraph.search.cluster;
