package dev.forgather.logs.check;

import java.util.List;

/** The one-word answer for a run: {@code failed} with any error, {@code warning} with any warning. */
public enum Verdict {
    HEALTHY("healthy"),
    WARNING("warning"),
    FAILED("failed");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The word in JSON and text output. */
    public String label() {
        return label;
    }

    /** The verdict for {@code findings}; info findings never change it. */
    public static Verdict of(List<Finding> findings) {
        Verdict verdict = HEALTHY;
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                return FAILED;
            }
            if (f.severity() == Severity.WARN) {
                verdict = WARNING;
            }
        }
        return verdict;
    }
}
