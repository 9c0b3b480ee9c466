package dev.forgather.logs.plot;

import java.util.Arrays;

/**
 * Thins a line to what a given number of pixel columns can show, keeping its look: the M4
 * reduction, which keeps the first, last, lowest and highest point of every column (and its first
 * gap), so every spike, the global minimum and maximum, and both ends survive.
 *
 * <p>Columns are runs of consecutive points, not x ranges: the points are drawn joined in file
 * order, and a resumed run's steps go backwards, so x alone does not say which points are
 * neighbours on screen. For the usual evenly logged run the two are the same.
 */
final class Downsampler {
    private Downsampler() {}

    /**
     * {@code line} itself when it has at most {@code columns} points, else at most five points per
     * column: its first, lowest, highest and last point, and its first gap (NaN) if it has one.
     */
    static XYColumns reduce(XYColumns line, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive: " + columns);
        }
        int n = line.size();
        if (n <= columns) {
            return line;
        }
        double[] x = line.x();
        double[] y = line.y();
        double[] outX = new double[5 * columns];
        double[] outY = new double[5 * columns];
        int[] keep = new int[5];
        int out = 0;
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * n / columns);
            int to = (int) ((long) (c + 1) * n / columns);
            int first = -1;
            int last = -1;
            int min = -1;
            int max = -1;
            int gap = -1;
            for (int i = from; i < to; i++) {
                double v = y[i];
                if (Double.isNaN(v)) {
                    if (gap < 0) {
                        gap = i;
                    }
                    continue;
                }
                if (first < 0) {
                    first = i;
                    min = i;
                    max = i;
                }
                last = i;
                if (v < y[min]) {
                    min = i;
                }
                if (v > y[max]) {
                    max = i;
                }
            }
            int k = 0;
            for (int index : new int[] {first, min, max, last, gap}) {
                if (index >= 0) {
                    keep[k++] = index;
                }
            }
            Arrays.sort(keep, 0, k);
            for (int j = 0; j < k; j++) {
                if (j > 0 && keep[j] == keep[j - 1]) {
                    continue;
                }
                outX[out] = x[keep[j]];
                outY[out] = y[keep[j]];
                out++;
            }
        }
        return new XYColumns(Arrays.copyOf(outX, out), Arrays.copyOf(outY, out));
    }
}
