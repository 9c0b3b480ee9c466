package dev.forgather.logs.watch;

import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.MovingAverage;
import dev.forgather.logs.stats.RunningMovingAverage;
import dev.forgather.logs.stats.RunningMovingAverage.Smoothed;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One run's plot columns and smoothed series, grown from snapshot to snapshot while its log only
 * grows: the snapshots it is given must each start with the records of those given before (the
 * follower found records appended), so a new snapshot's columns are the old ones plus its new
 * points, appended in O(new points), and each smoothed series is extended in O(new points +
 * window). A rewritten log starts a new {@code RunColumns}.
 *
 * <p>A snapshot older than the newest one given (a frame of a model drawn late) gets a view of
 * the first points, which are the same; only its smoothed series is worked out from scratch.
 * Safe to use from several threads: its methods are synchronized.
 */
final class RunColumns {
    private final Map<String, Metric> metrics = new HashMap<>();

    /** The time of the first record with a finite one, the origin of the time axis; NaN while none. */
    private double start = Double.NaN;
    /** The record {@link #start} is in; -1 while none. */
    private int startRecord = -1;
    /** How many of the first records have been looked at for {@link #start}. */
    private int searched;

    /** {@code metric}'s points in {@code log} as x (on each axis) and y columns. */
    synchronized WatchedRun.PlotColumns columns(TrainingLog log, String metric) {
        Series series = log.series(metric);
        double origin = start(log);
        Metric m = metrics.get(metric);
        if (m == null || !m.continuedBy(series, origin)) {
            // Room for a quarter more points: a live run's next polls copy nothing.
            m = new Metric(origin, series.size() + series.size() / 4 + 16);
            metrics.put(metric, m);
        }
        m.extend(series);
        return m.columns(series.size());
    }

    /** {@code metric}'s values in {@code log} smoothed over {@code window} points; the raw values where that does not apply. */
    synchronized Smoothed smoothed(TrainingLog log, String metric, int window) {
        WatchedRun.PlotColumns c = columns(log, metric);
        return metrics.get(metric).smoothed(c.size(), window);
    }

    /** The origin of {@code log}'s time axis: its first finite record time (NaN when none). */
    private double start(TrainingLog log) {
        int n = log.recordCount();
        if (startRecord >= 0 && startRecord < n && !sameTime(log, startRecord, start)) {
            // Not the log this run's columns were made from: look again, and make them again.
            start = Double.NaN;
            startRecord = -1;
            searched = 0;
            metrics.clear();
        }
        while (startRecord < 0 && searched < n) {
            OptionalDouble t = log.record(searched).timestamp();
            if (t.isPresent() && Double.isFinite(t.getAsDouble())) {
                start = t.getAsDouble();
                startRecord = searched;
            }
            searched++;
        }
        // An older snapshot may end before the first record with a time.
        return startRecord >= 0 && startRecord < n ? start : Double.NaN;
    }

    private static boolean sameTime(TrainingLog log, int record, double time) {
        OptionalDouble t = log.record(record).timestamp();
        return t.isPresent() && Double.doubleToLongBits(t.getAsDouble()) == Double.doubleToLongBits(time);
    }

    /** One metric's columns so far, its x ranges, and its moving averages by window. */
    private static final class Metric {
        final double origin;
        final GrowingColumn steps;
        final GrowingColumn epochs;
        final GrowingColumn minutes;
        final GrowingColumn values;
        /** The x ranges of all the points so far, as {@link WatchedRun.PlotColumns#ranges()} holds them. */
        final double[][] ranges = new double[WatchAxis.values().length][];

        final Map<Integer, RunningMovingAverage> averages = new HashMap<>();

        Metric(double origin, int capacity) {
            this.origin = origin;
            steps = new GrowingColumn(capacity);
            epochs = new GrowingColumn(capacity);
            minutes = new GrowingColumn(capacity);
            values = new GrowingColumn(capacity);
            for (int i = 0; i < ranges.length; i++) {
                ranges[i] = new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            }
        }

        /**
         * Whether {@code series} has the points so far as its first ones (or is an older snapshot's
         * first points), as far as a look at one point tells: a rewrite is told by the follower,
         * this only keeps a wrong caller from drawing a mix of two logs.
         */
        boolean continuedBy(Series series, double seriesOrigin) {
            if (Double.doubleToLongBits(seriesOrigin) != Double.doubleToLongBits(origin)) {
                return false;
            }
            int size = values.size();
            if (size == 0) {
                return true;
            }
            int at = Math.min(size, series.size()) - 1;
            if (at < 0) {
                return series.isEmpty();
            }
            return Double.doubleToLongBits(stepX(series, at))
                            == Double.doubleToLongBits(steps.view().get(at))
                    && Double.doubleToLongBits(series.value(at))
                            == Double.doubleToLongBits(values.view().get(at));
        }

        void extend(Series series) {
            for (int i = values.size(); i < series.size(); i++) {
                add(WatchAxis.STEP, steps, stepX(series, i));
                add(WatchAxis.EPOCH, epochs, series.epoch(i));
                add(WatchAxis.TIME, minutes, (series.timestamp(i) - origin) / 60.0);
                values.append(series.value(i));
            }
        }

        /** Point {@code i}'s place on the step axis: a record without global_step has none (NaN is left out). */
        private static double stepX(Series series, int i) {
            return series.hasStep(i) ? series.step(i) : Double.NaN;
        }

        private void add(WatchAxis axis, GrowingColumn column, double x) {
            column.append(x);
            double[] r = ranges[axis.ordinal()];
            if (x < r[0]) {
                r[0] = x;
            }
            if (x > r[1]) {
                r[1] = x;
            }
        }

        /** The first {@code n} points' columns. */
        WatchedRun.PlotColumns columns(int n) {
            double[][] r = new double[ranges.length][];
            double[][] x = {
                steps.view().values(), epochs.view().values(), minutes.view().values()
            };
            for (int a = 0; a < r.length; a++) {
                r[a] = n == values.size() ? ranges[a].clone() : WatchedRun.PlotColumns.range(x[a], n);
            }
            return new WatchedRun.PlotColumns(x[0], x[1], x[2], values.view().values(), n, r);
        }

        Smoothed smoothed(int n, int window) {
            double[] y = values.view().values();
            if (!MovingAverage.applies(window, n)) {
                return new Smoothed(y, n, new double[0]);
            }
            RunningMovingAverage average = averages.computeIfAbsent(window, w -> new RunningMovingAverage(w, y.length));
            if (n < average.length()) {
                // An older snapshot than the one smoothed last: its clipped end differs.
                double[] whole = MovingAverage.smooth(Arrays.copyOf(y, n), window);
                return new Smoothed(whole, n, new double[0]);
            }
            return average.extend(y, n);
        }
    }
}
