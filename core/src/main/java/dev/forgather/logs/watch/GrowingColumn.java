package dev.forgather.logs.watch;

import java.util.Arrays;

/**
 * An append-only column of doubles with room to grow (its capacity doubles when full), whose
 * snapshots are views: the array and a length. Appending a poll's 1,000 points to a million
 * copies none of the million (but for the amortised doubling), and a view never sees what is
 * appended after it was taken: appends write past every view's length, or into a new array.
 * Not thread-safe: one thread appends; views may be read anywhere once handed over.
 */
final class GrowingColumn {
    private double[] values;
    private int size;

    GrowingColumn() {
        this(16);
    }

    GrowingColumn(int capacity) {
        values = new double[Math.max(1, capacity)];
    }

    void append(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** The values so far; later appends are not part of it. */
    View view() {
        return new View(values, size);
    }

    /** The first {@code length} entries of {@code values}; the array may be longer, and its entries past the length are not the view's. */
    record View(double[] values, int length) {
        double get(int i) {
            if (i < 0 || i >= length) {
                throw new IndexOutOfBoundsException("point " + i + " of " + length);
            }
            return values[i];
        }
    }
}
