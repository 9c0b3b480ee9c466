package dev.forgather.logs.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The ETA rule: to max_steps, else num_train_epochs, else the end of the epoch, at the median speed. */
class RunProgressTest {
    /**
     * Training records every 10 steps, 2 s apart (5 steps/s), up to {@code lastStep}; an epoch
     * is {@code stepsPerEpoch} steps (0: epochs logged as whole numbers, the epoch index); the
     * config as given.
     */
    private static TrainingLog log(long lastStep, double stepsPerEpoch, Map<String, String> config) {
        TrainingLogBuilder b = new TrainingLogBuilder();
        for (long step = 10; step <= lastStep; step += 10) {
            b.beginRecord();
            b.step(step);
            b.timestamp(1_700_000_000 + step / 5.0);
            b.epoch(stepsPerEpoch > 0 ? step / stepsPerEpoch : Math.floor(step / 1000.0));
            b.value("loss", 2.0);
            b.endRecord();
        }
        config.forEach(b::config);
        return b.build(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER);
    }

    private static void assertClose(OptionalDouble actual, double expected) {
        assertThat(actual).isPresent();
        assertThat(actual.getAsDouble()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void maxStepsGivesTheStepsLeftAtTheMedianSpeed() {
        RunProgress p = RunProgress.of(log(500, 1000, Map.of("max_steps", "2000", "num_train_epochs", "9")));
        assertThat(p.stepsPerSecond()).hasValue(5.0);
        assertThat(p.maxSteps()).hasValue(2000);
        // (2000 - 500) steps at 5 steps/s; max_steps wins over num_train_epochs, as in Hugging Face.
        assertClose(p.etaSeconds(), 300.0);
    }

    @Test
    void numTrainEpochsGivesTheEpochsLeftInStepsOfTheLoggedEpochLength() {
        RunProgress p = RunProgress.of(log(500, 400, Map.of("num_train_epochs", "3.0")));
        assertClose(p.stepsPerEpoch(), 400.0);
        // 3 epochs of 400 steps end at step 1200: 700 steps left at 5 steps/s.
        assertClose(p.etaSeconds(), 140.0);
    }

    @Test
    void withoutALengthTheEtaIsToTheEndOfTheCurrentEpoch() {
        RunProgress p = RunProgress.of(log(500, 400, Map.of()));
        // Epoch 1.25: the epoch ends at step 800, 300 steps on.
        assertClose(p.etaSeconds(), 60.0);
        // Exactly at an epoch's end, the next epoch is the one to finish.
        assertClose(RunProgress.of(log(800, 400, Map.of())).etaSeconds(), 80.0);
    }

    @Test
    void maxStepsOfMinusOneAsHuggingFaceWritesForNotSetIsIgnored() {
        RunProgress p = RunProgress.of(log(500, 400, Map.of("max_steps", "-1", "num_train_epochs", "2")));
        assertThat(p.maxSteps()).isEmpty();
        assertClose(p.etaSeconds(), 60.0);
        assertClose(RunProgress.of(log(500, 400, Map.of("max_steps", "many"))).etaSeconds(), 60.0);
    }

    @Test
    void wholeNumberEpochsSayNothingAboutWhereAnEpochEnds() {
        RunProgress p = RunProgress.of(log(1500, 0, Map.of()));
        assertThat(p.epoch()).hasValue(1.0);
        assertThat(p.stepsPerEpoch()).isEmpty();
        assertThat(p.etaSeconds()).isEmpty();
        assertThat(RunProgress.of(log(1500, 0, Map.of("num_train_epochs", "3"))).etaSeconds())
                .isEmpty();
        assertClose(RunProgress.of(log(1500, 0, Map.of("max_steps", "3000"))).etaSeconds(), 300.0);
    }

    @Test
    void pastTheEndTheEtaIsZeroAndWithoutASpeedThereIsNone() {
        assertClose(RunProgress.of(log(2500, 1000, Map.of("max_steps", "2000"))).etaSeconds(), 0.0);
        assertThat(RunProgress.of(log(10, 1000, Map.of("max_steps", "2000"))).etaSeconds())
                .isEmpty();
    }

    /** Losses at steps 10, 20, 30, then two records without a step, 2 s apart as before. */
    private static TrainingLog endingWithoutSteps() {
        TrainingLogBuilder b = new TrainingLogBuilder();
        for (int i = 1; i <= 5; i++) {
            b.beginRecord();
            if (i <= 3) {
                b.step(10L * i);
            }
            b.timestamp(1_700_000_000 + 2.0 * i);
            b.value("loss", 2.0);
            b.endRecord();
        }
        return b.build(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER);
    }

    @Test
    void aLastTrainingRecordWithoutAStepHasNoStepAndItsIntervalsNoSpeed() {
        RunProgress p = RunProgress.of(endingWithoutSteps());
        // Not 30, the step before it: the table shows a dash.
        assertThat(p.step()).isEmpty();
        // Only the intervals between records that gave their steps: 10 steps in 2 s.
        assertThat(p.stepsPerSecond()).hasValue(5.0);
    }

    @Test
    void aPointWithoutAStepHasNoPlaceOnTheStepAxis() {
        Assessment live = new Assessment(RunStatus.LIVE, Optional.empty(), Optional.empty());
        WatchedRun run = new WatchedRun("run", 0, endingWithoutSteps(), live, List.of());
        WatchedRun.PlotColumns loss = run.columns("loss");
        // The column's array has room to grow past its points.
        assertThat(Arrays.copyOf(loss.x(WatchAxis.STEP), loss.size()))
                .containsExactly(10, 20, 30, Double.NaN, Double.NaN);
        assertThat(loss.range(WatchAxis.STEP)).containsExactly(10, 30);
        // On the time axis every point has its place.
        assertThat(loss.range(WatchAxis.TIME)).containsExactly(0, 8.0 / 60);
    }
}
