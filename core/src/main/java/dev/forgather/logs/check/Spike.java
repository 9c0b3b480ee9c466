package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spike} (warn): an upward spike in the training loss or grad norm. A value spikes when its
 * robust z, {@code (x - median) / (1.4826 * MAD)} over the previous {@code window} finite values
 * that were not spikes themselves (OLMo-core's rule), is above {@code z}, and it is at least
 * {@code minRatio} times that median, so that a blip on a very quiet series is no alarm (with a
 * MAD of 0 the ratio alone decides). Judged from the {@code minHistory + 1}th value on (half that
 * in a series shorter than the window). Consecutive spiking values are one finding.
 *
 * <p>Recovery counts from the spike's last record: back within {@code recoveryRatio} times the
 * median before it within {@code recoveryRecords} records is fast, later is slow. A spike that
 * never recovers is a {@link Divergence}, unless fewer than {@code recoveryRecords} records
 * follow its start: then it is a warning, {@code not yet recovered}. (Counted from the start, not
 * the end: a level shift is one spike until the end of the log, and must still become a
 * divergence.)
 *
 * @param z the robust z a value must exceed (6)
 * @param minRatio how many times the median a value must be at least (1.2)
 * @param window how many previous values the median and MAD are taken over (128)
 * @param minHistory how many values must come before the first one judged (20)
 * @param recoveryRatio back within this many times the pre-spike median is recovered (1.10)
 * @param recoveryRecords recovered within this many records is fast (100)
 */
public record Spike(double z, double minRatio, int window, int minHistory, double recoveryRatio, int recoveryRecords)
        implements Detector {
    public static final String NAME = "spike";

    /** The defaults: z 6, ratio 1.2, window 128, from the 21st value, recovery 1.10 within 100 records. */
    public static Spike defaults() {
        return new Spike(6, 1.2, 128, 20, 1.10, 100);
    }

    public Spike {
        if (window < 1 || minHistory < 1 || recoveryRecords < 1) {
            throw new IllegalArgumentException("spike windows must be at least 1 record");
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
            for (SpikeScan.Episode e : SpikeScan.scan(p, this)) {
                String evidence = SpikeScan.describe(p, e);
                String message;
                if (e.recovered()) {
                    int after = e.recoveryRecords();
                    message = "spike in " + metric + ": " + evidence + "; "
                            + (after <= recoveryRecords ? "recovered after " : "recovered slowly, after ")
                            + Evidence.count(after, "record");
                } else if (!diverged(e, p.size)) {
                    message = "spike in " + metric + ", not yet recovered: " + evidence + "; not back within "
                            + Evidence.number(recoveryRatio) + "x that median by the end of the log, "
                            + Evidence.count(p.size - 1 - e.start(), "record") + " later";
                } else {
                    continue; // never recovered: a divergence, which Divergence reports
                }
                findings.add(Finding.of(
                        NAME,
                        Severity.WARN,
                        metric,
                        p.steps[e.start()],
                        p.steps[e.end()],
                        p.values[e.start()],
                        z,
                        message));
            }
        }
        return findings;
    }

    /** Whether {@code e}, in a series of {@code size} values, never recovered and has had time to. */
    boolean diverged(SpikeScan.Episode e, int size) {
        return !e.recovered() && size - 1 - e.start() >= recoveryRecords;
    }
}
