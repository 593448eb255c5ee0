package io.peergraph.graph.solution;

import java.time.ZonedDateTime;
import java.util.List;

/** Steps that may fix symptoms, proposed by a customer. */
public record Solution(String id, String proposerId, List<String> symptomIds, String title, String steps, Kind kind,
                       ZonedDateTime createdAt) {

    public enum Kind { LAUNCH_OPTION, COMPATIBILITY_LAYER, DRIVER_UPDATE, CONFIGURATION_TWEAK, OTHER }
}
