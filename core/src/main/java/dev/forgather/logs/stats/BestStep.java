package dev.forgather.logs.stats;

import dev.forgather.logs.model.Goal;
import dev.forgather.logs.model.Series;
import java.util.Optional;
import java.util.OptionalLong;

/** Finds where a series is best. */
public final class BestStep {
    private BestStep() {}

    /**
     * The best finite value of {@code series} and its step; a tie goes to the first occurrence.
     * Empty when the series has no finite value. The step is empty when the best value's record
     * gave no {@code global_step} ({@link Series#hasStep(int)}).
     */
    public static Optional<StepValue> of(Series series, Goal goal) {
        int best = indexOf(series, goal);
        if (best < 0) {
            return Optional.empty();
        }
        OptionalLong step = series.hasStep(best) ? OptionalLong.of(series.step(best)) : OptionalLong.empty();
        return Optional.of(new StepValue(step, series.value(best)));
    }

    /**
     * The point of {@code series} with the best finite value, a tie going to the first; -1 when the
     * series has no finite value. For a caller that must know whether its record gave a step
     * ({@link Series#hasStep(int)}).
     */
    public static int indexOf(Series series, Goal goal) {
        int best = -1;
        double bestValue = 0;
        for (int i = 0; i < series.size(); i++) {
            double v = series.value(i);
            if (Double.isFinite(v) && (best < 0 || (goal == Goal.MIN ? v < bestValue : v > bestValue))) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }
}
