package dev.forgather.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.read.LogFormat;
import dev.forgather.logs.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One training (tiny_gpt, AdamW, lr 1e-3, 1500 steps) logged three ways in shared/samples: the
 * Forgather trainer_logs.json, the Hugging Face trainer_state.json beside it, and a TensorBoard
 * event file. Loaded through {@link TrainingLogs#load}, they must agree where their data overlap.
 * Expected numbers come from python3 over the files (json.load; a hand-written TFRecord/protobuf
 * decoder; struct.pack('<f') for float32 rounding).
 */
class SameTrainingAcrossFormatsTest {
    @TempDir
    Path dir;

    private static Path samples() {
        return Shared.samples();
    }

    private static Path forgatherRun() {
        return samples().resolve("forgather_project/output_models/tiny_gpt/runs/adamw_lr1e-3");
    }

    private static Path tensorBoardRun() {
        return samples().resolve("tensorboard/tiny_gpt/adamw_lr1e-3");
    }

    @Test
    void eachFormatIsRecognisedFromItsFileOrFolder() throws Exception {
        assertThat(TrainingLogs.load(forgatherRun()).format())
                .as("trainer_logs.json wins")
                .isEqualTo(LogFormat.FORGATHER);
        assertThat(TrainingLogs.load(forgatherRun().resolve("trainer_state.json"))
                        .format())
                .isEqualTo(LogFormat.HF_TRAINER_STATE);
        assertThat(TrainingLogs.load(tensorBoardRun()).format()).isEqualTo(LogFormat.TENSORBOARD);
        Path events = tensorBoardRun().resolve("events.out.tfevents.1795564393.vm.567.0");
        assertThat(TrainingLogs.load(events).format()).isEqualTo(LogFormat.TENSORBOARD);
        Path lightning = samples().resolve("lightning/tiny_gpt/version_0");
        assertThat(TrainingLogs.load(lightning).format()).isEqualTo(LogFormat.LIGHTNING_CSV);
        assertThat(TrainingLogs.load(lightning.resolve("metrics.csv")).format()).isEqualTo(LogFormat.LIGHTNING_CSV);
        Path mlflow = Paths.get(getClass()
                .getResource("/mlruns/412503217750286131/6c1d5e2a9b7f4e0c8a3d2f1e0b9c8d7a")
                .toURI());
        assertThat(TrainingLogs.load(mlflow).format()).isEqualTo(LogFormat.MLFLOW_FILES);
        assertThat(TrainingLogs.load(mlflow.resolve("metrics/loss")).format()).isEqualTo(LogFormat.MLFLOW_FILES);
    }

    @Test
    void runsAreNamedByFolderOrByWhatTheFormatRecords() throws Exception {
        TrainingLog tensorBoard = TrainingLogs.load(tensorBoardRun());
        assertThat(tensorBoard.runName()).isEqualTo("adamw_lr1e-3");
        TrainingLog lightning = TrainingLogs.load(samples().resolve("lightning/tiny_gpt/version_0"));
        assertThat(lightning.runName()).isEqualTo("version_0");
        assertThat(lightning.modelName()).hasValue("tiny_gpt");
        Path mlflow = Paths.get(getClass()
                .getResource("/mlruns/412503217750286131/6c1d5e2a9b7f4e0c8a3d2f1e0b9c8d7a")
                .toURI());
        TrainingLog run = TrainingLogs.load(mlflow);
        assertThat(run.runName()).isEqualTo("adamw_lr1e-3");
        assertThat(run.modelName()).hasValue("tiny_gpt");
        TrainingLog forgather = TrainingLogs.load(forgatherRun());
        assertThat(forgather.runName()).isEqualTo("adamw_lr1e-3");
        assertThat(forgather.modelName()).hasValue("tiny_gpt");
    }

    @Test
    void aFolderWithARunBelowItSaysWhichAndHowToReadThemAll() {
        Path logdir = samples().resolve("tensorboard");
        assertThatThrownBy(() -> TrainingLogs.load(logdir))
                .isInstanceOf(LogReadException.class)
                .hasMessage(logdir + ": no trainer_logs.json in this run directory; 1 run below it"
                        + " (tiny_gpt/adamw_lr1e-3): name one, or read them all with -p " + logdir + " and --all");
        assertThatThrownBy(() -> TrainingLogs.follow(logdir))
                .isInstanceOf(LogReadException.class)
                .hasMessageContaining("; 1 run below it (tiny_gpt/adamw_lr1e-3)");
    }

    @Test
    void manyRunsBelowAreNamedNewestFirstUpToThree() throws Exception {
        for (String run : List.of("a", "b", "c", "d")) {
            Path log = Files.createDirectories(dir.resolve("runs").resolve(run)).resolve("trainer_logs.json");
            Files.writeString(log, "[{\"global_step\": 1, \"loss\": 2.0}]");
            Files.setLastModifiedTime(
                    log, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L + run.charAt(0) * 1000L));
        }
        assertThatThrownBy(() -> TrainingLogs.load(dir))
                .isInstanceOf(LogReadException.class)
                .hasMessage(dir + ": no trainer_logs.json in this run directory; 4 runs below it"
                        + " (runs/d, runs/c, runs/b, ...): name one, or read them all with -p " + dir + " and --all");
    }

    @Test
    void aRunFolderWithoutAnyKnownLogKeepsTheOldMessage() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> TrainingLogs.load(dir))
                .isInstanceOf(LogReadException.class)
                .hasMessageEndingWith(": no trainer_logs.json in this run directory");
    }

    @Test
    void forgatherAndHuggingFaceLogsHoldIdenticalSeries() throws Exception {
        TrainingLog forgather = TrainingLogs.load(forgatherRun());
        TrainingLog huggingFace = TrainingLogs.load(forgatherRun().resolve("trainer_state.json"));

        for (String metric : List.of("loss", "grad_norm", "learning_rate", "eval_loss", "epoch")) {
            Series a = forgather.series(metric);
            Series b = huggingFace.series(metric);
            assertThat(b.values()).as(metric).isEqualTo(a.values());
            assertThat(b.steps()).as(metric).isEqualTo(a.steps());
        }
        SummaryStatistics fs = TrainingLogs.summarize(forgather);
        SummaryStatistics hs = TrainingLogs.summarize(huggingFace);
        assertThat(hs.totalSteps()).isEqualTo(fs.totalSteps()).hasValue(1500);
        assertThat(hs.finalLoss()).isEqualTo(fs.finalLoss()).hasValue(1.7338153839111328);
        assertThat(hs.avgLoss()).isEqualTo(fs.avgLoss()).hasValue(2.046092952728273);
        assertThat(hs.bestLoss()).isEqualTo(fs.bestLoss()).hasValue(1.7220680236816406);
        assertThat(hs.bestLossStep()).isEqualTo(fs.bestLossStep()).hasValue(1440);
        assertThat(hs.maxGradNormValue()).isEqualTo(fs.maxGradNormValue()).hasValue(4.081315517425537);
        assertThat(hs.initialLr()).isEqualTo(fs.initialLr()).hasValue(8.999999999999999e-05);
        assertThat(hs.finalLr()).isEqualTo(fs.finalLr()).hasValue(1.2588775841204659e-09);
        assertThat(hs.bestEvalLoss()).isEqualTo(fs.bestEvalLoss()).hasValue(1.5630970001220703);
        assertThat(hs.bestEvalLossStep()).isEqualTo(fs.bestEvalLossStep()).hasValue(1500);
        assertThat(hs.trainRuntimeSeconds()).isEqualTo(fs.trainRuntimeSeconds()).hasValue(22.1099);
        assertThat(hs.trainSamplesPerSecond())
                .isEqualTo(fs.trainSamplesPerSecond())
                .hasValue(2170.972);
        // Forgather writes each evaluation twice: 12 evaluation records read, 6 evaluations counted.
        assertThat(forgather.recordCount()).isEqualTo(163);
        assertThat(huggingFace.recordCount()).isEqualTo(157);
    }

    @Test
    void tensorBoardHoldsTheSameValuesRoundedToFloat32() throws Exception {
        TrainingLog forgather = TrainingLogs.load(forgatherRun());
        TrainingLog tensorBoard = TrainingLogs.load(tensorBoardRun());

        for (String metric : List.of("loss", "grad_norm", "learning_rate")) {
            Series exact = forgather.series(metric, RecordKind.TRAINING);
            Series stored = tensorBoard.series(metric, RecordKind.TRAINING);
            assertThat(stored.steps()).as(metric).isEqualTo(exact.steps());
            double[] rounded = exact.values();
            for (int i = 0; i < rounded.length; i++) {
                rounded[i] = (float) rounded[i];
            }
            assertThat(stored.values()).as(metric).isEqualTo(rounded);
        }
        assertThat(tensorBoard.series("eval_loss").values())
                .isEqualTo(forgather.series("eval_loss").values());
        assertThat(tensorBoard.series("eval_loss").steps())
                .isEqualTo(forgather.series("eval_loss").steps());

        SummaryStatistics fs = TrainingLogs.summarize(forgather);
        SummaryStatistics ts = TrainingLogs.summarize(tensorBoard);
        assertThat(ts.totalSteps()).isEqualTo(fs.totalSteps());
        assertThat(ts.bestLossStep()).isEqualTo(fs.bestLossStep());
        assertThat(ts.maxGradNormStep()).isEqualTo(fs.maxGradNormStep());
        assertThat(ts.bestEvalLoss()).isEqualTo(fs.bestEvalLoss());
        assertThat(ts.bestEvalLossStep()).isEqualTo(fs.bestEvalLossStep());
        assertThat(ts.finalEvalLoss()).isEqualTo(fs.finalEvalLoss());
        // Statistics of float32 values differ from the float64 ones past the 7th digit:
        // python3 float32 sum of the 150 losses / 150 = 2.0460929520924886, final 1.7338154315948486.
        assertThat(ts.finalLoss()).hasValue(1.7338154315948486);
        assertThat(ts.avgLoss()).hasValue(2.0460929520924886);
        assertThat(ts.finalEpoch()).hasValue(0.5791505575180054);
        assertThat(ts.trainRuntimeSeconds()).hasValue(22.109899520874023);
        assertThat(ts.trainSamplesPerSecond()).hasValue(2170.971923828125);
        assertThat(ts.effectiveBatchSize()).isEmpty();
        // TensorBoard's wall_time is taken when each scalar is added, 0.3 to 3.9 ms before the
        // Forgather trainer's timestamp of the same logging call.
        double lag = forgather.series("loss").timestamp(0)
                - tensorBoard.series("loss").timestamp(0);
        assertThat(lag).isBetween(0.0003, 0.004);
    }

    @Test
    void theLightningSampleIsAnotherTrainingWithItsOwnStatistics() throws Exception {
        TrainingLog lightning = TrainingLogs.load(samples().resolve("lightning/tiny_gpt/version_0"));
        SummaryStatistics s = TrainingLogs.summarize(lightning);

        // python3 csv.DictReader over metrics.csv. Not the same training as the others: 1200
        // steps (Lightning's 0-based steps 9..1199), first loss 3.76 rather than 5.20, a cosine
        // schedule without warm-up, validation every 200 steps, no grad_norm.
        assertThat(s.totalSteps()).hasValue(1199);
        assertThat(s.finalEpoch()).hasValue(0.0);
        assertThat(s.finalLoss()).hasValue(1.6817139387130737);
        assertThat(s.avgLoss()).hasValue(2.0711928675572078);
        assertThat(s.bestLoss()).hasValue(1.5999228954315186);
        assertThat(s.bestLossStep()).hasValue(1189);
        assertThat(s.initialLr()).hasValue(0.0009998611640185118);
        assertThat(s.finalLr()).hasValue(1.7134720309286422e-09);
        assertThat(s.finalEvalLoss()).hasValue(1.6720508337020874);
        assertThat(s.bestEvalLoss()).hasValue(1.6720508337020874);
        assertThat(s.bestEvalLossStep()).hasValue(1199);
        assertThat(s.avgGradNorm()).isEmpty();
        assertThat(s.trainRuntimeSeconds()).isEmpty();
    }

    @Test
    void mlflowStatisticsCountTheNonFiniteLoss() throws Exception {
        Path mlflow = Paths.get(getClass()
                .getResource("/mlruns/412503217750286131/6c1d5e2a9b7f4e0c8a3d2f1e0b9c8d7a")
                .toURI());
        SummaryStatistics s = TrainingLogs.summarize(TrainingLogs.load(mlflow));

        // The fixture's five losses, step 40's being nan: mean of the other four (python3).
        assertThat(s.totalSteps()).hasValue(50);
        assertThat(s.finalLoss()).hasValue(3.458722686767578);
        assertThat(s.avgLoss()).hasValue(4.408294200897217);
        assertThat(s.nonfiniteLossCount()).isEqualTo(1);
        assertThat(s.firstNonfiniteLossStep()).hasValue(40);
        assertThat(s.bestEvalLoss()).hasValue(3.5);
        assertThat(s.bestEvalLossStep()).hasValue(50);
        assertThat(s.trainRuntimeSeconds()).hasValue(22.1099);
    }
}
