package dev.forgather.logs.check;

/** Trailing means, for detectors that judge a smoothed training loss. */
final class Smoothing {
    private Smoothing() {}

    /** The mean of {@code values[i-window+1..i]} at each {@code i} (fewer at the start). */
    static double[] trailingMean(double[] values, int size, int window) {
        double[] out = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }
}
