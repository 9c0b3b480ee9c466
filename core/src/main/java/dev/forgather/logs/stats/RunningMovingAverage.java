package dev.forgather.logs.stats;

import java.util.Arrays;

/**
 * {@link MovingAverage}'s centred moving average of a series that only grows, kept up to date in
 * O(new points + window) per extension instead of O(n): the values of a live run, smoothed again
 * after every poll.
 *
 * <p>Point {@code i}'s mean is final once the series reaches {@code i + window/2}: from then on
 * its window is no longer clipped at the end. Those points are <em>settled</em>; they are kept,
 * with the sliding sum as it stood after the last of them, exactly as {@link MovingAverage#smooth}
 * leaves it there, so that the values come out bit for bit the same as smoothing the whole series
 * again. The last {@code window/2} points or so, whose windows the end still clips, are worked out
 * afresh at each {@link #extend}, from that sum.
 *
 * <p>Not thread-safe. A {@link Smoothed} it returned never changes: later extensions write past
 * its settled length only, or into a new array.
 */
public final class RunningMovingAverage {
    private final int window;
    private final int half;

    private double[] settled;
    private int settledSize;
    /** The window after settled point {@code settledSize - 1}. */
    private final FiniteWindow sliding = new FiniteWindow();
    /** The length of the series last given to {@link #extend}. */
    private int length;

    /** A moving average over {@code window} points, as {@link MovingAverage#smooth} takes it. */
    public RunningMovingAverage(int window) {
        this(window, 16);
    }

    /** As {@link #RunningMovingAverage(int)}, with room for {@code capacity} points before its array grows. */
    public RunningMovingAverage(int window, int capacity) {
        if (window < 1) {
            throw new IllegalArgumentException("window " + window);
        }
        this.window = window;
        this.half = window / 2;
        this.settled = new double[Math.max(1, capacity)];
    }

    /** The window, in points. */
    public int window() {
        return window;
    }

    /** How many points the last {@link #extend} was given; 0 before the first. */
    public int length() {
        return length;
    }

    /**
     * The smoothed series of the first {@code n} of {@code values}; the raw values when
     * {@link MovingAverage#applies} is false for {@code n}. The first values must be the ones
     * given before: the series only grew. {@code n} below the last call's is a programming error.
     */
    public Smoothed extend(double[] values, int n) {
        if (n < length) {
            throw new IllegalArgumentException("the series shrank from " + length + " to " + n + " points");
        }
        length = n;
        // Point i's window, [i - half, i + half], is whole up to i = n - 1 - half.
        int lastSettled = n - 1 - half;
        for (int i = settledSize; i <= lastSettled; i++) {
            sliding.moveTo(values, Math.max(0, i - half), i + half);
            if (settledSize == settled.length) {
                settled = Arrays.copyOf(settled, settledSize * 2);
            }
            settled[settledSize++] = sliding.mean();
        }
        if (!MovingAverage.applies(window, n)) {
            return new Smoothed(values, n, new double[0]);
        }
        // The points whose window the end clips: from a copy of the window, as smooth() goes on.
        FiniteWindow clipped = sliding.copy();
        double[] tail = new double[n - settledSize];
        for (int i = settledSize; i < n; i++) {
            clipped.moveTo(values, Math.max(0, i - half), n - 1);
            tail[i - settledSize] = clipped.mean();
        }
        return new Smoothed(settled, settledSize, tail);
    }

    /**
     * A smoothed series in two parts, so that the part that can no longer change is shared, not
     * copied: the first {@code headLength} entries of {@code head} (the array may be longer), then
     * {@code tail}.
     */
    public record Smoothed(double[] head, int headLength, double[] tail) {
        /** How many points in all. */
        public int size() {
            return headLength + tail.length;
        }

        /** Point {@code i}. */
        public double get(int i) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("point " + i + " of " + size());
            }
            return i < headLength ? head[i] : tail[i - headLength];
        }

        /** The points as one new array. */
        public double[] toArray() {
            double[] out = Arrays.copyOf(head, size());
            System.arraycopy(tail, 0, out, headLength, tail.length);
            return out;
        }
    }
}
