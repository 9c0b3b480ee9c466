package dev.forgather.logs.stats;

/**
 * The centred moving average used by {@code --smooth N}: point {@code i} becomes the mean of the
 * points {@code i - N/2 … i + N/2} (integer division), the window clipped at both ends.
 * Non-finite points are left out of every mean, so one NaN does not blank a window; a window with
 * no finite point is NaN. Runs in O(n) whatever the window.
 */
public final class MovingAverage {
    private MovingAverage() {}

    /** Whether a window of {@code window} points smooths a series of {@code length} points at all. */
    public static boolean applies(int window, int length) {
        return window > 1 && length >= window;
    }

    /**
     * The smoothed copy of {@code values}, or a plain copy when {@link #applies} is false.
     */
    public static double[] smooth(double[] values, int window) {
        int n = values.length;
        double[] out = new double[n];
        if (!applies(window, n)) {
            System.arraycopy(values, 0, out, 0, n);
            return out;
        }
        int half = window / 2;
        // Sliding sum over the finite values of [lo, hi].
        double sum = 0;
        int count = 0;
        int lo = 0;
        int hi = -1;
        for (int i = 0; i < n; i++) {
            int wantHi = Math.min(n - 1, i + half);
            int wantLo = Math.max(0, i - half);
            while (hi < wantHi) {
                hi++;
                if (Double.isFinite(values[hi])) {
                    sum += values[hi];
                    count++;
                }
            }
            while (lo < wantLo) {
                if (Double.isFinite(values[lo])) {
                    sum -= values[lo];
                    count--;
                }
                lo++;
            }
            out[i] = count == 0 ? Double.NaN : sum / count;
        }
        return out;
    }
}
