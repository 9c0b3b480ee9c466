package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code overfit} (warn): {@code evaluations} consecutive evaluations each above the best
 * evaluation so far by more than {@code max(margin * best, noise * the median absolute change
 * between consecutive evaluations so far)}, while the training loss smoothed over {@code smooth}
 * records fell by at least {@code trainDrop} over the same span (from the first of them to the
 * last). The finding runs from the first worse evaluation to the last one in a row; its threshold
 * is the evaluation loss above which an evaluation counted as worse.
 *
 * @param evaluations how many worse evaluations in a row (3)
 * @param margin the least relative rise over the best that counts (0.01)
 * @param noise how many median absolute changes a rise must exceed (3)
 * @param trainDrop the relative fall of the smoothed training loss over the span (0.01)
 * @param smooth records the training loss is averaged over (10)
 */
public record Overfit(int evaluations, double margin, double noise, double trainDrop, int smooth) implements Detector {
    public static final String NAME = "overfit";

    /** The defaults: 3 evaluations, 1 % or 3 median changes, training loss down 1 % over 10 records. */
    public static Overfit defaults() {
        return new Overfit(3, 0.01, 3, 0.01, 10);
    }

    public Overfit {
        if (evaluations < 1 || smooth < 1) {
            throw new IllegalArgumentException("overfit needs at least 1 evaluation and 1 record");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(RunState run) {
        List<Finding> findings = new ArrayList<>();
        Points eval = Points.finite(run.log().series(Metrics.EVAL_LOSS, RecordKind.EVALUATION));
        Points train = Points.finite(run.log().series(Metrics.LOSS, RecordKind.TRAINING));
        if (eval.size < evaluations + 1 || train.size == 0) {
            return findings;
        }
        double[] smoothed = Smoothing.trailingMean(train.values, train.size, smooth);
        int bestAt = 0;
        int k = 1;
        while (k + evaluations - 1 < eval.size) {
            int last = k + evaluations - 1;
            double best = eval.values[bestAt];
            double limit = best + Math.max(margin * Math.abs(best), noise * medianChange(eval, last));
            boolean worse = true;
            for (int i = k; i <= last && worse; i++) {
                worse = eval.values[i] > limit;
            }
            if (worse) {
                double before = trainAt(train, smoothed, eval.records[k]);
                double after = trainAt(train, smoothed, eval.records[last]);
                if (before > 0 && after <= (1 - trainDrop) * before) {
                    int end = last;
                    while (end + 1 < eval.size && eval.values[end + 1] > limit) {
                        end++;
                    }
                    findings.add(Finding.of(
                            NAME,
                            Severity.WARN,
                            Metrics.EVAL_LOSS,
                            eval.steps[k],
                            eval.steps[end],
                            eval.values[k],
                            limit,
                            "overfit in eval_loss: " + Evidence.count(end - k + 1, "evaluation")
                                    + " in a row above the best, " + Evidence.number(best) + " at step "
                                    + eval.steps[bestAt]
                                    + ", by more than " + Evidence.number(limit - best)
                                    + ", while the training loss fell "
                                    + Evidence.percent(1 - after / before)));
                    k = end + 1;
                    continue;
                }
            }
            if (eval.values[k] < best) {
                bestAt = k;
            }
            k++;
        }
        return findings;
    }

    /** The median absolute change between consecutive evaluations up to {@code last}. */
    private static double medianChange(Points eval, int last) {
        double[] changes = new double[last];
        for (int i = 1; i <= last; i++) {
            changes[i - 1] = Math.abs(eval.values[i] - eval.values[i - 1]);
        }
        return RobustStats.median(changes, 0, changes.length);
    }

    /** The smoothed training loss of the last training record before record {@code record}; NaN when none. */
    private static double trainAt(Points train, double[] smoothed, int record) {
        int at = Arrays.binarySearch(train.records, 0, train.size, record);
        int before = at >= 0 ? at : -at - 2;
        return before >= 0 ? smoothed[before] : Double.NaN;
    }
}
