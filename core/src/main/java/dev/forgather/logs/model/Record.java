package dev.forgather.logs.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** A view of one record of a {@link TrainingLog}, as read from the file. */
public final class Record {
    private final TrainingLog log;
    private final int index;

    Record(TrainingLog log, int index) {
        this.log = log;
        this.index = index;
    }

    /** The record's position in the log, from 0. */
    public int index() {
        return index;
    }

    /** What kind of record this is. */
    public RecordKind kind() {
        return log.kind(index);
    }

    /**
     * The global step; a record without one has the step of the record before it (0 for the first),
     * as a position only: {@link #hasStep()} says whether the record gave it.
     */
    public long step() {
        return log.step(index);
    }

    /** Whether the record gave its own {@code global_step}. */
    public boolean hasStep() {
        return log.hasStep(index);
    }

    /** The epoch; empty when the record has none, as {@link #get} says a metric is absent. */
    public OptionalDouble epoch() {
        return present(log.epoch(index));
    }

    /** Unix time in seconds; empty when the record has none. */
    public OptionalDouble timestamp() {
        return present(log.timestamp(index));
    }

    // The log's axis columns hold NaN where a record has no value.
    private static OptionalDouble present(double axisValue) {
        return Double.isNaN(axisValue) ? OptionalDouble.empty() : OptionalDouble.of(axisValue);
    }

    /** The value of metric {@code key}; empty when this record does not hold it. */
    public OptionalDouble get(String key) {
        TrainingLog.Column column = log.column(key);
        if (column == null) {
            return OptionalDouble.empty();
        }
        int at = column.find(index);
        return at < 0 ? OptionalDouble.empty() : OptionalDouble.of(column.values[at]);
    }

    /** The metric keys this record holds (axes not included), in the log's key order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        for (String key : log.metricNames()) {
            if (log.column(key).find(index) >= 0) {
                out.add(key);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("Record[").append(index).append(", step ").append(step());
        for (String key : keys()) {
            sb.append(", ").append(key).append('=').append(get(key).getAsDouble());
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && r.log == log && r.index == index;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(log) * 31 + index;
    }
}
