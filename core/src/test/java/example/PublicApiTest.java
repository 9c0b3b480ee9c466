package example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.LogFollower;
import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.format.SummaryFormat;
import dev.forgather.logs.model.Goal;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.read.LogFormat;
import dev.forgather.logs.stats.StepValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the library only as the README shows a user doing it, from outside its packages. */
class PublicApiTest {
    @Test
    void theReadmeExampleWorksAsWritten() throws Exception {
        Path project = Samples.shared().resolve("samples/forgather_project");

        // Find the project's runs, newest first, and load one from its run directory.
        List<LogFile> runs = TrainingLogs.find(project);
        assertThat(runs).hasSize(2);
        TrainingLog log = TrainingLogs.load(project.resolve("output_models/tiny_gpt/runs/adamw_lr1e-3"));

        // Records as read, and metrics as primitive series.
        Record first = log.record(0);
        assertThat(first.step()).isEqualTo(10);
        assertThat(first.get("loss")).hasValue(5.198809432983398);
        Series evalLoss = log.series("eval_loss");
        assertThat(evalLoss.steps()).containsExactly(250, 500, 750, 1000, 1250, 1500);

        // Best step of any metric, lowest or highest.
        Optional<StepValue> best = TrainingLogs.bestStep(log, "eval_loss", Goal.MIN);
        assertThat(best).hasValue(new StepValue(1500, 1.5630970001220703));
        assertThat(TrainingLogs.bestStep(log, "grad_norm", Goal.MAX).map(StepValue::step))
                .hasValue(OptionalLong.of(10));

        // Summary statistics and the formatters.
        SummaryStatistics summary = TrainingLogs.summarize(log);
        assertThat(summary.bestLossStep()).hasValue(1440);
        String text = SummaryFormat.TEXT.formatter().format(List.of(summary), false);
        assertThat(text).contains("  Best Loss: 1.7221 (step 1440)\n");
        String oneLine = SummaryFormat.ONE_LINE.formatter().format(List.of(summary), false);
        assertThat(oneLine).startsWith("adamw_lr1e-3 | steps=1500 | time=00:22 | loss=1.7338");
    }

    @Test
    void aTensorBoardRunAndAForgatherRunOfOneTrainingAgreeOnTheBestEvalLoss() throws Exception {
        Path samples = Samples.shared().resolve("samples");
        TrainingLog forgather =
                TrainingLogs.load(samples.resolve("forgather_project/output_models/tiny_gpt/runs/adamw_lr1e-3"));
        TrainingLog tensorboard = TrainingLogs.load(samples.resolve("tensorboard/tiny_gpt/adamw_lr1e-3"));
        assertThat(tensorboard.format()).isEqualTo(LogFormat.TENSORBOARD);

        StepValue a = TrainingLogs.bestStep(forgather, "eval_loss", Goal.MIN).orElseThrow();
        StepValue b = TrainingLogs.bestStep(tensorboard, "eval_loss", Goal.MIN).orElseThrow();
        assertThat(b.step()).isEqualTo(a.step()).isPresent();
        // TensorBoard stores float32: the same value, widened exactly.
        assertThat(b.value()).isEqualTo((double) (float) a.value());
    }

    @Test
    void theBestOfARecordWithoutAGlobalStepHasItsValueButNoStep(@TempDir Path run) throws Exception {
        // Steps 10 and 30, and between them a record without one: the library keeps it at 10, as a place.
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"global_step": 10, "loss": 3.0},
                {"loss": 1.0},
                {"global_step": 30, "loss": 2.0}
                ]
                """);
        TrainingLog mixed = TrainingLogs.load(run);
        assertThat(TrainingLogs.bestStep(mixed, "loss", Goal.MIN)).hasValue(new StepValue(OptionalLong.empty(), 1.0));
        assertThat(TrainingLogs.bestStep(mixed, "loss", Goal.MAX)).hasValue(new StepValue(10, 3.0));
        // The summary says the same of the best loss.
        assertThat(TrainingLogs.summarize(mixed).bestLossStep()).isEmpty();

        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"loss": 3.0},
                {"loss": 2.0}
                ]
                """);
        TrainingLog none = TrainingLogs.load(run);
        StepValue best = TrainingLogs.bestStep(none, "loss", Goal.MIN).orElseThrow();
        assertThat(best.value()).isEqualTo(2.0);
        assertThat(best.step()).isEmpty();
        assertThat(TrainingLogs.bestStep(none, "eval_loss", Goal.MIN)).isEmpty();
    }

    @Test
    void aFollowerGivesWhatTheTrainerAppendedAndTellsWhenTheLogIsClosed(@TempDir Path run) throws Exception {
        Path file = run.resolve("trainer_logs.json");
        Files.writeString(file, "[\n{\"global_step\": 10, \"loss\": 2.5}");
        LogFollower follower = TrainingLogs.follow(run);

        LogSnapshot first = follower.poll();
        assertThat(first.change()).isEqualTo(LogSnapshot.Change.LOADED);
        Files.writeString(
                file,
                ",\n{\"global_step\": 20, \"loss\": 2.25},\n{\"global_step\": 30, \"loss\": 2.0}",
                StandardOpenOption.APPEND);
        LogSnapshot now = follower.poll();

        assertThat(now.change()).isEqualTo(LogSnapshot.Change.APPENDED);
        assertThat(now.firstNewRecord()).isEqualTo(1);
        assertThat(now.log().series("loss").values()).containsExactly(2.5, 2.25, 2.0);
        assertThat(now.open()).isTrue();
        assertThat(first.log().recordCount()).isEqualTo(1);
        Files.writeString(file, "\n]", StandardOpenOption.APPEND);
        assertThat(follower.poll().open()).isFalse();
    }
}
