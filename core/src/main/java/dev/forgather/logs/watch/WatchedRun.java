package dev.forgather.logs.watch;

import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.RunningMovingAverage.Smoothed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run as the view shows it: an immutable snapshot of its log, its colour (fixed for the whole
 * watch), its name (as {@code RunNames} gives it among the runs watched), and what the checks say. The plot columns of each metric are taken from the
 * snapshot once, on first use, and kept with it, so a frame costs one pass over each series and
 * no copy. The snapshots of one run that only grew ({@link #grownTo}) share their columns and
 * moving averages, which the newer snapshot extends by its new points instead of making again.
 */
public final class WatchedRun {
    private final String label;
    private final int colour;
    private final TrainingLog log;
    private final Assessment assessment;
    private final List<String> warnings;
    private final RunColumns shared;
    private final Map<String, PlotColumns> columns = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Smoothed>> smoothed = new ConcurrentHashMap<>();
    private final RunProgress progress;

    /**
     * A run's first snapshot, or its first after the log was rewritten: its columns are made
     * from the whole log.
     *
     * @param label the run's name in the table
     * @param colour its index in the tab10 colours, in run order
     * @param log the snapshot shown
     * @param assessment what the checks say about it
     * @param warnings notes a reader made about the snapshot (a cut-off last record)
     */
    public WatchedRun(String label, int colour, TrainingLog log, Assessment assessment, List<String> warnings) {
        this(label, colour, log, assessment, warnings, new RunColumns(), RunProgress.of(log));
    }

    private WatchedRun(
            String label,
            int colour,
            TrainingLog log,
            Assessment assessment,
            List<String> warnings,
            RunColumns shared,
            RunProgress progress) {
        this.label = label;
        this.colour = colour;
        this.log = log;
        this.assessment = assessment;
        this.warnings = List.copyOf(warnings);
        this.shared = shared;
        this.progress = progress;
    }

    /**
     * The run's next snapshot, {@code newer}, whose records start with every record of this one's
     * (the follower found records appended, {@link dev.forgather.logs.model.LogSnapshot.Change#APPENDED}):
     * its plot columns and moving averages grow from this one's by the new points alone. This
     * snapshot is left as it was. A rewritten log is a new {@code WatchedRun} instead.
     */
    public WatchedRun grownTo(TrainingLog newer, Assessment newAssessment, List<String> newWarnings) {
        return new WatchedRun(label, colour, newer, newAssessment, newWarnings, shared, RunProgress.of(newer));
    }

    /** The same snapshot with a new assessment (the checks run again while the log is unchanged). */
    public WatchedRun withAssessment(Assessment newAssessment) {
        return copy(label, newAssessment);
    }

    /** The same snapshot under another name (a run that joined has the same name, and both are lengthened). */
    public WatchedRun withLabel(String newLabel) {
        return copy(newLabel, assessment);
    }

    private WatchedRun copy(String newLabel, Assessment newAssessment) {
        WatchedRun copy = new WatchedRun(newLabel, colour, log, newAssessment, warnings, shared, progress);
        copy.columns.putAll(columns);
        copy.smoothed.putAll(smoothed);
        return copy;
    }

    public String label() {
        return label;
    }

    /** The run's index in the tab10 colours. */
    public int colour() {
        return colour;
    }

    public TrainingLog log() {
        return log;
    }

    public Assessment assessment() {
        return assessment;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The table's numbers: latest step, losses, speed, ETA inputs. */
    public RunProgress progress() {
        return progress;
    }

    /** {@code metric}'s points as x (on each axis) and y columns. */
    PlotColumns columns(String metric) {
        return columns.computeIfAbsent(metric, m -> shared.columns(log, m));
    }

    /** {@code metric}'s values smoothed over {@code window} points; the raw values when smoothing does not apply. */
    Smoothed smoothed(String metric, int window) {
        return smoothed.computeIfAbsent(window, w -> new ConcurrentHashMap<>())
                .computeIfAbsent(metric, m -> shared.smoothed(log, m, window));
    }

    /**
     * One metric's points, ready for drawing: values, and the x of each point on every axis, the
     * first {@code size} entries of each array (which may be longer: a later snapshot of the run
     * appends past them).
     *
     * @param steps global steps
     * @param epochs epochs, NaN where a record has none
     * @param minutes minutes since the run's first record, NaN where a record has no time
     * @param values the metric's values, NaN and infinities as logged
     * @param size how many points
     * @param ranges the finite x range on each axis, {@code {min, max}} in {@link WatchAxis} order;
     *     {@code {+inf, -inf}} when an axis has no finite x
     */
    record PlotColumns(
            double[] steps, double[] epochs, double[] minutes, double[] values, int size, double[][] ranges) {
        /** The range of the first {@code n} of {@code x}, as {@link #ranges} holds it. */
        static double[] range(double[] x, int n) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = x[i];
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
            }
            return new double[] {lo, hi};
        }

        double[] range(WatchAxis axis) {
            return ranges[axis.ordinal()];
        }

        double[] x(WatchAxis axis) {
            return switch (axis) {
                case STEP -> steps;
                case EPOCH -> epochs;
                case TIME -> minutes;
            };
        }
    }
}
