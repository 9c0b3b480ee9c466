package dev.forgather.logs.model;

/** The per-record x columns shared by every series of one log. Package-private plumbing. */
final class RecordAxes {
    /** Each record's global step; a record without one holds the step before it (0 for the first). */
    final long[] steps;
    /** True where a record gave no global step of its own; null when every record gave one. */
    final boolean[] stepless;

    final double[] epochs;
    final double[] timestamps;

    RecordAxes(long[] steps, boolean[] stepless, double[] epochs, double[] timestamps) {
        this.steps = steps;
        this.stepless = stepless;
        this.epochs = epochs;
        this.timestamps = timestamps;
    }

    /** Whether record {@code row} gave its own global step. */
    boolean hasStep(int row) {
        return stepless == null || !stepless[row];
    }
}
