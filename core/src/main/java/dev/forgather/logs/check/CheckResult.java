package dev.forgather.logs.check;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;

/**
 * What checking one run found.
 *
 * @param log the run checked
 * @param findings what the detectors found, worst first, then by step ({@link Finding#WORST_FIRST})
 */
public record CheckResult(TrainingLog log, List<Finding> findings) {
    public CheckResult {
        findings = findings.stream().sorted(Finding.WORST_FIRST).toList();
    }

    /** {@code failed} with any error finding, {@code warning} with any warning, else {@code healthy}. */
    public Verdict verdict() {
        return Verdict.of(findings);
    }

    /** How many findings have {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether any finding is {@code severity} or worse. */
    public boolean hasAtLeast(Severity severity) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(severity));
    }
}
