package io.peergraph.graph.measurement;

import java.util.Optional;

/** Whether a value fits its metric: the metric's unit exactly, inside the allowed range, a real number. */
public final class MeasurementRule {

    /** Why a value was refused; {@code field} is {@code value} or {@code unit}. */
    public record Rejection(String field, String reason) {}

    private MeasurementRule() {}

    public static Optional<Rejection> check(Metric metric, double value, String unit) {
        if (unit == null || !unit.strip().equals(metric.unit())) {
            return Optional.of(new Rejection("unit", "metric " + metric.key() + " is measured in " + metric.unit()
                    + ", not " + (unit == null ? "nothing" : unit.strip())));
        }
        if (!Double.isFinite(value) || value < metric.min() || value > metric.max()) {
            return Optional.of(new Rejection("value", "metric " + metric.key() + " allows " + metric.min() + " to "
                    + metric.max() + " " + metric.unit() + ", not " + value));
        }
        return Optional.empty();
    }
}
