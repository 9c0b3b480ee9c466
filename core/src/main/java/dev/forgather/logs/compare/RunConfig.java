package dev.forgather.logs.compare;

import dev.forgather.logs.model.TrainingLog;
import java.util.Map;

/**
 * A run's recorded configuration, flattened to text values, for the {@code config} diff: the
 * log's {@link TrainingLog#config()}, empty for formats that record none.
 */
final class RunConfig {
    private RunConfig() {}

    static Map<String, String> of(TrainingLog log) {
        return log.config();
    }
}
