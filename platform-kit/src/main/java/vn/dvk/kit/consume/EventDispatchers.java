package vn.dvk.kit.consume;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Starts the {@link EventDispatcher} of a consumer binding. */
public class EventDispatchers {

    private final JsonMapper json;
    private final MeterRegistry meters;

    public EventDispatchers(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    public EventDispatcher.Builder builder() {
        return new EventDispatcher.Builder(json, meters);
    }
}
