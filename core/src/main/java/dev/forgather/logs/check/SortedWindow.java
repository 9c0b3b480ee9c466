package dev.forgather.logs.check;

import java.util.Arrays;

/**
 * The last {@code capacity} values added, kept sorted, for a rolling median and MAD in O(capacity)
 * per value instead of a sort per record: a million-record log with a 500-record window costs
 * a few hundred milliseconds, not minutes.
 */
final class SortedWindow {
    private final double[] sorted;
    private final double[] arrival;
    private int oldest;
    private int size;

    SortedWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window of " + capacity + " values");
        }
        sorted = new double[capacity];
        arrival = new double[capacity];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == sorted.length;
    }

    /** Adds {@code x}; a full window first drops its oldest value. */
    void add(double x) {
        if (size == sorted.length) {
            double out = arrival[oldest];
            int at = Arrays.binarySearch(sorted, 0, size, out);
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
            arrival[oldest] = x;
            oldest = (oldest + 1) % sorted.length;
        } else {
            arrival[(oldest + size) % sorted.length] = x;
        }
        int at = Arrays.binarySearch(sorted, 0, size, x);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = x;
        size++;
    }

    /** The median of the values in the window; NaN when empty. */
    double median() {
        return size == 0 ? Double.NaN : RobustStats.sortedMedian(sorted, 0, size);
    }

    /**
     * The median absolute deviation from the median. The deviations of the values left of the
     * median grow leftwards and those right of it rightwards, so merging the two runs finds the
     * middle deviation without sorting.
     */
    double mad() {
        if (size == 0) {
            return Double.NaN;
        }
        double m = median();
        // left walks leftwards from the middle, right rightwards; an odd window's middle value
        // (deviation 0) goes with the left run.
        int left = size % 2 == 1 ? size / 2 : size / 2 - 1;
        int right = left + 1;
        // The median deviation is the (size/2)-th smallest from 0, averaged with the one before
        // it when the window is even.
        int wanted = size / 2;
        double previous = Double.NaN;
        double current = Double.NaN;
        for (int taken = 0; taken <= wanted; taken++) {
            double dl = left >= 0 ? m - sorted[left] : Double.POSITIVE_INFINITY;
            double dr = right < size ? sorted[right] - m : Double.POSITIVE_INFINITY;
            previous = current;
            if (dl <= dr) {
                current = dl;
                left--;
            } else {
                current = dr;
                right++;
            }
        }
        return size % 2 == 1 ? current : (previous + current) / 2;
    }
}
