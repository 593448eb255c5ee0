package io.peergraph.search.sync;

import java.util.List;

/** A catalog product as the products index holds it. */
public record ProductDocument(String id, String key, String name, boolean verified, List<String> tags) {}
