package io.peergraph.seeds.shacl;

import java.util.List;

/** The outcome of checking a taxonomy against the SKOS integrity shapes; {@code turtle} is SHACL's own report. */
public record IntegrityReport(boolean conforms, List<Violation> violations, String turtle) {}
