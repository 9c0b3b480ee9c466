package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ThroughputDropTest {
    /**
     * Training records every 10 steps: 10 steps/s, then 4 steps/s from record {@code slowFrom} to
     * {@code slowTo}; an evaluation taking 60 s every 200 steps.
     */
    private static TrainingLog run(int records, int slowFrom, int slowTo) {
        LogMaker maker = new LogMaker();
        double t = 1_000_000;
        for (int i = 1; i <= records; i++) {
            long step = i * 10L;
            t += i >= slowFrom && i < slowTo ? 2.5 : 1.0 + 0.02 * (i % 3);
            maker.record(step, t, "loss", 2.0);
            if (step % 200 == 0) {
                t += 60;
                maker.record(step, t, "eval_loss", 1.9);
            }
        }
        return maker.build();
    }

    private static List<Finding> check(TrainingLog log) {
        return ThroughputDrop.defaults().check(LogMaker.closed(log));
    }

    @Test
    void aRunThatSlowsDownForLongerThanHalfTheWindowWarns() {
        List<Finding> found = check(run(200, 100, 150));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.detector()).isEqualTo("throughput_drop");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.metric()).contains("steps_per_second");
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(1000));
            assertThat(f.lastStep()).isEqualTo(OptionalLong.of(1490));
            assertThat(f.value()).isEqualTo(4.0);
            assertThat(f.threshold()).hasValue(0.7);
            assertThat(f.message())
                    .matches("throughput_drop in steps_per_second: the median over 20 intervals fell to 4"
                            + " steps/s, 0\\.4\\d+x the run's 75th percentile \\(9\\.\\d+ steps/s\\), below 0\\.7x");
        });
    }

    @Test
    void evaluationPausesAndABriefSlowdownAreNoDrop() {
        assertThat(check(run(200, 0, 0))).isEmpty();
        assertThat(check(run(200, 100, 108))).isEmpty();
    }

    @Test
    void aRunWithoutTimestampsOrTooShortIsNotJudged() {
        assertThat(check(LogMaker.losses(new double[300]))).isEmpty();
        assertThat(check(run(15, 5, 15))).isEmpty();
    }
}
