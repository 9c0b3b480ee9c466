package dev.forgather.logs.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fills a {@link TrainingLog} record by record, straight into primitive columns.
 *
 * <p>A reader calls {@link #beginRecord()}, then the setters for each field it finds, then
 * {@link #endRecord()} when the record is complete, or {@link #abandonRecord()} when the input
 * ends inside it (a log cut mid-record): nothing of an abandoned record is kept. Not thread-safe;
 * one builder per reader.
 */
public final class TrainingLogBuilder {
    private int count;
    private long[] steps = new long[64];
    /** True where a record gave no step; null until one does not (most logs: never). */
    private boolean[] stepless;

    private double[] epochs = new double[64];
    private double[] timestamps = new double[64];
    private byte[] kinds = new byte[64];
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private Column[] byHandle = new Column[16];
    private int handles;
    private final List<String> warnings = new ArrayList<>();
    private long ignoredValues;
    /** Values of the current record that were ignored: counted when it completes, forgotten when it is abandoned. */
    private int ignoredInRecord;
    /** How many records the reader expects in all (0: it cannot tell): what growing columns are sized for. */
    private int expected;

    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    /** Whether a snapshot shares the arrays, so that nothing it can see may be overwritten. */
    private boolean published;

    private boolean inRecord;
    private int leadingStepless;
    private boolean anyStep;
    private long step;
    private long lastStep;
    private boolean stepSet;
    private double epoch = Double.NaN;
    private double timestamp = Double.NaN;
    private Column[] touched = new Column[16];
    private int touchedCount;
    private Column loss;
    private Column evalLoss;
    private Column trainRuntime;

    /** Starts a record. */
    public void beginRecord() {
        if (inRecord) {
            abandonRecord();
        }
        inRecord = true;
        ignoredInRecord = 0;
        stepSet = false;
        epoch = Double.NaN;
        timestamp = Double.NaN;
        touchedCount = 0;
    }

    /** Sets the current record's global step. A record without one inherits the previous step. */
    public void step(long value) {
        step = value;
        stepSet = true;
        anyStep = true;
    }

    /** Sets the current record's epoch (fractional). */
    public void epoch(double value) {
        epoch = value;
    }

    /** Sets the current record's wall-clock time, Unix seconds. */
    public void timestamp(double value) {
        timestamp = value;
    }

    /** Adds a metric value to the current record. A key given twice keeps the later value. */
    public void value(String key, double value) {
        value(metric(key), value);
    }

    /**
     * The handle of metric {@code key}, for {@link #value(int, double)}: a reader that sees the same
     * keys in every record looks each up once instead of once per value.
     */
    public int metric(String key) {
        Column column = columns.get(key);
        if (column == null) {
            column = new Column(key);
            columns.put(key, column);
            if (byHandle.length == handles) {
                byHandle = Arrays.copyOf(byHandle, handles * 2);
            }
            column.handle = handles;
            byHandle[handles++] = column;
            switch (key) {
                // The keys that decide a record's kind.
                case MetricNames.LOSS -> loss = column;
                case MetricNames.EVAL_LOSS -> evalLoss = column;
                case MetricNames.TRAIN_RUNTIME -> trainRuntime = column;
                default -> {}
            }
        }
        return column.handle;
    }

    /** Adds a value of the metric with handle {@code metric} (from {@link #metric(String)}) to the current record. */
    public void value(int metric, double value) {
        value(metric, value, Double.NaN);
    }

    /**
     * Adds a value with a time of its own, Unix seconds, to the current record: for formats that
     * store each value with its own time (a TensorBoard event's {@code wall_time}), so that a
     * value grouped into a record with others keeps when it was logged. NaN, or the record's
     * time, means the value has the record's time ({@link #timestamp}).
     */
    public void value(String key, double value, double time) {
        value(metric(key), value, time);
    }

    /** {@link #value(String, double, double)} by handle. */
    public void value(int metric, double value, double time) {
        Column column = byHandle[metric];
        boolean own = !Double.isNaN(time) && Double.doubleToLongBits(time) != Double.doubleToLongBits(timestamp);
        if (column.size > 0 && column.rows[column.size - 1] == count) {
            column.values[column.size - 1] = value;
            column.setTime(column.size - 1, own ? time : Double.NaN);
            return;
        }
        if (column.size == column.rows.length) {
            column.grow(grownCapacity(column.size));
        }
        column.append(count, value);
        column.setTime(column.size - 1, own ? time : Double.NaN);
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
        }
        touched[touchedCount++] = column;
    }

    /** Completes the current record. */
    public void endRecord() {
        ensureCapacity(count + 1);
        if (!stepSet && leadingStepless == count) {
            leadingStepless++;
        }
        long recordStep = stepSet ? step : lastStep;
        steps[count] = recordStep;
        if (!stepSet) {
            markStepless(count);
        }
        epochs[count] = epoch;
        timestamps[count] = timestamp;
        RecordKind kind = kindOfCurrent(recordStep);
        kinds[count] = (byte) kind.ordinal();
        if (kind == RecordKind.REPEATED_EVALUATION) {
            for (int i = 0; i < touchedCount; i++) {
                touched[i].repeats++;
            }
        }
        lastStep = recordStep;
        count++;
        inRecord = false;
        touchedCount = 0;
        ignoredValues += ignoredInRecord;
        ignoredInRecord = 0;
    }

    /**
     * Appends every record of {@code next}, a builder that read the part of the same file that
     * follows this one's: {@link #append(List)} of one part.
     */
    public void append(TrainingLogBuilder next) {
        append(List.of(next));
    }

    /**
     * Copies each part's array ({@code of}; none when null) into {@code joined} at its offset and
     * lets the part's go ({@code release}) at once, so that at most one part's array and the joined
     * one are held beyond what is left to join.
     */
    private static <A> A join(
            A joined,
            List<TrainingLogBuilder> parts,
            int[] offsets,
            Function<TrainingLogBuilder, A> of,
            Consumer<TrainingLogBuilder> release) {
        for (int p = 0; p < parts.size(); p++) {
            TrainingLogBuilder next = parts.get(p);
            A source = of.apply(next);
            if (source != null) {
                System.arraycopy(source, 0, joined, offsets[p], next.count);
                release.accept(next);
            }
        }
        return joined;
    }

    /**
     * Appends every record of {@code parts}, in order: builders that read the parts of the same
     * file that follow this one's (the reader splits big files to parse the parts in parallel).
     * Records that a part read without a step, or as a first evaluation, are settled here, now
     * that the record before them is known. The parts must not be used afterwards.
     *
     * <p>Every column is joined into a new array of exactly the joined length, one array at a
     * time, and the parts' arrays are let go as soon as they are copied: the join holds the parts
     * plus one array, never the log twice, and {@link #build} need not trim again.
     */
    public void append(List<TrainingLogBuilder> parts) {
        if (inRecord) {
            abandonRecord();
        }
        long joined = count;
        for (TrainingLogBuilder next : parts) {
            // A part that ended inside a record (the file's cut-off tail) holds values of a row it
            // never completed; appended, they would belong to a record that does not exist.
            if (next.inRecord) {
                next.abandonRecord();
            }
            joined += next.count;
        }
        int total = Math.toIntExact(joined);
        int[] offsets = new int[parts.size()];
        long[] joinedSteps = Arrays.copyOf(steps, total);
        long previous = lastStep;
        int at = count;
        for (int p = 0; p < parts.size(); p++) {
            TrainingLogBuilder next = parts.get(p);
            offsets[p] = at;
            for (int i = 0; i < next.count; i++) {
                joinedSteps[at + i] = i < next.leadingStepless ? previous : next.steps[i];
            }
            if (next.count > 0) {
                previous = joinedSteps[at + next.count - 1];
            }
            at += next.count;
            next.steps = null;
        }
        steps = joinedSteps;
        boolean anyStepless = stepless != null;
        for (TrainingLogBuilder next : parts) {
            anyStepless |= next.stepless != null;
        }
        if (anyStepless) {
            stepless = join(
                    stepless == null ? new boolean[total] : Arrays.copyOf(stepless, total),
                    parts,
                    offsets,
                    b -> b.stepless,
                    b -> b.stepless = null);
        }
        epochs = join(Arrays.copyOf(epochs, total), parts, offsets, b -> b.epochs, b -> b.epochs = null);
        timestamps =
                join(Arrays.copyOf(timestamps, total), parts, offsets, b -> b.timestamps, b -> b.timestamps = null);
        kinds = join(Arrays.copyOf(kinds, total), parts, offsets, b -> b.kinds, b -> b.kinds = null);

        // This builder's metrics first, then each part's new ones, in the order they were first seen.
        Set<String> names = new LinkedHashSet<>(columns.keySet());
        for (TrainingLogBuilder next : parts) {
            names.addAll(next.columns.keySet());
        }
        Column[] sources = new Column[parts.size()];
        for (String name : names) {
            for (int p = 0; p < parts.size(); p++) {
                sources[p] = parts.get(p).columns.get(name);
            }
            byHandle[metric(name)].join(sources, offsets);
        }

        int before = count;
        for (TrainingLogBuilder next : parts) {
            if (leadingStepless == before) {
                leadingStepless += next.leadingStepless;
            }
            anyStep |= next.anyStep;
            before += next.count;
        }
        count = total;
        if (total > 0) {
            lastStep = steps[total - 1];
        }
        for (int p = 0; p < parts.size(); p++) {
            TrainingLogBuilder next = parts.get(p);
            if (next.count > 0) {
                // Whether an evaluation repeats the one before depends on steps, and the leading
                // records without a step only now have theirs: settle those and the one after them.
                int settled = Math.min(total, offsets[p] + next.leadingStepless + 1);
                for (int row = offsets[p]; row < settled; row++) {
                    settleRepeat(row);
                }
            }
            warnings.addAll(next.warnings);
            ignoredValues += next.ignoredValues;
            next.columns.clear();
        }
    }

    /** Decides again whether evaluation {@code row} repeats the evaluation just before it. */
    private void settleRepeat(int row) {
        if (kinds[row] == RecordKind.REPEATED_EVALUATION.ordinal()) {
            kinds[row] = (byte) RecordKind.EVALUATION.ordinal();
            countRepeat(row, -1);
        }
        if (row == 0
                || kinds[row] != RecordKind.EVALUATION.ordinal()
                || kinds[row - 1] != RecordKind.EVALUATION.ordinal()
                || steps[row] != steps[row - 1]) {
            return;
        }
        int at = Arrays.binarySearch(evalLoss.rows, 0, evalLoss.size, row);
        if (at > 0
                && evalLoss.rows[at - 1] == row - 1
                && Double.doubleToLongBits(evalLoss.values[at]) == Double.doubleToLongBits(evalLoss.values[at - 1])) {
            kinds[row] = (byte) RecordKind.REPEATED_EVALUATION.ordinal();
            countRepeat(row, 1);
        }
    }

    /** Adds {@code delta} to the repeat count of every column holding record {@code row}. */
    private void countRepeat(int row, int delta) {
        for (Column column : columns.values()) {
            if (Arrays.binarySearch(column.rows, 0, column.size, row) >= 0) {
                column.repeats += delta;
            }
        }
    }

    /**
     * Forgets every record and metric added so far (a reader that gave up on a fast path starts
     * over); notes and aliases a reader recorded are kept.
     */
    public void reset() {
        ignoredValues = 0;
        if (published) {
            // A snapshot still reads the axes arrays: fill new ones instead.
            steps = new long[64];
            stepless = null;
            epochs = new double[64];
            timestamps = new double[64];
            kinds = new byte[64];
            published = false;
        }
        count = 0;
        if (stepless != null) {
            // Unpublished, so no snapshot reads it: clear it rather than allocate a new one.
            Arrays.fill(stepless, false);
        }
        leadingStepless = 0;
        anyStep = false;
        lastStep = 0;
        inRecord = false;
        touchedCount = 0;
        columns.clear();
        Arrays.fill(byHandle, 0, handles, null);
        handles = 0;
        loss = null;
        evalLoss = null;
        trainRuntime = null;
    }

    /**
     * Makes room for {@code records} records in all, and {@linkplain #expect expects} that many,
     * so that a reader that can estimate the count (from the file size) fills its columns without
     * growing them again and again.
     */
    public void reserve(int records) {
        expect(records);
        ensureCapacity(records);
    }

    /**
     * Says how many records the reader now expects in all, e.g. from how far into its bytes it
     * is. A column that must grow is then sized for its share of them (a metric in every tenth
     * record so far: a tenth of them), not doubled, so that a loaded log carries little slack and
     * its growth copies little. Nothing is allocated now; 0 or fewer than are read: double.
     */
    public void expect(int records) {
        expected = records;
    }

    /**
     * The capacity for a column (or the axes, with {@code size == count}) that is full at
     * {@code size} entries. With an expected record count: the column's share of it so far,
     * extrapolated, 2 % to spare, and an eighth more at least (the estimate was low); without
     * one, twice {@code size}.
     */
    private int grownCapacity(int size) {
        long capacity = (long) size * 2;
        if (expected > 0 && count > 0) {
            long share = (long) ((double) size * expected / count * 1.02);
            capacity = Math.max(share, size + (size >> 3)) + 16;
        }
        return (int) Math.min(Math.max(16L, capacity), Integer.MAX_VALUE - 16);
    }

    // The arrays themselves when already the right length: a million-record log is not copied again.
    private static long[] trim(long[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static double[] trim(double[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static int[] trim(int[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static byte[] trim(byte[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private void ensureCapacity(int n) {
        if (n > steps.length) {
            int size = Math.max(n, steps.length == count ? grownCapacity(count) : steps.length * 2);
            steps = Arrays.copyOf(steps, size);
            if (stepless != null) {
                stepless = Arrays.copyOf(stepless, size);
            }
            epochs = Arrays.copyOf(epochs, size);
            timestamps = Arrays.copyOf(timestamps, size);
            kinds = Arrays.copyOf(kinds, size);
        }
    }

    /**
     * Notes that record {@code row} gave no step. Writes only at {@code row}, past the end of any
     * snapshot, or into a new array that a snapshot taken before (when every record had a step, so
     * it holds none) never sees.
     */
    private void markStepless(int row) {
        if (stepless == null) {
            stepless = new boolean[steps.length];
        }
        stepless[row] = true;
    }

    private static boolean[] trim(boolean[] a, int n) {
        return a == null || a.length == n ? a : Arrays.copyOf(a, n);
    }

    /** Drops everything set since {@link #beginRecord()}. */
    public void abandonRecord() {
        for (int i = 0; i < touchedCount; i++) {
            touched[i].size--;
        }
        touchedCount = 0;
        inRecord = false;
        ignoredInRecord = 0;
    }

    /** Records a note for the user about input that was skipped; shown once, on stderr, by the CLI. */
    public void warn(String message) {
        warnings.add(message);
    }

    /**
     * Makes {@code original}, a metric's name as the file writes it (e.g. Lightning's
     * {@code train_loss_step}), another name for the metric the reader stored as {@code canonical}
     * (e.g. {@code loss}), so that users can still ask for it by the name they logged.
     */
    public void alias(String original, String canonical) {
        if (!original.equals(canonical)) {
            aliases.put(original, canonical);
        }
    }

    /**
     * Records one setting of the run's configuration (a hyperparameter, a trainer argument), as the
     * format writes it; a later value for the same key replaces the earlier one.
     */
    public void config(String key, String value) {
        config.put(key, value);
    }

    /** How many complete records have been added. */
    public int recordCount() {
        return count;
    }

    /**
     * Counts a value the reader could not use: one of the wrong type (a string, a boolean, an
     * object where a number belongs), or a step that is not an integer a {@code long} holds. The
     * reader names the count in its one warning line ({@link #ignoredValuesNote()}).
     */
    public void ignoreValue() {
        if (inRecord) {
            ignoredInRecord++;
        } else {
            ignoredValues++;
        }
    }

    /** How many values {@link #ignoreValue()} counted. */
    public long ignoredValues() {
        return ignoredValues;
    }

    /** {@code 3 values that are not numbers were ignored}, or empty when none was. */
    public Optional<String> ignoredValuesNote() {
        if (ignoredValues == 0) {
            return Optional.empty();
        }
        return Optional.of(
                ignoredValues == 1
                        ? "1 value that is not a number was ignored"
                        : ignoredValues + " values that are not numbers were ignored");
    }

    private RecordKind kindOfCurrent(long recordStep) {
        if (holdsCurrent(evalLoss)) {
            if (count > 0
                    && kinds[count - 1] == RecordKind.EVALUATION.ordinal()
                    && steps[count - 1] == recordStep
                    && evalLoss.size >= 2
                    && evalLoss.rows[evalLoss.size - 2] == count - 1
                    && Double.doubleToLongBits(evalLoss.values[evalLoss.size - 1])
                            == Double.doubleToLongBits(evalLoss.values[evalLoss.size - 2])) {
                return RecordKind.REPEATED_EVALUATION;
            }
            return RecordKind.EVALUATION;
        }
        if (holdsCurrent(loss)) {
            return RecordKind.TRAINING;
        }
        if (holdsCurrent(trainRuntime)) {
            return RecordKind.FINAL;
        }
        return RecordKind.OTHER;
    }

    private boolean holdsCurrent(Column column) {
        return column != null && column.size > 0 && column.rows[column.size - 1] == count;
    }

    /**
     * Freezes what was added into a log. Columns are trimmed to size, so the builder must not be
     * used afterwards.
     *
     * @param path the file the log was read from
     * @param name the run's model and name
     * @param format the format it was read from
     */
    public TrainingLog build(Path path, RunName name, SourceFormat format) {
        if (inRecord) {
            abandonRecord();
        }
        Map<String, TrainingLog.Column> frozen = new LinkedHashMap<>();
        for (Column c : columns.values()) {
            if (c.size > 0) {
                frozen.put(
                        c.name,
                        new TrainingLog.Column(
                                trim(c.rows, c.size),
                                trim(c.values, c.size),
                                c.times == null ? null : trim(c.times, c.size),
                                c.size,
                                c.repeats));
            }
        }
        RecordAxes axes =
                new RecordAxes(trim(steps, count), trim(stepless, count), trim(epochs, count), trim(timestamps, count));
        return new TrainingLog(
                path,
                name,
                format,
                Collections.unmodifiableMap(new TreeMap<>(config)),
                count,
                anyStep,
                axes,
                trim(kinds, count),
                frozen,
                List.copyOf(warnings),
                Map.copyOf(aliases));
    }

    /**
     * The records completed so far as an immutable log that shares this builder's arrays instead
     * of copying them, so that a follower can publish a million-record log on every poll for the
     * cost of a few small objects. The builder goes on adding records afterwards: it only ever
     * writes past the end the snapshot sees, or into new arrays when it grows, so the snapshot
     * never changes. A record begun and not yet ended is not part of it.
     *
     * @param notes warnings about the file's current state (e.g. a record cut off at its end),
     *     given after the builder's own
     */
    public TrainingLog snapshot(Path path, RunName name, SourceFormat format, List<String> notes) {
        Map<String, TrainingLog.Column> shared = new LinkedHashMap<>();
        for (Column c : columns.values()) {
            int size = c.size;
            if (inRecord && size > 0 && c.rows[size - 1] == count) {
                size--;
            }
            if (size > 0) {
                shared.put(c.name, new TrainingLog.Column(c.rows, c.values, c.times, size, c.repeats));
            }
        }
        published = true;
        List<String> all = new ArrayList<>(warnings.size() + notes.size());
        all.addAll(warnings);
        all.addAll(notes);
        return new TrainingLog(
                path,
                name,
                format,
                Collections.unmodifiableMap(new TreeMap<>(config)),
                count,
                anyStep,
                new RecordAxes(steps, stepless, epochs, timestamps),
                kinds,
                shared,
                List.copyOf(all),
                Map.copyOf(aliases));
    }

    private static final class Column {
        final String name;
        int handle;
        int[] rows = new int[64];
        double[] values = new double[64];
        /** Each entry's own time, NaN for its record's; null until an entry has one. */
        double[] times;

        int size;
        /** How many entries are in repeated evaluations. */
        int repeats;

        Column(String name) {
            this.name = name;
        }

        /** Makes room for {@code capacity} entries. */
        void grow(int capacity) {
            rows = Arrays.copyOf(rows, capacity);
            values = Arrays.copyOf(values, capacity);
            if (times != null) {
                times = Arrays.copyOf(times, capacity);
            }
        }

        /** Adds an entry; the caller has made room ({@link #grow}). */
        void append(int row, double value) {
            rows[size] = row;
            values[size] = value;
            if (times != null) {
                times[size] = Double.NaN;
            }
            size++;
        }

        /** Gives entry {@code i} its own time (NaN: its record's); the times are allocated on the first. */
        void setTime(int i, double time) {
            if (times == null) {
                if (Double.isNaN(time)) {
                    return;
                }
                ensureTimes();
            }
            times[i] = time;
        }

        /** Allocates the times as long as the values, NaN (the records' times) for the entries so far. */
        void ensureTimes() {
            if (times == null) {
                times = new double[rows.length];
                Arrays.fill(times, Double.NaN);
            } else if (times.length < rows.length) {
                int old = times.length;
                times = Arrays.copyOf(times, rows.length);
                Arrays.fill(times, old, times.length, Double.NaN);
            }
        }

        /**
         * Joins this column's entries and those of {@code sources} (null where a part lacks the
         * metric), whose rows start at {@code offsets}, into arrays of exactly the joined length,
         * one array at a time; the sources' arrays are let go as they are copied.
         */
        void join(Column[] sources, int[] offsets) {
            int total = size;
            boolean anyTimes = times != null;
            for (Column source : sources) {
                if (source != null) {
                    total += source.size;
                    anyTimes |= source.times != null;
                }
            }
            int[] joinedRows = Arrays.copyOf(rows, total);
            int at = size;
            for (int p = 0; p < sources.length; p++) {
                Column source = sources[p];
                if (source != null) {
                    for (int i = 0; i < source.size; i++) {
                        joinedRows[at + i] = source.rows[i] + offsets[p];
                    }
                    at += source.size;
                    source.rows = null;
                }
            }
            rows = joinedRows;
            double[] joinedValues = Arrays.copyOf(values, total);
            at = size;
            for (Column source : sources) {
                if (source != null) {
                    System.arraycopy(source.values, 0, joinedValues, at, source.size);
                    at += source.size;
                    source.values = null;
                }
            }
            values = joinedValues;
            if (anyTimes) {
                double[] joinedTimes = times == null ? new double[total] : Arrays.copyOf(times, total);
                if (times == null) {
                    Arrays.fill(joinedTimes, 0, size, Double.NaN);
                }
                at = size;
                for (Column source : sources) {
                    if (source != null) {
                        if (source.times != null) {
                            System.arraycopy(source.times, 0, joinedTimes, at, source.size);
                        } else {
                            Arrays.fill(joinedTimes, at, at + source.size, Double.NaN);
                        }
                        at += source.size;
                        source.times = null;
                    }
                }
                times = joinedTimes;
            }
            for (Column source : sources) {
                if (source != null) {
                    repeats += source.repeats;
                }
            }
            size = total;
        }
    }
}
