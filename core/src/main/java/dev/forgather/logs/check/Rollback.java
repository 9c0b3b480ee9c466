package dev.forgather.logs.check;

import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rollback} (info): the steps go backwards, as when a run is resumed from a checkpoint into
 * the same log. One finding per resume, from the step resumed at to the last step before it (the
 * steps logged twice). Only the records that gave a {@code global_step} are compared: one without
 * is kept at the step before it, a place, not a step it logged. The other detectors see the
 * records as logged.
 */
public record Rollback() implements Detector {
    public static final String NAME = "rollback";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(RunState run) {
        TrainingLog log = run.log();
        List<Finding> findings = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < log.recordCount(); i++) {
            Record record = log.record(i);
            if (!record.hasStep()) {
                continue;
            }
            long step = record.step();
            if (step < previous) {
                findings.add(Finding.withoutThreshold(
                        NAME,
                        Severity.INFO,
                        Metrics.STEP,
                        step,
                        previous,
                        step,
                        "rollback in global_step: the steps go back from " + previous + " to " + step
                                + " (resumed from a checkpoint); steps " + step + "-" + previous
                                + " are logged twice"));
            }
            previous = step;
        }
        return findings;
    }
}
