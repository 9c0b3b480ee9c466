package dev.forgather.logs.check;

import dev.forgather.logs.model.TrainingLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of {@code logs check}: runs detectors over a log.
 *
 * <pre>{@code
 * CheckResult result = Checks.run(log, Checks.standard());
 * if (result.verdict() == Verdict.FAILED) { ... }
 * for (Finding f : result.findings()) { System.out.println(f.detector() + ": " + f.message()); }
 * }</pre>
 */
public final class Checks {
    private Checks() {
    }

    /** Every built-in detector with its default thresholds, in the order the issue lists them. */
    public static List<Detector> standard() {
        Spike spike = Spike.defaults();
        Divergence divergence = new Divergence(25, 500, 10, 5, spike);
        return List.of(new NonFinite(), spike, divergence);
    }

    /** Runs {@code detectors} over {@code log} as its file is now (system clock). */
    public static CheckResult run(TrainingLog log, List<? extends Detector> detectors) {
        return run(log, detectors, Clock.systemUTC());
    }

    /** Runs {@code detectors} over {@code log}, {@code clock} telling the time (for {@code stalled}). */
    public static CheckResult run(TrainingLog log, List<? extends Detector> detectors, Clock clock) {
        return run(RunState.of(log, clock), detectors);
    }

    /** Runs {@code detectors} over a run whose state is known (a follower's snapshot, a test). */
    public static CheckResult run(RunState run, List<? extends Detector> detectors) {
        List<Finding> findings = new ArrayList<>();
        for (Detector detector : detectors) {
            findings.addAll(detector.check(run));
        }
        return new CheckResult(run.log(), findings);
    }
}
