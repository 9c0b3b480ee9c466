package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code throughput_drop} (warn): the steps per second between consecutive training records (an
 * interval with an evaluation inside it left out, and one whose steps or times do not go forward),
 * their rolling median over {@code window} intervals below {@code ratio} times the
 * {@code percentile}th percentile of all intervals (NVIDIA's straggler rule). The finding runs from
 * the first slow interval of the first window below to the last slow interval of the last; its
 * metric is {@code steps_per_second}, its step an interval's end. A run with fewer intervals than
 * the window, or without timestamps, is not judged.
 *
 * @param window intervals the rolling median is taken over (20)
 * @param ratio the share of the percentile below which throughput dropped (0.7)
 * @param percentile the percentile of all intervals compared with (75)
 */
public record ThroughputDrop(int window, double ratio, double percentile) implements Detector {
    public static final String NAME = "throughput_drop";

    /** The defaults: a median over 20 intervals below 0.7 times the 75th percentile. */
    public static ThroughputDrop defaults() {
        return new ThroughputDrop(20, 0.7, 75);
    }

    public ThroughputDrop {
        if (window < 1) {
            throw new IllegalArgumentException("throughput_drop window must be at least 1 interval");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(RunState run) {
        TrainingLog log = run.log();
        double[] speeds = new double[log.recordCount()];
        long[] steps = new long[log.recordCount()];
        int n = 0;
        int previous = -1;
        boolean evaluated = false;
        for (int i = 0; i < log.recordCount(); i++) {
            RecordKind kind = log.kind(i);
            if (kind == RecordKind.EVALUATION || kind == RecordKind.REPEATED_EVALUATION) {
                evaluated = true;
                continue;
            }
            if (kind != RecordKind.TRAINING || log.record(i).timestamp().isEmpty()) {
                continue;
            }
            if (previous >= 0 && !evaluated) {
                double dt = log.record(i).timestamp().getAsDouble()
                        - log.record(previous).timestamp().getAsDouble();
                long ds = log.record(i).step() - log.record(previous).step();
                if (dt > 0 && ds > 0) {
                    speeds[n] = ds / dt;
                    steps[n] = log.record(i).step();
                    n++;
                }
            }
            previous = i;
            evaluated = false;
        }
        List<Finding> findings = new ArrayList<>();
        if (n < window) {
            return findings;
        }
        double reference = RobustStats.percentile(speeds, 0, n, percentile);
        double limit = ratio * reference;
        SortedWindow recent = new SortedWindow(window);
        int start = -1;
        int end = -1;
        double lowest = Double.NaN;
        for (int j = 0; j < n; j++) {
            recent.add(speeds[j]);
            boolean fires = recent.isFull() && recent.median() < limit;
            if (fires) {
                if (start < 0) {
                    lowest = recent.median();
                    start = j - window + 1;
                    while (start < j && speeds[start] >= limit) {
                        start++;
                    }
                }
                lowest = Math.min(lowest, recent.median());
                end = j;
                while (end > start && speeds[end] >= limit) {
                    end--;
                }
            }
            if (start >= 0 && (!fires || j == n - 1)) {
                findings.add(Finding.of(
                        NAME,
                        Severity.WARN,
                        Metrics.STEPS_PER_SECOND,
                        steps[start],
                        steps[end],
                        speeds[start],
                        ratio,
                        "throughput_drop in steps_per_second: the median over "
                                + Evidence.count(window, "interval") + " fell to " + Evidence.number(lowest)
                                + " steps/s, " + Evidence.number(lowest / reference) + "x the run's "
                                + Evidence.number(percentile) + "th percentile (" + Evidence.number(reference)
                                + " steps/s), below " + Evidence.number(ratio) + "x"));
                start = -1;
            }
        }
        return findings;
    }
}
