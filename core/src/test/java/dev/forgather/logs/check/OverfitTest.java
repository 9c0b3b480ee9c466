package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OverfitTest {
    /** Training records every 10 steps with a falling loss; an evaluation every 100 steps with {@code evals}. */
    private static TrainingLog run(double[] evals, boolean trainFalls) {
        LogMaker maker = new LogMaker();
        int e = 0;
        for (int step = 10; step <= evals.length * 100; step += 10) {
            double loss = trainFalls ? 3.0 * Math.exp(-step / 2000.0) + 0.5 : 1.0;
            maker.train(step, "loss", loss);
            if (step % 100 == 0) {
                maker.eval(step, evals[e++]);
            }
        }
        return maker.build();
    }

    private static List<Finding> check(TrainingLog log) {
        return Overfit.defaults().check(LogMaker.closed(log));
    }

    /** A fall, a long noisy plateau (best 1.51 at step 1800), then a rise: the noise margin is 3 median changes. */
    private static final double[] RISING = {
        3.0, 2.4, 2.0, 1.8, 1.7, 1.62, 1.58, 1.55, 1.53, 1.525, 1.53, 1.52, 1.525, 1.52, 1.515, 1.52, 1.515, 1.51, 1.53,
        1.56, 1.6, 1.65, 1.7, 1.75
    };

    @Test
    void evaluationsRisingWhileTheTrainingLossFallsAreOverfitting() {
        List<Finding> found = check(run(RISING, true));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.detector()).isEqualTo("overfit");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.metric()).contains("eval_loss");
            // 1.53 and 1.56 are within 3 median changes (0.025 each by then) of 1.51; 1.6 and on are not.
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(2100));
            assertThat(f.lastStep()).isEqualTo(OptionalLong.of(2400));
            assertThat(f.value()).isEqualTo(1.6);
            assertThat(f.threshold().getAsDouble()).isCloseTo(1.585, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(f.message())
                    .matches("overfit in eval_loss: 4 evaluations in a row above the best, 1\\.51 at step"
                            + " 1800, by more than 0\\.075, while the training loss fell \\d+(\\.\\d+)?%");
        });
    }

    @Test
    void evaluationsRisingWithTheTrainingLossIsNotOverfitting() {
        assertThat(check(run(RISING, false))).isEmpty();
    }

    @Test
    void evaluationsStillImprovingOrMerelyNoisyAreNotOverfitting() {
        assertThat(check(run(new double[] {3.0, 2.5, 2.2, 2.0, 1.9, 1.85, 1.82, 1.8, 1.79, 1.78}, true)))
                .isEmpty();
        assertThat(check(run(new double[] {2.0, 1.9, 2.1, 1.95, 2.05, 1.9, 2.0, 2.1, 1.95, 2.0, 1.9}, true)))
                .isEmpty();
    }
}
