package dev.forgather.logs.plot;

import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import java.util.Arrays;

/**
 * The points of one line as drawn: x and y in two primitive arrays of equal length, in file order.
 * A y of NaN is a gap in the line (a non-finite value, or a value a log axis cannot show); every x is
 * finite.
 */
record XYColumns(double[] x, double[] y) {
    static final XYColumns EMPTY = new XYColumns(new double[0], new double[0]);

    XYColumns {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points, y " + y.length);
        }
    }

    int size() {
        return x.length;
    }

    /** Whether at least one point has a finite y, i.e. whether anything would be drawn. */
    boolean hasFiniteY() {
        for (double v : y) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The x positions of {@code series} on {@code axis}. A record without a step, epoch or timestamp
     * of its own gets NaN, which {@link #of} leaves out: a record without {@code global_step} is kept
     * at the step before it only as a position, and drawn there it would invent where it was logged.
     */
    static double[] xOf(Series series, XAxis axis, double originSeconds) {
        switch (axis) {
            case STEP -> {
                double[] x = new double[series.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = series.hasStep(i) ? series.step(i) : Double.NaN;
                }
                return x;
            }
            case EPOCH -> {
                return series.epochs();
            }
            case TIME -> {
                double[] x = series.timestamps();
                for (int i = 0; i < x.length; i++) {
                    x[i] = (x[i] - originSeconds) / 60.0;
                }
                return x;
            }
            default -> throw new AssertionError(axis);
        }
    }

    /**
     * The origin of the time axis: the earliest timestamp of any record of {@code log}, so that
     * every series of the run is measured from the same moment; NaN when no record has one.
     */
    static double timeOrigin(TrainingLog log) {
        Series timestamps = log.series(MetricNames.TIME);
        double min = Double.NaN;
        for (int i = 0; i < timestamps.size(); i++) {
            double t = timestamps.value(i);
            if (Double.isFinite(t) && !(t >= min)) {
                min = t;
            }
        }
        return min;
    }

    /**
     * The points {@code (x[i], values[i])} with a finite x. Non-finite values become NaN gaps; with
     * {@code logScale}, so do values ≤ 0, which a log axis cannot place (matplotlib masks them too).
     */
    static XYColumns of(double[] x, double[] values, boolean logScale) {
        double[] outX = new double[x.length];
        double[] outY = new double[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                continue;
            }
            double v = values[i];
            boolean drawable = Double.isFinite(v) && (!logScale || v > 0);
            outX[n] = x[i];
            outY[n] = drawable ? v : Double.NaN;
            n++;
        }
        return n == x.length
                ? new XYColumns(outX, outY)
                : new XYColumns(Arrays.copyOf(outX, n), Arrays.copyOf(outY, n));
    }
}
