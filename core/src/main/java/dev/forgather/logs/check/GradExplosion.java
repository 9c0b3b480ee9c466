package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code grad_explosion} (error): the median grad norm of any {@code window} consecutive records
 * is at least {@code ratio} times the median of the run's first {@code baseline} records (or its
 * first fifth when that is fewer, but at least 10): Megatron's "unexpectedly large" rule. The
 * finding runs from the first value at or above that many times the baseline to the last one, in
 * the windows that fired. A short run's window shrinks to the records after its baseline, down to
 * 10; a shorter run is not judged.
 *
 * @param window consecutive records whose median is compared (25)
 * @param baseline the most records at the start the median is taken over (100)
 * @param ratio how many times the baseline median is an explosion (10)
 */
public record GradExplosion(int window, int baseline, double ratio) implements Detector {
    public static final String NAME = "grad_explosion";
    private static final int FEWEST = 10;

    /** The defaults: 25 records, 10 times the median of the first 100. */
    public static GradExplosion defaults() {
        return new GradExplosion(25, 100, 10);
    }

    public GradExplosion {
        if (window < 1 || baseline < 1) {
            throw new IllegalArgumentException("grad_explosion windows must be at least 1 record");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(RunState run) {
        Points p = Points.finite(run.log().series(Metrics.GRAD_NORM, RecordKind.TRAINING));
        List<Finding> findings = new ArrayList<>();
        int base = Math.min(baseline, Math.max(FEWEST, p.size / 5));
        int w = Math.min(window, p.size - base);
        if (w < Math.min(window, FEWEST)) {
            return findings;
        }
        double baseMedian = RobustStats.median(p.values, 0, base);
        if (!(baseMedian > 0)) {
            return findings;
        }
        double limit = ratio * baseMedian;
        SortedWindow recent = new SortedWindow(w);
        int start = -1;
        int end = -1;
        double highest = Double.NaN;
        for (int j = 0; j < p.size; j++) {
            recent.add(p.values[j]);
            boolean fires = recent.isFull() && recent.median() >= limit;
            if (fires) {
                if (start < 0) {
                    highest = recent.median();
                    start = j - w + 1;
                    while (start < j && p.values[start] < limit) {
                        start++;
                    }
                }
                highest = Math.max(highest, recent.median());
                end = j;
                while (end > start && p.values[end] < limit) {
                    end--;
                }
            }
            if (start >= 0 && (!fires || j == p.size - 1)) {
                findings.add(Finding.of(
                        NAME,
                        Severity.ERROR,
                        Metrics.GRAD_NORM,
                        p.steps[start],
                        p.steps[end],
                        p.values[start],
                        ratio,
                        "grad_explosion in grad_norm: the median of " + Evidence.count(w, "record")
                                + " rose to " + Evidence.number(highest) + ", "
                                + Evidence.oneDecimal(highest / baseMedian)
                                + "x the median of the run's first " + Evidence.count(base, "record") + " ("
                                + Evidence.number(baseMedian) + "), at least " + Evidence.number(ratio) + "x"));
                start = -1;
            }
        }
        return findings;
    }
}
