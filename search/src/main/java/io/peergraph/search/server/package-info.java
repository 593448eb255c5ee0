/**
 * The Elasticsearch server the project manages itself: the distribution the build unpacks, started as a child
 * process on 127.0.0.1 under a dedicated system user when we are root, watched and restarted when it crashes.
 * Plain Java, so the CLI, the tests and the Spring application share it.
 */
package io.peergraph.search.server;
