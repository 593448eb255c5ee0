package io.peergraph.api.peers;

/** Another customer as the viewer may know them: a per-viewer pseudonym, nothing else. */
public record Peer(String pseudonym) {}
