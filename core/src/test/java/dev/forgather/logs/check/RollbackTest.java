package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RollbackTest {
    @Test
    void stepsGoingBackAreAResumeFromTheStepResumedAtToTheLastBeforeIt() {
        LogMaker maker = new LogMaker();
        for (long step = 100; step <= 3000; step += 100) {
            maker.train(step, "loss", 2.0);
        }
        for (long step = 2100; step <= 5000; step += 100) {
            maker.train(step, "loss", 2.0);
        }
        List<Finding> found = new Rollback().check(LogMaker.closed(maker.build()));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.metric()).contains("global_step");
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(2100));
            assertThat(f.lastStep()).isEqualTo(OptionalLong.of(3000));
            assertThat(f.value()).isEqualTo(2100);
            assertThat(f.threshold()).isEqualTo(OptionalDouble.empty());
            assertThat(f.message())
                    .isEqualTo("rollback in global_step: the steps go back from 3000 to 2100 (resumed"
                            + " from a checkpoint); steps 2100-3000 are logged twice");
        });
    }

    @Test
    void aRepeatedEvaluationAtTheSameStepIsNoRollback() {
        LogMaker maker = new LogMaker()
                .train(100, "loss", 2.0)
                .eval(100, 1.9)
                .eval(100, 1.9)
                .train(200, "loss", 1.8);
        assertThat(new Rollback().check(LogMaker.closed(maker.build()))).isEmpty();
    }

    @Test
    void inAMixedLogTheStepsGoBackOnlyBetweenRecordsThatGaveThem() {
        // 100, 200, then a record without a step (kept at 200), then 150: back from 200, not from the place.
        LogMaker maker = new LogMaker()
                .withoutStep("loss", 2.5)
                .train(100, "loss", 2.0)
                .train(200, "loss", 1.9)
                .withoutStep("loss", 1.8)
                .train(150, "loss", 1.95)
                .train(250, "loss", 1.7);
        List<Finding> found = new Rollback().check(LogMaker.closed(maker.build()));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(150));
            assertThat(f.lastStep()).isEqualTo(OptionalLong.of(200));
            assertThat(f.message())
                    .isEqualTo("rollback in global_step: the steps go back from 200 to 150 (resumed"
                            + " from a checkpoint); steps 150-200 are logged twice");
        });
    }

    @Test
    void recordsWithoutAStepBetweenRisingStepsAreNoRollback() {
        LogMaker maker = new LogMaker()
                .train(100, "loss", 2.0)
                .withoutStep("loss", 1.9)
                .withoutStep("eval_loss", 1.9)
                .train(200, "loss", 1.8);
        assertThat(new Rollback().check(LogMaker.closed(maker.build()))).isEmpty();
    }

    @Test
    void aLogWithoutStepsHasNoRollback() {
        LogMaker maker = new LogMaker().withoutStep("loss", 2.0).withoutStep("loss", 1.9);
        assertThat(new Rollback().check(LogMaker.closed(maker.build()))).isEmpty();
    }
}
