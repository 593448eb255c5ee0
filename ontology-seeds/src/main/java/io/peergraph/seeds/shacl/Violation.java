package io.peergraph.seeds.shacl;

/** One broken rule: the concept (or scheme) at fault, the property concerned if any, and what is wrong. */
public record Violation(String focusNode, String path, String value, String severity, String message) {}
