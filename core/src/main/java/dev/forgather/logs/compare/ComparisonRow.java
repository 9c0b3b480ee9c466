package dev.forgather.logs.compare;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of a {@link Comparison}: a run, or with {@code --group} a seed group. Field names follow
 * the JSON keys.
 *
 * @param run the run's name, or the group key (the run name with the seed pattern removed)
 * @param runs a group's members, by run name, in the order given; for a single run, that run alone
 * @param model the model's name; for a group, when all members share it
 * @param path the log file; absent for a group
 * @param format the log's format, e.g. {@code forgather}; for a group, when all members share it
 * @param baseline whether this is the row the others are compared with (the first)
 * @param steps the last training record's step (as summary's {@code total_steps}); a group's mean
 * @param samplesPerSecond summary's {@code train_samples_per_second}; absent without a final record
 * @param throughputRatio {@code samplesPerSecond} over the baseline's (for groups, of the group
 *     means); absent when either is absent
 * @param config the configuration keys whose values differ between the rows, with this row's value
 *     (empty when the key is missing from this row); empty for formats that record no configuration
 * @param metrics each compared metric, in the comparison's order
 * @param target the time to the target; absent without one
 */
public record ComparisonRow(
        String run,
        List<String> runs,
        Optional<String> model,
        Optional<String> path,
        Optional<String> format,
        boolean baseline,
        OptionalDouble steps,
        OptionalDouble samplesPerSecond,
        OptionalDouble throughputRatio,
        Map<String, Optional<String>> config,
        Map<String, MetricComparison> metrics,
        Optional<TargetResult> target) {

    /** Copies the collections. */
    public ComparisonRow {
        runs = List.copyOf(runs);
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** How many runs the row stands for: a group's member count, 1 for a run. */
    public int n() {
        return runs.size();
    }

    /** The comparison of {@code metric}, which must be one of the compared metrics. */
    public MetricComparison metric(String metric) {
        MetricComparison m = metrics.get(metric);
        if (m == null) {
            throw new IllegalArgumentException("not a compared metric: " + metric);
        }
        return m;
    }
}
