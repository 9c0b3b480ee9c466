package dev.forgather.logs.read;

import static dev.forgather.logs.read.TrainerStateReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture in src/test/resources/mlruns is laid out as MLflow's file store writes it and holds
 * what the Hugging Face MLflowCallback logs for the first 50 steps of the sample training: five
 * training calls (step 40's loss set to nan), evaluations at steps 30 and 50, and the
 * end-of-training summary, each call's values sharing one millisecond timestamp.
 */
class MlflowReaderTest {
    private final MlflowReader reader = new MlflowReader();

    @TempDir
    Path dir;

    @Test
    void valuesOfOneLoggingCallBecomeOneRecord() throws Exception {
        TrainingLog log = read(reader, SampleFiles.mlflowRun());

        assertThat(log.recordCount()).isEqualTo(8);
        assertThat(log.records())
                .extracting(Record::kind)
                .containsExactly(
                        RecordKind.TRAINING,
                        RecordKind.TRAINING,
                        RecordKind.TRAINING,
                        RecordKind.EVALUATION,
                        RecordKind.TRAINING,
                        RecordKind.TRAINING,
                        RecordKind.EVALUATION,
                        RecordKind.FINAL);
        assertThat(log.records()).extracting(Record::step).containsExactly(10L, 20L, 30L, 30L, 40L, 50L, 50L, 50L);
        assertThat(log.format()).isEqualTo(LogFormat.MLFLOW_FILES);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void valuesTimesAndEpochsAreTheFiles() throws Exception {
        TrainingLog log = read(reader, SampleFiles.mlflowRun());

        Record first = log.record(0);
        assertThat(first.timestamp()).hasValue(1795564396.738);
        assertThat(first.epoch()).hasValue(0.003861003861003861);
        assertThat(first.get("loss")).hasValue(5.198809432983398);
        assertThat(first.get("learning_rate")).hasValue(8.999999999999999e-05);
        assertThat(first.keys()).containsExactly("grad_norm", "learning_rate", "loss", "tokens_per_second");
        assertThat(log.record(4).get("loss").getAsDouble()).isNaN();
        Record evaluation = log.record(3);
        assertThat(evaluation.get("eval_loss")).hasValue(4.2);
        assertThat(evaluation.epoch()).hasValue(0.011583011583011582);
        Record last = log.finalRecord().orElseThrow();
        assertThat(last.get("train_runtime")).hasValue(22.1099);
        assertThat(last.get("train_loss"))
                .as("the run's mean loss keeps its name")
                .hasValue(4.0);
        assertThat(log.series("train/tokens_per_second").values())
                .containsExactly(1010.0, 1020.0, 1030.0, 1040.0, 1050.0);
    }

    @Test
    void runIsNamedByItsTagAndModelByItsExperiment() throws Exception {
        assertThat(reader.name(SampleFiles.mlflowRun())).isEqualTo(RunName.of("tiny_gpt", "adamw_lr1e-3"));
    }

    @Test
    void aMetricFileOrTheMetricsFolderStandsForTheWholeRun() throws Exception {
        Path run = SampleFiles.mlflowRun();
        for (Path path : new Path[] {
            run.resolve("metrics"), run.resolve("metrics/loss"), run.resolve("metrics/train/tokens_per_second")
        }) {
            assertThat(reader.accepts(path, new byte[0])).as("%s", path).isTrue();
            assertThat(read(reader, path).recordCount()).as("%s", path).isEqualTo(8);
        }
        assertThat(reader.accepts(run.resolve("params/learning_rate"), new byte[0]))
                .isFalse();
        assertThat(reader.accepts(run.getParent(), new byte[0])).isFalse();
        assertThat(MlflowReader.runFolderOf(run.resolve("metrics/loss")))
                .hasValue(run.toAbsolutePath().normalize());
    }

    @Test
    void runWithoutTagsIsNamedFromMetaYamlThenItsFolder() throws Exception {
        Path run = Files.createDirectories(dir.resolve("mlruns/1/abc123/metrics"));
        Files.writeString(run.resolve("loss"), "1000 1.5 1\n");
        Files.writeString(run.getParent().resolve("meta.yaml"), "run_id: abc123\nrun_name: 'quiet-fox-7'\n");
        assertThat(reader.name(run.getParent())).isEqualTo(RunName.of("quiet-fox-7"));

        Files.writeString(run.getParent().resolve("meta.yaml"), "run_id: abc123\n");
        assertThat(reader.name(run.getParent())).isEqualTo(RunName.of("abc123"));
    }

    @Test
    void lightningNamesMapAndOldLinesWithoutStepAreStepZero() throws Exception {
        Path run = Files.createDirectories(dir.resolve("mlruns/2/r1"));
        Files.createDirectories(run.resolve("tags"));
        Path metrics = Files.createDirectories(run.resolve("metrics"));
        Files.writeString(metrics.resolve("train_loss_step"), "1000 2.5 9\n2000 2.0 19\n");
        Files.writeString(metrics.resolve("val_loss"), "2500 1.75 19\n");
        Files.writeString(metrics.resolve("lr-AdamW"), "1000 0.001 9\n2000 0.0009 19\n");
        Files.writeString(metrics.resolve("epoch"), "1000 0 9\n2000 0 19\n2500 0 19\n");
        Files.writeString(metrics.resolve("legacy"), "3000 inf\n3000 seven\n4000 -inf 2\n5000 1.0 2");

        TrainingLog log = read(reader, run);

        assertThat(log.series("loss").values()).containsExactly(2.5, 2.0);
        assertThat(log.series("eval_loss").steps()).containsExactly(19);
        assertThat(log.series("learning_rate").values()).containsExactly(0.001, 0.0009);
        assertThat(log.series("legacy").steps()).containsExactly(0, 2, 2);
        assertThat(log.series("legacy").values())
                .containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0);
        assertThat(log.warnings())
                .singleElement()
                .asString()
                .contains("ignored 1 line that are not 'timestamp value step'");
    }

    @Test
    void aFolderThatIsNoRunIsBadInput() {
        assertThatThrownBy(() -> read(reader, dir))
                .isInstanceOf(LogReadException.class)
                .hasMessageContaining("not an MLflow run");
    }
}
