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
        FiniteWindow sliding = new FiniteWindow();
        for (int i = 0; i < n; i++) {
            sliding.moveTo(values, Math.max(0, i - half), Math.min(n - 1, i + half));
            out[i] = sliding.mean();
        }
        return out;
    }
}
