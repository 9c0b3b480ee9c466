package dev.forgather.logs.read;

import dev.forgather.logs.model.TrainingLogBuilder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds records from formats that store one value at a time (TensorBoard events, MLflow metric
 * files): consecutive values join the open record until something shows they belong to another
 * logging call.
 *
 * <p>A new record starts when the step changes; when the time changes, if the format gives every
 * value of one logging call the same time (MLflow); when a name the record already holds comes
 * again; when the value is of another phase than the record's (training values, {@code eval_*} and
 * {@code val_*} values, {@code test_*} values), so that a record never holds both {@code loss} and
 * {@code eval_loss}; and, if the epoch closes records, on any value after the record's epoch (the
 * Hugging Face and Lightning loggers write the epoch last in each call). The epoch itself has no
 * phase and joins the open record.
 *
 * <p>Names are numbered once ({@link #index}) and what the rules need of each — whether it is the
 * epoch, its phase, its builder handle — is kept by number, so that a value costs a few array reads
 * rather than string comparisons and a set of the record's names (a fifth of a TensorBoard read's
 * samples).
 */
final class RecordGrouper {
    /** The phases of {@link #phaseOf}, by number; 0 for the epoch, which has none. */
    private static final byte NO_PHASE = 0;

    private static final byte TRAIN = 1;
    private static final byte EVAL = 2;
    private static final byte TEST = 3;

    private final TrainingLogBuilder into;
    private final boolean splitOnTime;
    private final boolean epochClosesRecord;

    /** Per name number: the name, its phase, its builder handle (-1 until its first value), and the record that last took it. */
    private final Map<String, Integer> numbers = new HashMap<>();

    private String[] names = new String[16];
    private byte[] phases = new byte[16];
    private int[] handles = new int[16];
    private int[] takenBy = new int[16];
    private int count;

    private boolean open;
    /** Counts records started, so that {@link #takenBy} needs no clearing. */
    private int record;

    private long step;
    private double time;
    private byte phase;
    private boolean hasEpoch;

    /**
     * @param splitOnTime whether values with different times are always different records
     * @param epochClosesRecord whether the epoch is the last value of a record
     */
    RecordGrouper(TrainingLogBuilder into, boolean splitOnTime, boolean epochClosesRecord) {
        this.into = into;
        this.splitOnTime = splitOnTime;
        this.epochClosesRecord = epochClosesRecord;
    }

    /** The number of canonical name {@code name}, for {@link #add(long, double, int, double)}. */
    int index(String name) {
        Integer known = numbers.get(name);
        if (known != null) {
            return known;
        }
        if (count == names.length) {
            int n = count * 2;
            names = Arrays.copyOf(names, n);
            phases = Arrays.copyOf(phases, n);
            handles = Arrays.copyOf(handles, n);
            takenBy = Arrays.copyOf(takenBy, n);
        }
        names[count] = name;
        phases[count] = name.equals(CanonicalNames.EPOCH)
                ? NO_PHASE
                : switch (phaseOf(name)) {
                    case "eval" -> EVAL;
                    case "test" -> TEST;
                    default -> TRAIN;
                };
        handles[count] = -1;
        numbers.put(name, count);
        return count++;
    }

    /**
     * Adds one value.
     *
     * @param time Unix seconds, kept as the value's own time when it is not the record's (the
     *     record takes its first value's); NaN when unknown
     * @param name the canonical name; {@link CanonicalNames#EPOCH} sets the record's epoch
     */
    void add(long step, double time, String name, double value) {
        add(step, time, index(name), value);
    }

    /** {@link #add(long, double, String, double)} by the name's {@link #index}. */
    void add(long step, double time, int name, double value) {
        byte valuePhase = phases[name];
        boolean isEpoch = valuePhase == NO_PHASE;
        if (!open
                || step != this.step
                || splitOnTime && Double.doubleToLongBits(time) != Double.doubleToLongBits(this.time)
                || (isEpoch ? hasEpoch : takenBy[name] == record)
                || !isEpoch && phase != NO_PHASE && valuePhase != phase
                || epochClosesRecord && hasEpoch && !isEpoch) {
            startRecord(step, time);
        }
        if (isEpoch) {
            into.epoch(value);
            hasEpoch = true;
        } else {
            int handle = handles[name];
            if (handle < 0) {
                handle = into.metric(names[name]);
                handles[name] = handle;
            }
            into.value(handle, value, time);
            takenBy[name] = record;
            if (phase == NO_PHASE) {
                phase = valuePhase;
            }
        }
    }

    /** Completes the open record, if any. */
    void finish() {
        if (open) {
            into.endRecord();
            open = false;
        }
    }

    private void startRecord(long step, double time) {
        finish();
        into.beginRecord();
        into.step(step);
        if (!Double.isNaN(time)) {
            into.timestamp(time);
        }
        open = true;
        record++;
        this.step = step;
        this.time = time;
        phase = NO_PHASE;
        hasEpoch = false;
    }

    /** Training, evaluation or test: evaluations and tests are separate records from training. */
    static String phaseOf(String name) {
        if (name.startsWith("eval_")
                || name.startsWith("val_")
                || name.startsWith("validation")
                || name.startsWith("eval/")
                || name.startsWith("val/")) {
            return "eval";
        }
        if (name.startsWith("test_") || name.startsWith("test/")) {
            return "test";
        }
        return "train";
    }
}
