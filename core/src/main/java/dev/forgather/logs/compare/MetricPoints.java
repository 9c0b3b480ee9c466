package dev.forgather.logs.compare;

import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.MovingAverage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One metric of one run as the comparison counts it: finite values only, in file order, each step
 * once. Training metrics come from training records, evaluations with the trainer's doubled copy
 * left out; when a step repeats (a run resumed from a checkpoint into the same file), the later
 * record wins.
 */
final class MetricPoints {
    final long[] steps;
    final double[] values;
    final double[] timestamps;
    /** Whether the steps are usable: a log that records none has every point at step 0. */
    final boolean hasSteps;

    private MetricPoints(long[] steps, double[] values, double[] timestamps, boolean hasSteps) {
        this.steps = steps;
        this.values = values;
        this.timestamps = timestamps;
        this.hasSteps = hasSteps;
    }

    static MetricPoints of(TrainingLog log, String metric) {
        Series series = source(log, metric);
        int n = series.size();
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        if (log.hasSteps()) {
            dropRepeatedSteps(series, keep);
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i] && Double.isFinite(series.value(i))) {
                count++;
            }
        }
        long[] steps = new long[count];
        double[] values = new double[count];
        double[] times = new double[count];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i] && Double.isFinite(series.value(i))) {
                steps[at] = series.step(i);
                values[at] = series.value(i);
                times[at] = series.timestamp(i);
                at++;
            }
        }
        return new MetricPoints(steps, values, times, log.hasSteps());
    }

    /** Training values from training records; anything else (evaluations) from every record that has it. */
    private static Series source(TrainingLog log, String metric) {
        if (!metric.startsWith("eval_")) {
            Series training = log.series(metric, RecordKind.TRAINING);
            if (!training.isEmpty()) {
                return training;
            }
        }
        return log.series(metric);
    }

    /** Marks every point whose step a later point repeats. */
    private static void dropRepeatedSteps(Series series, boolean[] keep) {
        boolean increasing = true;
        for (int i = 1; i < series.size() && increasing; i++) {
            increasing = series.step(i) > series.step(i - 1);
        }
        if (increasing) {
            return; // the usual log: nothing repeats, and no map is needed
        }
        Map<Long, Integer> last = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            last.put(series.step(i), i);
        }
        for (int i = 0; i < series.size(); i++) {
            keep[i] = last.get(series.step(i)) == i;
        }
    }

    int size() {
        return values.length;
    }

    boolean isEmpty() {
        return values.length == 0;
    }

    /** The mean of the last ⌈n/20⌉ values (5 %, at least one), so one noisy point does not decide. */
    OptionalDouble finalValue() {
        int n = values.length;
        if (n == 0) {
            return OptionalDouble.empty();
        }
        int k = (n + 19) / 20;
        double sum = 0;
        for (int i = n - k; i < n; i++) {
            sum += values[i];
        }
        return OptionalDouble.of(sum / k);
    }

    /** The index of the best value, the first on ties; empty when there are no values. */
    OptionalInt best(boolean maximize) {
        if (values.length == 0) {
            return OptionalInt.empty();
        }
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (maximize ? values[i] > values[best] : values[i] < values[best]) {
                best = i;
            }
        }
        return OptionalInt.of(best);
    }

    /** The step of the last value, when there are values and steps. */
    OptionalDouble lastStep() {
        return values.length == 0 || !hasSteps ? OptionalDouble.empty() : OptionalDouble.of(steps[values.length - 1]);
    }

    /**
     * The value at {@code step}, linearly interpolated between the two nearest points; empty when
     * the run starts after it or ends before it.
     */
    OptionalDouble at(double step) {
        if (values.length == 0 || !hasSteps) {
            return OptionalDouble.empty();
        }
        long[] sortedSteps = steps;
        double[] sortedValues = values;
        if (!isSorted()) {
            Integer[] order = new Integer[steps.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(steps[a], steps[b]));
            sortedSteps = new long[steps.length];
            sortedValues = new double[steps.length];
            for (int i = 0; i < order.length; i++) {
                sortedSteps[i] = steps[order[i]];
                sortedValues[i] = values[order[i]];
            }
        }
        return Interpolation.at(sortedSteps, sortedValues, step);
    }

    private boolean isSorted() {
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] < steps[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the first point whose value, smoothed over {@code window} points (SPEC's centred
     * moving average; raw for 0 or 1), reaches {@code target}: at or below it, or at or above it
     * for a maximised metric. Empty when it never does.
     */
    OptionalInt firstReaching(double target, boolean maximize, int window) {
        double[] smoothed = MovingAverage.smooth(values, window);
        for (int i = 0; i < smoothed.length; i++) {
            if (maximize ? smoothed[i] >= target : smoothed[i] <= target) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }
}
