package dev.forgather.logs.compare;

import dev.forgather.logs.model.TrainingLog;
import java.util.Map;

/**
 * A run's recorded configuration, flattened to text values, for the {@code config} diff.
 *
 * <p>The seam to {@code TrainingLog.config()}, which is being added for the formats that record
 * one; until it is there every run has an empty configuration, so the diff is empty.
 */
final class RunConfig {
    private RunConfig() {
    }

    static Map<String, String> of(TrainingLog log) {
        return Map.of();
    }
}
