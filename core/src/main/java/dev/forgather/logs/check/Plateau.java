package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plateau} (warn): the training loss, smoothed over {@code smooth} records, has not improved
 * on its best before the window by more than {@code threshold} relative (ReduceLROnPlateau's
 * default) over the last {@code windowFraction} of the records (at least {@code minWindow}), while
 * the learning rate is still above {@code lrFraction} of its peak (the end of a decayed schedule is
 * convergence, not a plateau) and no divergence was found. A run without a logged learning rate,
 * or too short to have a window and a smoothed value before it, is not judged.
 *
 * @param smooth records the loss is averaged over (10)
 * @param threshold the relative improvement that counts (1e-4)
 * @param windowFraction the share of the records at the end looked at (0.2)
 * @param minWindow the fewest records looked at (50)
 * @param lrFraction the share of the peak learning rate below which the run is decaying, not stuck (0.1)
 * @param divergence the divergence rule that, when it fires, makes a plateau moot
 */
public record Plateau(
        int smooth, double threshold, double windowFraction, int minWindow, double lrFraction, Divergence divergence)
        implements Detector {
    public static final String NAME = "plateau";

    /** The defaults: 10 records, 1e-4, the last 20 % (at least 50), 10 % of the peak rate. */
    public static Plateau defaults() {
        return new Plateau(10, 1e-4, 0.2, 50, 0.1, Divergence.defaults());
    }

    public Plateau {
        if (smooth < 1 || minWindow < 1) {
            throw new IllegalArgumentException("plateau windows must be at least 1 record");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(RunState run) {
        List<Finding> findings = new ArrayList<>();
        Points loss = Points.finite(run.log().series(Metrics.LOSS, RecordKind.TRAINING));
        Points rate = Points.finite(run.log().series(Metrics.LEARNING_RATE, RecordKind.TRAINING));
        int window = Math.max(minWindow, (int) Math.ceil(windowFraction * loss.size));
        int from = loss.size - window;
        if (from < smooth || rate.size == 0) {
            return findings;
        }
        double peak = 0;
        for (int i = 0; i < rate.size; i++) {
            peak = Math.max(peak, rate.values[i]);
        }
        double lastRate = rate.values[rate.size - 1];
        if (!(lastRate > lrFraction * peak)) {
            return findings;
        }
        double[] smoothed = Smoothing.trailingMean(loss.values, loss.size, smooth);
        // Best before the window, over full smoothing windows only.
        int bestAt = smooth - 1;
        for (int i = smooth; i < from; i++) {
            if (smoothed[i] < smoothed[bestAt]) {
                bestAt = i;
            }
        }
        double best = smoothed[bestAt];
        double bestInWindow = Double.POSITIVE_INFINITY;
        for (int i = from; i < loss.size; i++) {
            bestInWindow = Math.min(bestInWindow, smoothed[i]);
        }
        double improvement = (best - bestInWindow) / Math.abs(best);
        if (improvement > threshold || !divergence.check(run).isEmpty()) {
            return findings;
        }
        findings.add(Finding.of(
                NAME,
                Severity.WARN,
                Metrics.LOSS,
                loss.steps[from],
                loss.steps[loss.size - 1],
                loss.values[from],
                threshold,
                "plateau in loss: the loss smoothed over " + Evidence.count(smooth, "record")
                        + " has not improved on its best, " + Evidence.number(best) + " at step " + loss.steps[bestAt]
                        + ", by more than " + Evidence.percent(threshold) + " over the last "
                        + Evidence.count(window, "record")
                        + ", while the learning rate, " + Evidence.number(lastRate) + ", is still "
                        + Evidence.percent(lastRate / peak) + " of its peak"));
        return findings;
    }
}
