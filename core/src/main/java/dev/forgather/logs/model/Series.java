package dev.forgather.logs.model;

import java.util.Arrays;

/**
 * One metric of one run, in file order: the values of every record that holds the metric, with
 * the step, epoch and time of those records.
 *
 * <p>A series is a read-only view over the log's primitive columns; it copies nothing. A value
 * may be NaN or ±Infinity (a diverged run): NaN is a value here, never a marker for "missing" —
 * a record without the metric simply has no entry.
 */
public final class Series {
    private final String name;
    private final int[] rows;
    private final double[] values;
    /** Each value's own time where the format gives one (a TensorBoard event's), NaN where not; null: none has. */
    private final double[] times;

    private final int size;
    private final RecordAxes axes;

    Series(String name, int[] rows, double[] values, double[] times, int size, RecordAxes axes) {
        this.name = name;
        this.rows = rows;
        this.values = values;
        this.times = times;
        this.size = size;
        this.axes = axes;
    }

    /** The log's key, e.g. {@code eval_loss}. */
    public String name() {
        return name;
    }

    /** How many points the series has. */
    public int size() {
        return size;
    }

    /** Whether the series has no points. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The value of point {@code i}; may be NaN or infinite. */
    public double value(int i) {
        checkIndex(i);
        return values[i];
    }

    /**
     * The global step of the record point {@code i} came from. A record without one has the step of
     * the record before it (0 for the first), which is a position, not data: {@link #hasStep(int)}
     * says whether the record gave it.
     */
    public long step(int i) {
        checkIndex(i);
        return axes.steps[rows[i]];
    }

    /**
     * Whether the record point {@code i} came from gave its own {@code global_step}: summary, plot
     * and export leave the step of a point without one out (null, not drawn against steps).
     */
    public boolean hasStep(int i) {
        checkIndex(i);
        return axes.hasStep(rows[i]);
    }

    /** The epoch of the record point {@code i} came from; NaN when that record has none. */
    public double epoch(int i) {
        checkIndex(i);
        return axes.epochs[rows[i]];
    }

    /**
     * The Unix time in seconds of point {@code i}: the time of its own value where the format
     * records one per value (a TensorBoard event's {@code wall_time}), else of the record it came
     * from; NaN when it has none.
     */
    public double timestamp(int i) {
        checkIndex(i);
        return times != null && !Double.isNaN(times[i]) ? times[i] : axes.timestamps[rows[i]];
    }

    /** The index, in the log's records, of the record point {@code i} came from. */
    public int recordIndex(int i) {
        checkIndex(i);
        return rows[i];
    }

    /** A copy of the values. */
    public double[] values() {
        return Arrays.copyOf(values, size);
    }

    /** A copy of the steps, as {@link #step(int)} gives them. */
    public long[] steps() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = axes.steps[rows[i]];
        }
        return out;
    }

    /** A copy of the epochs (NaN where a record has none). */
    public double[] epochs() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = axes.epochs[rows[i]];
        }
        return out;
    }

    /** A copy of the Unix timestamps in seconds, as {@link #timestamp(int)} gives them (NaN where none). */
    public double[] timestamps() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = times != null && !Double.isNaN(times[i]) ? times[i] : axes.timestamps[rows[i]];
        }
        return out;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("point " + i + " of series " + name + " with " + size + " points");
        }
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + size + " points]";
    }
}
