package dev.forgather.logs.check;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One thing a {@link Detector} found in a run: which detector, how bad, where, and its evidence.
 *
 * @param detector the detector's name, e.g. {@code spike}
 * @param severity how bad it is
 * @param metric the series the detector looked at, e.g. {@code loss}; empty for a finding about the
 *     file rather than a metric ({@code stalled})
 * @param firstStep the global step where the finding starts; empty when the log has no records
 * @param lastStep the global step where it ends (equal to {@code firstStep} for one record)
 * @param value the metric's value at {@code firstStep}; for {@code nonfinite} the count of
 *     non-finite values; for {@code stalled} the seconds since the file last changed
 * @param threshold the detector's limit in its own unit (a robust z, a ratio, seconds), named in
 *     {@code message}; empty for a detector without one
 * @param message what was found, in one line that starts lowercase and has no final full stop
 */
public record Finding(
        String detector,
        Severity severity,
        Optional<String> metric,
        OptionalLong firstStep,
        OptionalLong lastStep,
        double value,
        OptionalDouble threshold,
        String message) {
    /**
     * Worst first, then by first step (a finding without steps last). A stable sort with it keeps
     * ties in the order the detectors gave them: detector by detector, loss before grad norm.
     */
    public static final Comparator<Finding> WORST_FIRST = Comparator.comparing(Finding::severity)
            .thenComparingLong(f -> f.firstStep().orElse(Long.MAX_VALUE));

    public Finding {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(firstStep, "firstStep");
        Objects.requireNonNull(lastStep, "lastStep");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(message, "message");
    }

    /** A finding about {@code metric} over steps {@code firstStep}..{@code lastStep}. */
    public static Finding of(
            String detector,
            Severity severity,
            String metric,
            long firstStep,
            long lastStep,
            double value,
            double threshold,
            String message) {
        return new Finding(
                detector,
                severity,
                Optional.of(metric),
                OptionalLong.of(firstStep),
                OptionalLong.of(lastStep),
                value,
                OptionalDouble.of(threshold),
                message);
    }

    /** A finding about {@code metric} from a detector that has no threshold (e.g. {@code rollback}). */
    public static Finding withoutThreshold(
            String detector,
            Severity severity,
            String metric,
            long firstStep,
            long lastStep,
            double value,
            String message) {
        return new Finding(
                detector,
                severity,
                Optional.of(metric),
                OptionalLong.of(firstStep),
                OptionalLong.of(lastStep),
                value,
                OptionalDouble.empty(),
                message);
    }
}
