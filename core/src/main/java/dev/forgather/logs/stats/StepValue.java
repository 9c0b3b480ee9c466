package dev.forgather.logs.stats;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A metric's value and the global step of the record it came from.
 *
 * <p>The step is empty when that record gave no {@code global_step} (a log that mixes records with
 * and without one, or has none): such a record is kept at the step before it ({@link
 * dev.forgather.logs.model.Record#step()}) only as a place, which is not where it was logged. The
 * summary's step statistics ({@code bestLossStep()}, ...) are empty for such a record alike.
 *
 * @param step the {@code global_step} the record gave; empty when it gave none
 * @param value the value there
 */
public record StepValue(OptionalLong step, double value) {
    /** Requires a step, present or empty. */
    public StepValue {
        Objects.requireNonNull(step, "step");
    }

    /** A value at a step its record gave. */
    public StepValue(long step, double value) {
        this(OptionalLong.of(step), value);
    }
}
