package dev.forgather.logs.plot;

/** What a chart's horizontal axis measures. */
public enum XAxis {
    /** The record's {@code global_step}; records without one are left out. */
    STEP("Global Step"),
    /** The record's {@code epoch}; records without one are left out. */
    EPOCH("Epoch"),
    /**
     * Minutes since the run's first record, from {@code timestamp}. Every series of a run is measured
     * from the same origin, so an evaluation and the training record logged at the same moment line up.
     */
    TIME("Time (minutes)");

    private final String label;

    XAxis(String label) {
        this.label = label;
    }

    /** The axis label as drawn, e.g. {@code Global Step}. */
    public String label() {
        return label;
    }
}
