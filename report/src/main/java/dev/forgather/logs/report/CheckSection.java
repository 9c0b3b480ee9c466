package dev.forgather.logs.report;

import dev.forgather.logs.check.CheckResult;
import dev.forgather.logs.check.Checks;
import dev.forgather.logs.check.Detector;
import dev.forgather.logs.check.Stalled;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code logs check} says about each run, as the report shows it. Every built-in detector
 * runs except {@code stalled}/{@code in_progress}, which judge a log by the clock (how long ago its
 * file changed): the report holds no clock times or ages, so that the same logs always give the
 * same file.
 */
public final class CheckSection {
    private CheckSection() {}

    /** The check of every run of {@code logs}, in order. */
    public static List<RunCheck> of(List<TrainingLog> logs) {
        List<Detector> detectors =
                Checks.standard().stream().filter(d -> !(d instanceof Stalled)).toList();
        List<RunCheck> checks = new ArrayList<>();
        for (TrainingLog log : logs) {
            CheckResult result = Checks.run(log, detectors);
            List<Finding> findings = result.findings().stream()
                    .sorted(dev.forgather.logs.check.Finding.WORST_FIRST)
                    .map(f -> new Finding(f.severity().label(), f.detector(), f.metric(), f.firstStep(), f.message()))
                    .toList();
            checks.add(new RunCheck(result.verdict().label(), findings));
        }
        return checks;
    }
}
