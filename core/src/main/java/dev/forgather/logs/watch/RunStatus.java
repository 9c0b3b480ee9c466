package dev.forgather.logs.watch;

/** Whether a watched run is still being written. */
public enum RunStatus {
    /** The log is open and changed recently enough. */
    LIVE("live"),
    /** The log holds the end-of-training record. */
    FINISHED("finished"),
    /** The log is open but has not changed for longer than the {@code stalled} rule allows. */
    STALLED("stalled");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    /** The word the table shows. */
    public String label() {
        return label;
    }
}
