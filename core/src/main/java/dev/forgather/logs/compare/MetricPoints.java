package dev.forgather.logs.compare;

import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.MovingAverage;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One metric of one run as the comparison counts it: finite values only, in file order, each step
 * once. Training metrics come from training records, evaluations with the trainer's doubled copy
 * left out; when a step repeats (a run resumed from a checkpoint into the same file), the later
 * record wins.
 *
 * <p>A value whose record gave no {@code global_step} counts where only values do (final, best
 * value, time to a target) and nowhere steps do (best or target step, the value at a step, a
 * group's aligned curve): the step such a record is kept at is the record before it's, a place,
 * not data.
 */
final class MetricPoints {
    /** The step of each value; where {@link #hasStep} is false only a place, never to be reported. */
    final long[] steps;

    final double[] values;
    final double[] timestamps;
    /** True where a value's record gave no step; null when every one did (most logs). */
    private final boolean[] stepless;

    private MetricPoints(long[] steps, double[] values, double[] timestamps, boolean[] stepless) {
        this.steps = steps;
        this.values = values;
        this.timestamps = timestamps;
        this.stepless = stepless;
    }

    static MetricPoints of(TrainingLog log, String metric) {
        Series series = source(log, metric);
        boolean[] keep = kept(series);
        int n = series.size();
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                count++;
            }
        }
        long[] steps = new long[count];
        double[] values = new double[count];
        double[] times = new double[count];
        boolean[] stepless = null;
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                steps[at] = series.step(i);
                values[at] = series.value(i);
                times[at] = series.timestamp(i);
                if (!series.hasStep(i)) {
                    if (stepless == null) {
                        stepless = new boolean[count];
                    }
                    stepless[at] = true;
                }
                at++;
            }
        }
        return new MetricPoints(steps, values, times, stepless);
    }

    /**
     * The records of {@code log} whose value of {@code metric} the comparison counts but cannot
     * place at a step, because the record gave no {@code global_step}: by record index.
     */
    static BitSet recordsWithoutStep(TrainingLog log, String metric) {
        Series series = source(log, metric);
        boolean[] keep = kept(series);
        BitSet records = new BitSet();
        for (int i = 0; i < series.size(); i++) {
            if (keep[i] && !series.hasStep(i)) {
                records.set(series.recordIndex(i));
            }
        }
        return records;
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

    /** The points counted: finite, and not at a step that a later point repeats. */
    private static boolean[] kept(Series series) {
        int n = series.size();
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        dropRepeatedSteps(series, keep);
        for (int i = 0; i < n; i++) {
            keep[i] &= Double.isFinite(series.value(i));
        }
        return keep;
    }

    /**
     * Marks every point whose step a later point repeats. Only points whose records gave a step
     * take part: a record without one sits at the step before it only as a place, and as a
     * "repeat" it would push out the very point whose step it was kept at.
     */
    private static void dropRepeatedSteps(Series series, boolean[] keep) {
        boolean increasing = true;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < series.size() && increasing; i++) {
            if (series.hasStep(i)) {
                increasing = series.step(i) > previous;
                previous = series.step(i);
            }
        }
        if (increasing) {
            return; // the usual log: nothing repeats, and no map is needed
        }
        Map<Long, Integer> last = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            if (series.hasStep(i)) {
                last.put(series.step(i), i);
            }
        }
        for (int i = 0; i < series.size(); i++) {
            keep[i] = !series.hasStep(i) || last.get(series.step(i)) == i;
        }
    }

    /** Whether value {@code i}'s record gave its step. */
    boolean hasStep(int i) {
        return stepless == null || !stepless[i];
    }

    /** The step of value {@code i}; empty when its record gave none. */
    OptionalDouble stepOf(int i) {
        return hasStep(i) ? OptionalDouble.of(steps[i]) : OptionalDouble.empty();
    }

    /**
     * The points whose records gave a step, as {@code steps} and {@code column} (one entry per
     * value, e.g. the values smoothed) sorted by step: what can be aligned with other runs.
     */
    Aligned alignable(double[] column) {
        int k = 0;
        for (int i = 0; i < steps.length; i++) {
            if (hasStep(i)) {
                k++;
            }
        }
        long[] xs = new long[k];
        double[] ys = new double[k];
        int at = 0;
        for (int i = 0; i < steps.length; i++) {
            if (hasStep(i)) {
                xs[at] = steps[i];
                ys[at] = column[i];
                at++;
            }
        }
        sortByStep(xs, ys);
        return new Aligned(xs, ys);
    }

    /** Steps, ascending, and a value at each. */
    record Aligned(long[] steps, double[] values) {}

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

    /** The step of the last value whose record gave one; empty when none did. */
    OptionalDouble lastStep() {
        for (int i = values.length - 1; i >= 0; i--) {
            if (hasStep(i)) {
                return OptionalDouble.of(steps[i]);
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The value at {@code step}, linearly interpolated between the two nearest points that have a
     * step; empty when the run starts after it or ends before it, or has no steps.
     */
    OptionalDouble at(double step) {
        if (stepless == null) {
            if (values.length == 0) {
                return OptionalDouble.empty();
            }
            if (isSorted(steps)) {
                return Interpolation.at(steps, values, step); // the usual log: no copy
            }
        }
        Aligned aligned = alignable(values);
        return aligned.steps().length == 0
                ? OptionalDouble.empty()
                : Interpolation.at(aligned.steps(), aligned.values(), step);
    }

    private static boolean isSorted(long[] steps) {
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] < steps[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code steps} ascending, {@code values} along with them (stable). */
    private static void sortByStep(long[] steps, double[] values) {
        if (isSorted(steps)) {
            return;
        }
        Integer[] order = new Integer[steps.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        long[] s = steps.clone();
        double[] v = values.clone();
        Arrays.sort(order, (a, b) -> Long.compare(s[a], s[b]));
        for (int j = 0; j < order.length; j++) {
            steps[j] = s[order[j]];
            values[j] = v[order[j]];
        }
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
