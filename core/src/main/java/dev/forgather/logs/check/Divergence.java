package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code divergence} (error): the training loss has left its earlier level for good. Either the
 * median of the last {@code window} values is at least {@code ratio} times the median of the up
 * to {@code history} values before them (at least {@code minHistory}; Composer's rule; in a short
 * run the recent window shrinks to what the run has after those, down to {@code minHistory}), the
 * finding starting at the first value above that many times the earlier median; or a
 * {@link Spike} in the loss or grad norm that never came back (named in the finding). Where both
 * rules see the same divergence, it is one finding.
 *
 * @param window the recent values whose median is compared (25)
 * @param history the most earlier values it is compared with (500)
 * @param minHistory the fewest earlier values judged by (10)
 * @param ratio how many times the earlier median is a divergence (5)
 * @param spike the spike rule whose unrecovered spikes are divergences
 */
public record Divergence(int window, int history, int minHistory, double ratio, Spike spike) implements Detector {
    public static final String NAME = "divergence";

    /** The defaults: 25 against up to 500 (at least 10) values, 5 times, and {@link Spike#defaults()}. */
    public static Divergence defaults() {
        return new Divergence(25, 500, 10, 5, Spike.defaults());
    }

    public Divergence {
        if (window < 1 || history < 1 || minHistory < 1) {
            throw new IllegalArgumentException("divergence windows must be at least 1 record");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(RunState run) {
        List<Finding> findings = new ArrayList<>();
        for (String metric : List.of(Metrics.LOSS, Metrics.GRAD_NORM)) {
            Points p = Points.finite(run.log().series(metric, RecordKind.TRAINING));
            List<Finding> mine = new ArrayList<>();
            for (SpikeScan.Episode e : SpikeScan.scan(p, spike)) {
                if (spike.diverged(e, p.size)) {
                    mine.add(Finding.of(
                            NAME,
                            Severity.ERROR,
                            metric,
                            p.steps[e.start()],
                            p.steps[p.size - 1],
                            p.values[e.start()],
                            spike.recoveryRatio(),
                            "divergence in " + metric + ": a spike that never"
                                    + " recovered: " + SpikeScan.describe(p, e) + ", and the " + metric
                                    + " never came back within " + Evidence.number(spike.recoveryRatio())
                                    + "x that median (" + Evidence.number(e.median()) + ")"));
                }
            }
            if (metric.equals(Metrics.LOSS)) {
                for (Finding f : medianRule(p)) {
                    if (mine.stream().noneMatch(s -> overlap(s, f))) {
                        mine.add(f);
                    }
                }
            }
            findings.addAll(mine);
        }
        return findings;
    }

    private static boolean overlap(Finding a, Finding b) {
        return a.firstStep().getAsLong() <= b.lastStep().getAsLong()
                && b.firstStep().getAsLong() <= a.lastStep().getAsLong();
    }

    private List<Finding> medianRule(Points p) {
        List<Finding> findings = new ArrayList<>();
        int recentSize = Math.min(window, p.size - minHistory);
        if (recentSize < Math.min(window, minHistory)) {
            return findings;
        }
        SortedWindow recent = new SortedWindow(recentSize);
        SortedWindow earlier = new SortedWindow(history);
        int start = -1;
        int end = -1;
        double firedEarlier = Double.NaN;
        double firedRecent = Double.NaN;
        int firedEarlierSize = 0;
        for (int j = 0; j < p.size; j++) {
            if (recent.isFull()) {
                earlier.add(p.values[j - recentSize]);
            }
            recent.add(p.values[j]);
            boolean fires = false;
            if (recent.isFull() && earlier.size() >= minHistory) {
                double before = earlier.median();
                fires = before > 0 && recent.median() >= ratio * before;
                if (fires && start < 0) {
                    start = j - recentSize + 1;
                    while (start < j && p.values[start] < ratio * before) {
                        start++;
                    }
                    firedEarlier = before;
                    firedRecent = recent.median();
                    firedEarlierSize = earlier.size();
                }
            }
            if (fires) {
                end = j;
            }
            if (start >= 0 && (!fires || j == p.size - 1)) {
                findings.add(Finding.of(
                        NAME,
                        Severity.ERROR,
                        p.metric,
                        p.steps[start],
                        p.steps[end],
                        p.values[start],
                        ratio,
                        "divergence in " + p.metric + ": the median of " + Evidence.count(recentSize, "record") + ", "
                                + Evidence.number(firedRecent) + ", is "
                                + Evidence.oneDecimal(firedRecent / firedEarlier)
                                + "x the median of the " + Evidence.count(firedEarlierSize, "record") + " before them ("
                                + Evidence.number(firedEarlier) + "), at least " + Evidence.number(ratio) + "x"));
                start = -1;
            }
        }
        return findings;
    }
}
