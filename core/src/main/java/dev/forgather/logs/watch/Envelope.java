package dev.forgather.logs.watch;

import java.util.Arrays;

/**
 * A series reduced to the view's resolution: per dot column, the smallest and largest value
 * that falls in it, and the first and last in file order (to join neighbouring columns). One
 * pass over the points, whatever their number, and no point is dropped: a one-record spike is
 * the maximum of its column.
 */
final class Envelope {
    final double[] min;
    final double[] max;
    final double[] first;
    final double[] last;
    private double low = Double.POSITIVE_INFINITY;
    private double high = Double.NEGATIVE_INFINITY;

    private Envelope(int columns) {
        min = new double[columns];
        max = new double[columns];
        first = new double[columns];
        last = new double[columns];
        Arrays.fill(min, Double.NaN);
    }

    /**
     * The envelope of the points whose x lies in {@code [from, to]}, over {@code columns} columns.
     * Points with a non-finite x or y are left out; with {@code log}, y is its base-10 logarithm and
     * points at or below 0 are left out.
     */
    static Envelope of(double[] x, double[] y, double from, double to, int columns, boolean log) {
        return of(x, y, y.length, new double[0], from, to, columns, log);
    }

    /**
     * {@link #of(double[], double[], double, double, int, boolean)} of points whose y is in two
     * parts, as a moving average keeps it: the first {@code headLength} of {@code head}, then
     * {@code tail}; {@code x} holds at least as many.
     */
    static Envelope of(
            double[] x,
            double[] head,
            int headLength,
            double[] tail,
            double from,
            double to,
            int columns,
            boolean log) {
        Envelope e = new Envelope(columns);
        double scale = to > from ? columns / (to - from) : 0;
        e.add(x, head, 0, headLength, 0, from, to, scale, log);
        e.add(x, tail, headLength, headLength + tail.length, headLength, from, to, scale, log);
        return e;
    }

    /** Adds the points {@code [start, end)}, whose y is {@code y[i - yOffset]}. */
    private void add(
            double[] x,
            double[] y,
            int start,
            int end,
            int yOffset,
            double from,
            double to,
            double scale,
            boolean log) {
        int columns = min.length;
        for (int i = start; i < end; i++) {
            double xi = x[i];
            if (!(xi >= from && xi <= to)) {
                continue;
            }
            double v = y[i - yOffset];
            if (log) {
                v = v > 0 ? Math.log10(v) : Double.NaN;
            }
            if (!Double.isFinite(v)) {
                continue;
            }
            int c = Math.min(columns - 1, (int) ((xi - from) * scale));
            if (Double.isNaN(min[c])) {
                min[c] = v;
                max[c] = v;
                first[c] = v;
            } else {
                if (v < min[c]) {
                    min[c] = v;
                }
                if (v > max[c]) {
                    max[c] = v;
                }
            }
            last[c] = v;
            if (v < low) {
                low = v;
            }
            if (v > high) {
                high = v;
            }
        }
    }

    boolean has(int column) {
        return !Double.isNaN(min[column]);
    }

    boolean isEmpty() {
        return low > high;
    }

    double low() {
        return low;
    }

    double high() {
        return high;
    }
}
