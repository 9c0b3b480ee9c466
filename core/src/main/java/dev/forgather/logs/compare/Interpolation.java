package dev.forgather.logs.compare;

import java.util.OptionalDouble;

/** Linear interpolation over points sorted by x. */
final class Interpolation {
    private Interpolation() {}

    /**
     * The value at {@code x} of the polyline through {@code (xs[i], ys[i])}, {@code xs} ascending;
     * empty outside {@code [xs[0], xs[n-1]]}. At an x that several points share, the last of them.
     */
    static OptionalDouble at(long[] xs, double[] ys, double x) {
        int n = xs.length;
        if (n == 0 || x < xs[0] || x > xs[n - 1]) {
            return OptionalDouble.empty();
        }
        // The last point at or before x.
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (xs[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (xs[lo] == x || lo == n - 1) {
            return OptionalDouble.of(ys[lo]);
        }
        double x0 = xs[lo];
        double x1 = xs[lo + 1];
        double f = (x - x0) / (x1 - x0);
        return OptionalDouble.of(ys[lo] + f * (ys[lo + 1] - ys[lo]));
    }
}
