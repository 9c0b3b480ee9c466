package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.TrainingLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * {@code stalled} (error) and {@code in_progress} (info): a log still open (no closing bracket and
 * no final record, {@link RunState#open()}) whose file has not changed for longer than
 * {@code max(intervals * the median interval between training records, gaps * the longest gap
 * between records so far, minimum)} is probably dead, not training; within that limit the run is
 * in progress. The finding's value is the seconds since the file changed, its threshold the limit
 * in seconds; it is about the file, so it names no metric, and its step is the last one logged.
 *
 * @param intervals how many median intervals between training records (10)
 * @param gaps how many times the longest gap between records (3)
 * @param minimum the least limit (5 minutes)
 */
public record Stalled(double intervals, double gaps, Duration minimum) implements Detector {
    public static final String NAME = "stalled";
    public static final String IN_PROGRESS = "in_progress";

    /** The defaults: 10 median intervals, 3 longest gaps, 5 minutes. */
    public static Stalled defaults() {
        return new Stalled(10, 3, Duration.ofMinutes(5));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(RunState run) {
        List<Finding> findings = new ArrayList<>();
        if (!run.open() || run.lastModified().isEmpty()) {
            return findings;
        }
        TrainingLog log = run.log();
        double limit = limitSeconds(log);
        double age = Duration.between(run.lastModified().get(), run.now()).toMillis() / 1000.0;
        OptionalLong step = log.recordCount() == 0
                ? OptionalLong.empty()
                : OptionalLong.of(log.record(log.recordCount() - 1).step());
        if (age > limit) {
            findings.add(new Finding(
                    NAME,
                    Severity.ERROR,
                    Optional.empty(),
                    step,
                    step,
                    age,
                    OptionalDouble.of(limit),
                    "stalled: the log is still open but has not changed for " + Evidence.duration(age)
                            + ", longer than the " + Evidence.duration(limit)
                            + " limit: the run is probably dead, not training"));
        } else {
            findings.add(new Finding(
                    IN_PROGRESS,
                    Severity.INFO,
                    Optional.empty(),
                    step,
                    step,
                    Math.max(0, age),
                    OptionalDouble.of(limit),
                    "in_progress: the log is still open and changed "
                            + Evidence.duration(Math.max(0, age)) + " ago, within the " + Evidence.duration(limit)
                            + " limit: the run is training"));
        }
        return findings;
    }

    /** The limit in seconds for {@code log}: the longest of the three rules. */
    double limitSeconds(TrainingLog log) {
        List<Double> trainingIntervals = new ArrayList<>();
        double longestGap = 0;
        double previous = Double.NaN;
        double previousTraining = Double.NaN;
        for (int i = 0; i < log.recordCount(); i++) {
            double t = log.record(i).timestamp().orElse(Double.NaN);
            if (Double.isNaN(t)) {
                continue;
            }
            if (!Double.isNaN(previous) && t - previous > longestGap) {
                longestGap = t - previous;
            }
            previous = t;
            if (log.kind(i) == RecordKind.TRAINING) {
                if (!Double.isNaN(previousTraining) && t > previousTraining) {
                    trainingIntervals.add(t - previousTraining);
                }
                previousTraining = t;
            }
        }
        double median = trainingIntervals.isEmpty()
                ? 0
                : RobustStats.median(trainingIntervals.stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray());
        return Math.max(Math.max(intervals * median, gaps * longestGap), minimum.toMillis() / 1000.0);
    }
}
