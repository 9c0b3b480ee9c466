package dev.forgather.logs.export;

import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of several runs as one table, ready for a {@link TableWriter}: either tidy (one row per
 * value: {@code run, model, format, step, epoch, time, metric, value}) or wide (one row per record:
 * {@code run, model, format, step, epoch, time}, then one column per metric).
 *
 * <p>Metrics go by their canonical names ({@code loss}, {@code eval_loss}, ...), so runs of
 * different formats line up. Rows follow the runs in the order given, each run's records in file
 * order, and within a record the metrics in the log's key order. The Forgather trainer's repeated
 * evaluations are left out, as in {@link TrainingLog#series(String)}; so is a record that holds no
 * metric at all. A wide row therefore holds as many non-null metric cells as the tidy table has rows
 * for its record.
 *
 * <p>The table is a view: it copies no values, and each {@link #cursor()} walks the logs afresh.
 */
public final class ExportTable {
    /** The fixed leading columns of both layouts. */
    public static final List<Column> KEY_COLUMNS = List.of(
            new Column("run", ColumnType.TEXT),
            new Column("model", ColumnType.TEXT),
            new Column("format", ColumnType.TEXT),
            new Column("step", ColumnType.INTEGER),
            new Column("epoch", ColumnType.AXIS),
            new Column("time", ColumnType.AXIS));

    static final int RUN = 0;
    static final int MODEL = 1;
    static final int FORMAT = 2;
    static final int STEP = 3;
    static final int EPOCH = 4;
    static final int TIME = 5;
    static final int METRIC = 6;
    static final int VALUE = 7;

    /** The two shapes of table. */
    public enum Layout {
        /** One row per value, the metric's name in column {@code metric}, its value in {@code value}. */
        TIDY,
        /** One row per record, one column per metric, empty where the record lacks the metric. */
        WIDE
    }

    /** What a column holds, and so how each format writes it. */
    public enum ColumnType {
        /** Text; null when absent (a run without a model name). */
        TEXT,
        /** A whole number: the global step; null when the record gave none (never the step before it, or 0). */
        INTEGER,
        /** An axis value (epoch, Unix time in seconds); null when the record has none, never non-finite. */
        AXIS,
        /** A metric value: may be NaN or ±Infinity; null only in a wide row whose record lacks the metric. */
        VALUE
    }

    /** A column's name and type. */
    public record Column(String name, ColumnType type) {}

    private final List<TrainingLog> logs;
    private final Layout layout;
    private final List<Column> columns;
    private final List<String> metrics;

    private ExportTable(List<TrainingLog> logs, Layout layout) {
        this.logs = List.copyOf(logs);
        this.layout = layout;
        List<Column> all = new ArrayList<>(KEY_COLUMNS);
        if (layout == Layout.TIDY) {
            this.metrics = List.of();
            all.add(new Column("metric", ColumnType.TEXT));
            all.add(new Column("value", ColumnType.VALUE));
        } else {
            Map<String, Boolean> union = new LinkedHashMap<>();
            for (TrainingLog log : this.logs) {
                for (String name : log.metricNames()) {
                    union.put(name, Boolean.TRUE);
                }
            }
            this.metrics = List.copyOf(union.keySet());
            for (String name : metrics) {
                all.add(new Column(name, ColumnType.VALUE));
            }
        }
        this.columns = List.copyOf(all);
    }

    /** The tidy table of {@code logs}: one row per value. */
    public static ExportTable tidy(List<TrainingLog> logs) {
        return new ExportTable(logs, Layout.TIDY);
    }

    /** The wide table of {@code logs}: one row per record, one column per metric of any of the logs. */
    public static ExportTable wide(List<TrainingLog> logs) {
        return new ExportTable(logs, Layout.WIDE);
    }

    /** The table of {@code logs} in {@code layout}. */
    public static ExportTable of(List<TrainingLog> logs, Layout layout) {
        return new ExportTable(logs, layout);
    }

    /** The runs, in row order. */
    public List<TrainingLog> logs() {
        return logs;
    }

    /** Tidy or wide. */
    public Layout layout() {
        return layout;
    }

    /** The columns, in order; the first six are {@link #KEY_COLUMNS}. */
    public List<Column> columns() {
        return columns;
    }

    /** A fresh cursor before the first row. */
    public Cursor cursor() {
        return layout == Layout.TIDY ? new TidyCursor() : new WideCursor();
    }

    /**
     * Walks the rows one at a time without boxing a value: {@link #next()}, then read each column
     * by its index in {@link #columns()} with the accessor its type calls for.
     */
    public abstract class Cursor {
        TrainingLog log;
        /** The current log's series, one per name, null where it lacks one. */
        Series[] series;
        /** Per series, the next point not yet in a row. */
        int[] next;

        int logIndex = -1;

        private Cursor() {}

        /** Moves to the next row; false when there is none. */
        public abstract boolean next();

        /** The log the current row came from. */
        public TrainingLog log() {
            return log;
        }

        /** Whether column {@code column} is null in the current row. */
        public abstract boolean isNull(int column);

        /**
         * A {@link ColumnType#TEXT} column.
         *
         * @throws IllegalStateException when the cell is null ({@link #isNull(int)}): a run with no model name
         */
        public abstract String text(int column);

        /**
         * The {@link ColumnType#INTEGER} column {@code step}.
         *
         * @throws IllegalStateException when the cell is null ({@link #isNull(int)}): the record gave no step
         */
        public abstract long integer(int column);

        /** An {@link ColumnType#AXIS} or {@link ColumnType#VALUE} column; NaN for a null axis. */
        public abstract double number(int column);

        /**
         * Moves to the next log holding one of its {@link #names()}, with {@link #series} in
         * {@code names} order (null for a name the log does not hold); false after the last log.
         */
        boolean nextLog() {
            while (++logIndex < logs.size()) {
                log = logs.get(logIndex);
                List<String> names = names();
                series = new Series[names.size()];
                boolean any = false;
                for (int m = 0; m < series.length; m++) {
                    // contains(): series() also answers to aliases, which another log may use as a
                    // metric of its own.
                    if (log.metricNames().contains(names.get(m))) {
                        Series s = log.series(names.get(m));
                        if (!s.isEmpty()) {
                            series[m] = s;
                            any = true;
                        }
                    }
                }
                if (any) {
                    next = new int[series.length];
                    return true;
                }
            }
            log = null;
            return false;
        }

        /** The metrics whose values the current log contributes, in column or key order. */
        abstract List<String> names();

        /** The smallest record index any series has yet to reach; -1 when all are done. */
        int nextRecord() {
            int min = Integer.MAX_VALUE;
            for (int m = 0; m < series.length; m++) {
                Series s = series[m];
                if (s != null && next[m] < s.size()) {
                    min = Math.min(min, s.recordIndex(next[m]));
                }
            }
            return min == Integer.MAX_VALUE ? -1 : min;
        }

        String keyText(int column) {
            return switch (column) {
                case RUN -> log.runName();
                case MODEL ->
                    log.modelName()
                            .orElseThrow(() -> new IllegalStateException(
                                    "column model is null in this row: the run is not under a model folder"));
                case FORMAT -> log.format().id();
                default -> throw wrongType(column, "text");
            };
        }

        /** The step of {@code series}' point {@code i}, which must have one. */
        long step(Series series, int i) {
            if (!series.hasStep(i)) {
                throw new IllegalStateException("column step is null in this row: the record has no global_step");
            }
            return series.step(i);
        }

        IllegalArgumentException wrongType(int column, String wanted) {
            return new IllegalArgumentException(
                    "column " + column + " (" + columns.get(column).name() + ") is not " + wanted);
        }
    }

    /** One row per point of each series, records in file order, metrics in key order within a record. */
    private final class TidyCursor extends Cursor {
        private int record = -1;
        private int metric;
        private Series current;
        private int point;

        @Override
        List<String> names() {
            return List.copyOf(log.metricNames());
        }

        @Override
        public boolean next() {
            while (true) {
                while (log != null && record >= 0) {
                    // The rest of this record's metrics, then the next record's.
                    for (metric++; metric < series.length; metric++) {
                        Series s = series[metric];
                        if (s != null && next[metric] < s.size() && s.recordIndex(next[metric]) == record) {
                            current = s;
                            point = next[metric]++;
                            return true;
                        }
                    }
                    record = nextRecord();
                    metric = -1;
                }
                if (!nextLog()) {
                    return false;
                }
                record = nextRecord();
                metric = -1;
            }
        }

        @Override
        public boolean isNull(int column) {
            return switch (column) {
                case MODEL -> log.modelName().isEmpty();
                case STEP -> !current.hasStep(point);
                case EPOCH, TIME -> !Double.isFinite(number(column));
                default -> false;
            };
        }

        @Override
        public String text(int column) {
            return column == METRIC ? current.name() : keyText(column);
        }

        @Override
        public long integer(int column) {
            if (column != STEP) {
                throw wrongType(column, "an integer");
            }
            return step(current, point);
        }

        @Override
        public double number(int column) {
            return switch (column) {
                case EPOCH -> current.epoch(point);
                case TIME -> current.timestamp(point);
                case VALUE -> current.value(point);
                default -> throw wrongType(column, "a number");
            };
        }
    }

    /** One row per record holding a metric, the union of all logs' metrics as columns. */
    private final class WideCursor extends Cursor {
        /** Per series, its point in the current row, or -1. */
        private int[] at;

        private Series anchor;
        private int anchorPoint;

        @Override
        List<String> names() {
            return metrics;
        }

        @Override
        public boolean next() {
            while (true) {
                int record = log == null ? -1 : nextRecord();
                if (record >= 0) {
                    anchor = null;
                    for (int m = 0; m < series.length; m++) {
                        Series s = series[m];
                        if (s != null && next[m] < s.size() && s.recordIndex(next[m]) == record) {
                            at[m] = next[m]++;
                            if (anchor == null) {
                                anchor = s;
                                anchorPoint = at[m];
                            }
                        } else {
                            at[m] = -1;
                        }
                    }
                    return true;
                }
                if (!nextLog()) {
                    return false;
                }
                at = new int[series.length];
            }
        }

        @Override
        public boolean isNull(int column) {
            return switch (column) {
                case RUN, FORMAT -> false;
                case STEP -> !anchor.hasStep(anchorPoint);
                case MODEL -> log.modelName().isEmpty();
                case EPOCH, TIME -> !Double.isFinite(number(column));
                default -> at[metricIndex(column)] < 0;
            };
        }

        @Override
        public String text(int column) {
            return keyText(column);
        }

        @Override
        public long integer(int column) {
            if (column != STEP) {
                throw wrongType(column, "an integer");
            }
            return step(anchor, anchorPoint);
        }

        @Override
        public double number(int column) {
            return switch (column) {
                case EPOCH -> anchor.epoch(anchorPoint);
                case TIME -> anchor.timestamp(anchorPoint);
                default -> {
                    int m = metricIndex(column);
                    if (at[m] < 0) {
                        throw new IllegalStateException(
                                "column " + columns.get(column).name() + " is null in this row");
                    }
                    yield series[m].value(at[m]);
                }
            };
        }

        private int metricIndex(int column) {
            if (column <= TIME || column >= columns.size()) {
                throw wrongType(column, "a metric");
            }
            return column - KEY_COLUMNS.size();
        }
    }
}
