package dev.forgather.logs.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One training run's log, read into named primitive columns.
 *
 * <p>Every record is kept as read ({@link #record(int)}), including the Forgather trainer's
 * repeated evaluations. {@link #series(String)} gives a metric as plots and statistics use it:
 * repeated evaluations left out. Immutable and safe to share between threads.
 */
public final class TrainingLog {
    private final Path path;
    private final RunName name;
    private final SourceFormat format;
    private final Map<String, String> config;
    private final int recordCount;
    private final boolean hasSteps;
    private final RecordAxes axes;
    private final byte[] kinds;
    private final Map<String, Column> columns;
    private final List<String> warnings;
    private final Map<String, String> aliases;
    private final Map<String, Series> seriesCache = new ConcurrentHashMap<>();

    /**
     * The arrays may be longer than the log ({@code recordCount}, each column's {@code size}): a
     * follower's builder goes on filling them past the end this log sees.
     */
    TrainingLog(
            Path path,
            RunName name,
            SourceFormat format,
            Map<String, String> config,
            int recordCount,
            boolean hasSteps,
            RecordAxes axes,
            byte[] kinds,
            Map<String, Column> columns,
            List<String> warnings,
            Map<String, String> aliases) {
        this.path = path;
        this.name = name;
        this.config = config;
        this.format = format;
        this.recordCount = recordCount;
        this.hasSteps = hasSteps;
        this.axes = axes;
        this.kinds = kinds;
        this.columns = Collections.unmodifiableMap(columns);
        this.warnings = warnings;
        this.aliases = aliases;
    }

    /** The file this log was read from. */
    public Path path() {
        return path;
    }

    /** The run's model and name, as its format names them (the read layer's {@code LogFormat.name}). */
    public RunName name() {
        return name;
    }

    /** The run's name: e.g. the folder after {@code runs/}, else the log's parent folder name. */
    public String runName() {
        return name.run();
    }

    /** The model's name: e.g. the folder before {@code runs/}; empty when the path has none. */
    public Optional<String> modelName() {
        return name.model();
    }

    /**
     * The format the log was read from: one of the read layer's {@code LogFormat} values, seen
     * through the model's {@link SourceFormat}; {@link SourceFormat#id()} is its short name, e.g.
     * {@code forgather}.
     */
    public SourceFormat format() {
        return format;
    }

    /**
     * The run's configuration where its format records one, as string to string, sorted by key:
     * Lightning's {@code hparams.yaml}, MLflow's params, TensorBoard's hparams, the Hugging Face
     * trainer's batch size and the {@code config.json} and {@code training_args.json} beside its
     * state. Empty when the format records none.
     */
    public Map<String, String> config() {
        return config;
    }

    /** Notes about input the reader had to skip (e.g. a record cut off at the end); empty when none. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Whether any record gave its step. A record without one still has a step (0, or the previous
     * record's) to keep its place, but summary, plot and export leave it out
     * ({@link Record#hasStep()}, {@link Series#hasStep(int)}).
     */
    public boolean hasSteps() {
        return hasSteps;
    }

    /** How many complete records were read, repeated evaluations included. */
    public int recordCount() {
        return recordCount;
    }

    /** Record {@code index} as read. */
    public Record record(int index) {
        if (index < 0 || index >= recordCount) {
            throw new IndexOutOfBoundsException("record " + index + " of " + recordCount);
        }
        return new Record(this, index);
    }

    /** Every record as read, in file order. */
    public List<Record> records() {
        List<Record> out = new ArrayList<>(recordCount);
        for (int i = 0; i < recordCount; i++) {
            out.add(new Record(this, i));
        }
        return out;
    }

    /** The kind of record {@code index}. */
    public RecordKind kind(int index) {
        return RecordKind.values()[kinds[index]];
    }

    /** The last record holding {@code train_runtime}: the end-of-training summary, if the run finished. */
    public Optional<Record> finalRecord() {
        Column runtime = columns.get(MetricNames.TRAIN_RUNTIME);
        if (runtime == null) {
            return Optional.empty();
        }
        return Optional.of(new Record(this, runtime.rows[runtime.size - 1]));
    }

    /** The metric keys the log holds, in order of first appearance (the axes keys not included). */
    public Set<String> metricNames() {
        return columns.keySet();
    }

    /**
     * The names the file itself used for metrics that were stored under a canonical name, mapped to
     * that name: e.g. Lightning's {@code train_loss_step} to {@code loss}, TensorBoard's
     * {@code train/epoch} to {@code epoch}. {@link #series(String)}, {@link #has(String)} and
     * {@link Record#get(String)} accept these names too. Empty for formats whose names are already
     * canonical.
     */
    public Map<String, String> aliases() {
        return aliases;
    }

    /** Whether any record holds {@code name} (an axis key, a metric, or an alias of one). */
    public boolean has(String name) {
        return column(name) != null || !series(name).isEmpty();
    }

    /**
     * The metric {@code name} over every record that holds it, repeated evaluations left out, and
     * for a training metric ({@code loss}, {@code grad_norm}) evaluation records left out too
     * ({@link RecordKind#isTrainingMetric}): summary, plot and export all read this. The axis keys
     * {@code global_step}, {@code epoch} and {@code timestamp} are served too, and so is a name the
     * file used for a canonical metric ({@link #aliases()}). Empty (never null) for a key the log
     * does not hold.
     */
    public Series series(String name) {
        return seriesCache.computeIfAbsent(name, n -> select(n, null));
    }

    /** The metric {@code name} over the records of one kind only, e.g. training losses. */
    public Series series(String name, RecordKind kind) {
        return select(name, kind);
    }

    private Series select(String name, RecordKind only) {
        Column column = column(name);
        if (column == null) {
            column = axisColumn(aliases.getOrDefault(name, name));
        }
        if (column == null) {
            return new Series(name, new int[0], new double[0], null, 0, axes);
        }
        boolean training = only == null
                && RecordKind.isTrainingMetric(columns.containsKey(name) ? name : aliases.getOrDefault(name, name));
        if (only == null && column.repeats == 0 && (!training || noneOfKind(column, RecordKind.EVALUATION))) {
            // The usual case (repeated evaluations hold no losses): a view, not a 12-byte-per-value copy.
            return new Series(name, column.rows, column.values, column.times, column.size, axes);
        }
        if (only != null && allOfKind(column, only)) {
            return new Series(name, column.rows, column.values, column.times, column.size, axes);
        }
        int[] rows = new int[column.size];
        double[] values = new double[column.size];
        double[] times = column.times == null ? null : new double[column.size];
        int n = 0;
        for (int i = 0; i < column.size; i++) {
            int kind = kinds[column.rows[i]];
            boolean keep = only == null
                    ? kind != RecordKind.REPEATED_EVALUATION.ordinal()
                            && !(training && kind == RecordKind.EVALUATION.ordinal())
                    : kind == only.ordinal();
            if (keep) {
                rows[n] = column.rows[i];
                values[n] = column.values[i];
                if (times != null) {
                    times[n] = column.times[i];
                }
                n++;
            }
        }
        return new Series(name, rows, values, times, n, axes);
    }

    private boolean noneOfKind(Column column, RecordKind kind) {
        byte unwanted = (byte) kind.ordinal();
        for (int i = 0; i < column.size; i++) {
            if (kinds[column.rows[i]] == unwanted) {
                return false;
            }
        }
        return true;
    }

    private boolean allOfKind(Column column, RecordKind kind) {
        byte wanted = (byte) kind.ordinal();
        for (int i = 0; i < column.size; i++) {
            if (kinds[column.rows[i]] != wanted) {
                return false;
            }
        }
        return true;
    }

    private Column axisColumn(String name) {
        double[] source;
        switch (name) {
            case MetricNames.EPOCH -> source = axes.epochs;
            case MetricNames.TIME -> source = axes.timestamps;
            case MetricNames.STEP -> {
                // Only the records that gave a step, as epoch and timestamp hold only those that gave theirs.
                double[] values = new double[recordCount];
                int[] rows = new int[recordCount];
                int n = 0;
                int repeats = 0;
                for (int i = 0; i < recordCount; i++) {
                    if (axes.hasStep(i)) {
                        rows[n] = i;
                        values[n] = axes.steps[i];
                        n++;
                        repeats += isRepeat(i);
                    }
                }
                return n == recordCount
                        ? new Column(rows, values, n, repeats)
                        : new Column(Arrays.copyOf(rows, n), Arrays.copyOf(values, n), n, repeats);
            }
            default -> {
                return null;
            }
        }
        int[] rows = new int[recordCount];
        double[] values = new double[recordCount];
        int n = 0;
        int repeats = 0;
        for (int i = 0; i < recordCount; i++) {
            if (!Double.isNaN(source[i])) {
                rows[n] = i;
                values[n] = source[i];
                n++;
                repeats += isRepeat(i);
            }
        }
        return new Column(Arrays.copyOf(rows, n), Arrays.copyOf(values, n), n, repeats);
    }

    private int isRepeat(int row) {
        return kinds[row] == RecordKind.REPEATED_EVALUATION.ordinal() ? 1 : 0;
    }

    /**
     * Whether this log's first records are {@code prefix}'s records, each with the same step,
     * epoch, time, kind and metric values and times (NaN equal to NaN): a log read again after its file
     * grew starts with the log read before. Costs one pass over {@code prefix}'s columns.
     */
    public boolean startsWith(TrainingLog prefix) {
        int n = prefix.recordCount;
        if (n > recordCount) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (axes.steps[i] != prefix.axes.steps[i]
                    || axes.hasStep(i) != prefix.axes.hasStep(i)
                    || kinds[i] != prefix.kinds[i]
                    || !sameBits(axes.epochs[i], prefix.axes.epochs[i])
                    || !sameBits(axes.timestamps[i], prefix.axes.timestamps[i])) {
                return false;
            }
        }
        for (Map.Entry<String, Column> entry : columns.entrySet()) {
            Column mine = entry.getValue();
            Column theirs = prefix.columns.get(entry.getKey());
            int shared = theirs == null ? 0 : theirs.size;
            // Past the entries both hold, this log's next entry must lie beyond the prefix's records.
            if (mine.size < shared || mine.size > shared && mine.rows[shared] < n) {
                return false;
            }
            for (int i = 0; i < shared; i++) {
                if (mine.rows[i] != theirs.rows[i]
                        || !sameBits(mine.values[i], theirs.values[i])
                        || !sameBits(mine.time(i, axes), theirs.time(i, prefix.axes))) {
                    return false;
                }
            }
        }
        for (String key : prefix.columns.keySet()) {
            if (!columns.containsKey(key)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    long step(int row) {
        return axes.steps[row];
    }

    boolean hasStep(int row) {
        return axes.hasStep(row);
    }

    double epoch(int row) {
        return axes.epochs[row];
    }

    double timestamp(int row) {
        return axes.timestamps[row];
    }

    Column column(String name) {
        Column column = columns.get(name);
        if (column == null) {
            String canonical = aliases.get(name);
            if (canonical != null) {
                column = columns.get(canonical);
            }
        }
        return column;
    }

    @Override
    public String toString() {
        return "TrainingLog[" + path + ", " + recordCount + " records]";
    }

    /**
     * One metric's entries: the records holding it and their values, the first {@code size} of
     * the arrays (which may be longer), and how many of them are in repeated evaluations.
     * {@code times} holds each value's own time where the format gives values of one record
     * different times (a TensorBoard event per value), NaN for a value that has its record's; null
     * when every value has its record's.
     */
    static final class Column {
        final int[] rows;
        final double[] values;
        final double[] times;
        final int size;
        final int repeats;

        Column(int[] rows, double[] values, int size, int repeats) {
            this(rows, values, null, size, repeats);
        }

        Column(int[] rows, double[] values, double[] times, int size, int repeats) {
            this.rows = rows;
            this.values = values;
            this.times = times;
            this.size = size;
            this.repeats = repeats;
        }

        /** The time of entry {@code i}: its own, else its record's. */
        double time(int i, RecordAxes axes) {
            return times != null && !Double.isNaN(times[i]) ? times[i] : axes.timestamps[rows[i]];
        }

        /** The position of {@code row} in this column, or a negative number when the record lacks the key. */
        int find(int row) {
            return Arrays.binarySearch(rows, 0, size, row);
        }
    }
}
