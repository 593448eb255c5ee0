package io.peergraph.graph.measurement;

/**
 * What customers measure, defined once by moderators: e.g. {@code fps}, frames per second, higher is better,
 * 0–1000. The id is a concept id derived from the key, so that the metric can join a metrics concept scheme
 * without changing identity.
 */
public record Metric(String id, String key, String name, String unit, Direction direction, double min, double max) {

    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }
}
