package dev.forgather.logs.check;

import java.util.List;

/**
 * One rule about a run's health, like a linter's check: given a run, it returns what it found.
 *
 * <p>Implement it to add your own rule and pass it to {@link Checks#run}:
 *
 * <pre>{@code
 * final class LossAboveTen implements Detector {
 *     public String name() { return "loss_above_ten"; }
 *     public List<Finding> check(RunState run) {
 *         Series loss = run.log().series("loss");
 *         for (int i = 0; i < loss.size(); i++) {
 *             if (loss.value(i) > 10) {
 *                 return List.of(Finding.of(name(), Severity.WARN, "loss", loss.step(i), loss.step(i),
 *                         loss.value(i), 10, "loss above 10"));
 *             }
 *         }
 *         return List.of();
 *     }
 * }
 * }</pre>
 *
 * A detector must not change the log, must be safe to call from several threads at once, and
 * returns an empty list for a run too short for it to judge.
 */
public interface Detector {
    /** The name its findings carry, lowercase with underscores, e.g. {@code spike}. */
    String name();

    /** What this detector finds in {@code run}; empty when it finds nothing. In any order. */
    List<Finding> check(RunState run);
}
