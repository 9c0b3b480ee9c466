package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class PlateauTest {
    /** 400 records: the loss falls steadily until record {@code flatFrom}, then stays; the learning rate as given. */
    private static TrainingLog run(int flatFrom, IntToDoubleFunction learningRate) {
        LogMaker maker = new LogMaker();
        for (int i = 0; i < 400; i++) {
            double loss = 4.0 - 0.005 * Math.min(i, flatFrom) + 0.01 * ((i * 7) % 5);
            maker.train((i + 1) * 10L, "loss", loss, "learning_rate", learningRate.applyAsDouble(i));
        }
        return maker.build();
    }

    private static List<Finding> check(TrainingLog log) {
        return Plateau.defaults().check(LogMaker.closed(log));
    }

    @Test
    void aLossStuckOverTheLastFifthWithTheLearningRateStillHighIsAPlateau() {
        List<Finding> found = check(run(200, i -> 1e-3));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.detector()).isEqualTo("plateau");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(3210)); // the last 80 of 400 records
            assertThat(f.lastStep()).isEqualTo(OptionalLong.of(4000));
            assertThat(f.threshold()).hasValue(1e-4);
            assertThat(f.message())
                    .matches("plateau in loss: the loss smoothed over 10 records has not improved on its"
                            + " best, 3\\.0\\d* at step \\d+, by more than 0\\.01% over the last 80 records, while the learning"
                            + " rate, 0\\.001, is still 100% of its peak");
        });
    }

    @Test
    void aLossStillFallingIsNoPlateau() {
        assertThat(check(run(400, i -> 1e-3))).isEmpty();
    }

    @Test
    void theEndOfADecayedScheduleIsConvergenceNotAPlateau() {
        assertThat(check(run(200, i -> 1e-3 * Math.max(0.05, 1 - i / 300.0)))).isEmpty();
    }

    @Test
    void withoutALearningRateItIsNotJudged() {
        double[] flat = new double[400];
        java.util.Arrays.fill(flat, 2.0);
        assertThat(check(LogMaker.losses(flat))).isEmpty();
    }

    @Test
    void aDivergedRunIsNotAlsoCalledAPlateau() {
        LogMaker maker = new LogMaker();
        for (int i = 0; i < 400; i++) {
            maker.train((i + 1) * 10L, "loss", i < 300 ? 2.0 + 0.01 * (i % 3) : 40.0, "learning_rate", 1e-3);
        }
        TrainingLog log = maker.build();
        assertThat(Divergence.defaults().check(LogMaker.closed(log))).isNotEmpty();
        assertThat(check(log)).isEmpty();
    }
}
