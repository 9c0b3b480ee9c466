package dev.forgather.logs.read;

import dev.forgather.logs.model.TrainingLogBuilder;
import java.util.HashSet;
import java.util.Set;

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
 */
final class RecordGrouper {
    private final TrainingLogBuilder into;
    private final boolean splitOnTime;
    private final boolean epochClosesRecord;

    private boolean open;
    private long step;
    private double time;
    private String phase;
    private boolean hasEpoch;
    private final Set<String> names = new HashSet<>();

    /**
     * @param splitOnTime whether values with different times are always different records
     * @param epochClosesRecord whether the epoch is the last value of a record
     */
    RecordGrouper(TrainingLogBuilder into, boolean splitOnTime, boolean epochClosesRecord) {
        this.into = into;
        this.splitOnTime = splitOnTime;
        this.epochClosesRecord = epochClosesRecord;
    }

    /**
     * Adds one value.
     *
     * @param time Unix seconds, kept as the value's own time when it is not the record's (the
     *     record takes its first value's); NaN when unknown
     * @param name the canonical name; {@link CanonicalNames#EPOCH} sets the record's epoch
     */
    void add(long step, double time, String name, double value) {
        boolean isEpoch = name.equals(CanonicalNames.EPOCH);
        String valuePhase = isEpoch ? null : phaseOf(name);
        if (!open
                || step != this.step
                || splitOnTime && Double.doubleToLongBits(time) != Double.doubleToLongBits(this.time)
                || (isEpoch ? hasEpoch : names.contains(name))
                || valuePhase != null && phase != null && !valuePhase.equals(phase)
                || epochClosesRecord && hasEpoch && !isEpoch) {
            startRecord(step, time);
        }
        if (isEpoch) {
            into.epoch(value);
            hasEpoch = true;
        } else {
            into.value(name, value, time);
            names.add(name);
            if (phase == null) {
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
        this.step = step;
        this.time = time;
        phase = null;
        hasEpoch = false;
        names.clear();
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
