package dev.forgather.logs.model;

/** The per-record x columns shared by every series of one log. Package-private plumbing. */
final class RecordAxes {
    final long[] steps;
    final double[] epochs;
    final double[] timestamps;

    RecordAxes(long[] steps, double[] epochs, double[] timestamps) {
        this.steps = steps;
        this.epochs = epochs;
        this.timestamps = timestamps;
    }
}
