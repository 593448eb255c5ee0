package io.peergraph.api.benchmark;

import io.peergraph.api.benchmark.RecordingMeasurements.MeasurementInput;
import io.peergraph.api.benchmark.RecordingMeasurements.RecordMeasurementsPayload;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.graph.measurement.MeasurementStore;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** Recording measurements, one or a batch: the checks and the one transaction are {@link RecordingMeasurements}'. */
@Controller
public class MeasurementController {

    static final int MAX_BATCH = 500;

    private final CallerResolver callers;
    private final RecordingMeasurements recording;

    public MeasurementController(CallerResolver callers, RecordingMeasurements recording) {
        this.callers = callers;
        this.recording = recording;
    }

    @MutationMapping
    public MeasurementStore.Recorded recordMeasurement(@Argument MeasurementInput input) {
        return recording.record(callers.current(), List.of(input), i -> "input").measurements().getFirst();
    }

    @MutationMapping
    public RecordMeasurementsPayload recordMeasurements(@Argument List<MeasurementInput> measurements) {
        if (measurements.isEmpty() || measurements.size() > MAX_BATCH) {
            throw new ApiException.BadUserInput("measurements", "send 1–" + MAX_BATCH + " measurements");
        }
        return recording.record(callers.current(), measurements, i -> "measurements[" + i + "]");
    }
}
