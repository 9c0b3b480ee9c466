package dev.forgather.logs.check;

import dev.forgather.logs.model.TrainingLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

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
    private Checks() {}

    /** Every built-in detector with its default thresholds; {@code clip_saturation} is not judged (no clip known). */
    public static List<Detector> standard() {
        return standard(OptionalDouble.empty());
    }

    /**
     * Every built-in detector with its default thresholds, in the order issue 10 lists them, with
     * {@code clip} as the gradient clip for {@code clip_saturation} (empty: not judged).
     */
    public static List<Detector> standard(OptionalDouble clip) {
        return List.of(
                new NonFinite(),
                Spike.defaults(),
                Divergence.defaults(),
                GradExplosion.defaults(),
                ClipSaturation.defaults(clip),
                Plateau.defaults(),
                Overfit.defaults(),
                Stalled.defaults(),
                ThroughputDrop.defaults(),
                new Rollback());
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
