package dev.forgather.logs.watch;

import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.MovingAverage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run as the view shows it: an immutable snapshot of its log, its name and colour (fixed for
 * the whole watch), and what the checks say. The plot columns of each metric are taken from the
 * snapshot once, on first use, and kept with it, so a frame costs one pass over each series and
 * no copy.
 */
public final class WatchedRun {
    private final String label;
    private final int colour;
    private final TrainingLog log;
    private final Assessment assessment;
    private final List<String> warnings;
    private final Map<String, PlotColumns> columns = new ConcurrentHashMap<>();
    private final Map<String, double[]> smoothed = new ConcurrentHashMap<>();
    private final RunProgress progress;

    /**
     * @param label the run's name in the table
     * @param colour its index in the tab10 colours, in run order
     * @param log the snapshot shown
     * @param assessment what the checks say about it
     * @param warnings notes a reader made about the snapshot (a cut-off last record)
     */
    public WatchedRun(String label, int colour, TrainingLog log, Assessment assessment, List<String> warnings) {
        this.label = label;
        this.colour = colour;
        this.log = log;
        this.assessment = assessment;
        this.warnings = List.copyOf(warnings);
        this.progress = RunProgress.of(log);
    }

    /** The same snapshot with a new assessment (the checks run again while the log is unchanged). */
    public WatchedRun withAssessment(Assessment newAssessment) {
        WatchedRun copy = new WatchedRun(label, colour, log, newAssessment, warnings);
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
        return columns.computeIfAbsent(metric, m -> PlotColumns.of(log.series(m), firstTimestamp()));
    }

    /** {@code metric}'s values smoothed over {@code window} points; the raw values when smoothing does not apply. */
    double[] smoothed(String metric, int window) {
        PlotColumns c = columns(metric);
        if (!MovingAverage.applies(window, c.size())) {
            return c.values();
        }
        return smoothed.computeIfAbsent(metric + "\u0000" + window, k -> MovingAverage.smooth(c.values(), window));
    }

    private double firstTimestamp() {
        Series t = log.series(MetricNames.TIME);
        for (int i = 0; i < t.size(); i++) {
            if (Double.isFinite(t.value(i))) {
                return t.value(i);
            }
        }
        return Double.NaN;
    }

    /**
     * One metric's points, ready for drawing: values, and the x of each point on every axis.
     *
     * @param steps global steps
     * @param epochs epochs, NaN where a record has none
     * @param minutes minutes since the run's first record, NaN where a record has no time
     * @param values the metric's values, NaN and infinities as logged
     * @param ranges the finite x range on each axis, {@code {min, max}} in {@link WatchAxis} order;
     *     {@code {+inf, -inf}} when an axis has no finite x
     */
    record PlotColumns(double[] steps, double[] epochs, double[] minutes, double[] values, double[][] ranges) {
        static PlotColumns of(Series series, double start) {
            int n = series.size();
            double[] steps = new double[n];
            double[] epochs = new double[n];
            double[] minutes = new double[n];
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // A record without global_step has no place on the step axis (NaN is left out).
                steps[i] = series.hasStep(i) ? series.step(i) : Double.NaN;
                epochs[i] = series.epoch(i);
                minutes[i] = (series.timestamp(i) - start) / 60.0;
                values[i] = series.value(i);
            }
            return new PlotColumns(
                    steps, epochs, minutes, values, new double[][] {range(steps), range(epochs), range(minutes)});
        }

        private static double[] range(double[] x) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : x) {
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

        int size() {
            return values.length;
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
