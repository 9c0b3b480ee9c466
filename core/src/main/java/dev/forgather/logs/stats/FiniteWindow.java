package dev.forgather.logs.stats;

/**
 * The sliding sum over the finite values of {@code values[lo..hi]} that {@link MovingAverage} and
 * {@link RunningMovingAverage} move along a series: one home for the order of its additions and
 * subtractions, on which their results agreeing bit for bit depends.
 */
final class FiniteWindow {
    private double sum;
    private int count;
    private int lo;
    private int hi = -1;

    /** Moves to {@code [wantLo, wantHi]}: first takes in the points up to {@code wantHi}, then drops those below {@code wantLo}. */
    void moveTo(double[] values, int wantLo, int wantHi) {
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
    }

    /** The mean of the finite values in the window; NaN when it has none. */
    double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** A window in the same place, moved on its own from now on. */
    FiniteWindow copy() {
        FiniteWindow copy = new FiniteWindow();
        copy.sum = sum;
        copy.count = count;
        copy.lo = lo;
        copy.hi = hi;
        return copy;
    }
}
