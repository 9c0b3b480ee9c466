package dev.forgather.logs.read;

import static dev.forgather.logs.read.TrainerStateReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightningCsvReaderTest {
    private final LightningCsvReader reader = new LightningCsvReader();

    @TempDir
    Path dir;

    @Test
    void sampleRowsBecomeTrainingEvaluationAndEpochRecords() throws Exception {
        TrainingLog log = read(reader, SampleFiles.lightningMetrics());

        // python3 csv.DictReader: 127 rows; 120 with train_loss_step, 6 with val_loss, 1 with
        // train_loss_epoch alone (the epoch-end row).
        assertThat(log.recordCount()).isEqualTo(127);
        assertThat(log.series("loss", RecordKind.TRAINING).size()).isEqualTo(120);
        assertThat(log.series("eval_loss", RecordKind.EVALUATION).size()).isEqualTo(6);
        assertThat(log.kind(126)).isEqualTo(RecordKind.OTHER);
        assertThat(log.format()).isEqualTo(LogFormat.LIGHTNING_CSV);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void sampleValuesAreTheCellsAndStepsAreLightningsOwn() throws Exception {
        TrainingLog log = read(reader, SampleFiles.lightningMetrics());

        // python3 csv.DictReader: rows[0], rows[19..20] and rows[-1]
        Record first = log.record(0);
        assertThat(first.step()).as("Lightning counts steps from 0").isEqualTo(9);
        assertThat(first.epoch()).hasValue(0.0);
        assertThat(first.get("loss")).hasValue(3.7609732151031494);
        assertThat(first.get("learning_rate")).hasValue(0.0009998611640185118);
        assertThat(first.timestamp()).as("metrics.csv has no times").isEmpty();
        assertThat(log.record(20).step()).isEqualTo(199);
        assertThat(log.record(20).get("eval_loss")).hasValue(2.221390724182129);
        assertThat(log.record(20).get("loss")).isEmpty();
        assertThat(log.record(126).get("train_loss_epoch")).hasValue(2.0934524536132812);
    }

    @Test
    void columnNamesStayUsable() throws Exception {
        TrainingLog log = read(reader, SampleFiles.lightningMetrics());

        assertThat(log.aliases())
                .containsOnly(
                        java.util.Map.entry("lr", "learning_rate"),
                        java.util.Map.entry("train_loss_step", "loss"),
                        java.util.Map.entry("val_loss", "eval_loss"));
        assertThat(log.series("train_loss_step").values())
                .isEqualTo(log.series("loss").values());
        assertThat(log.metricNames()).containsExactly("learning_rate", "loss", "eval_loss", "train_loss_epoch");
    }

    @Test
    void runIsNamedByItsVersionFolderAndModelByTheLoggerName() throws Exception {
        assertThat(reader.name(SampleFiles.lightningMetrics())).isEqualTo(RunName.of("tiny_gpt", "version_0"));

        Path defaultName = Files.createDirectories(dir.resolve("lightning_logs/version_3"));
        Path file = Files.writeString(defaultName.resolve("metrics.csv"), "epoch,step,train_loss\n0,0,1.0\n");
        assertThat(reader.name(file)).isEqualTo(RunName.of("version_3"));
    }

    @Test
    void pythonNumberSpellingsParse() throws Exception {
        Path file = write(
                "epoch,step,train_loss,val_loss,lr-AdamW\n" + "0,0,nan,,1e-05\n0,1,inf,,3\n0,2,-inf,,0.5\n0,2,,NaN,\n");
        TrainingLog log = read(reader, file);

        assertThat(log.series("loss").values())
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(log.series("train_loss").size())
                .as("train_loss is the loss when nothing more specific is logged")
                .isEqualTo(3);
        assertThat(log.series("learning_rate").values()).containsExactly(1e-05, 3.0, 0.5);
        assertThat(log.series("eval_loss").values()).containsExactly(Double.NaN);
    }

    @Test
    void aLastLineCutOffMidWriteIsDroppedWithAWarning() throws Exception {
        Path file = write("epoch,step,train_loss_step,val_loss\n0,9,2.5,\n0,19,2.25,\n0,29,2.1");
        TrainingLog log = read(reader, file);

        assertThat(log.series("loss").values()).containsExactly(2.5, 2.25);
        assertThat(log.warnings())
                .singleElement()
                .asString()
                .isEqualTo(
                        file
                                + ": ignored the last line (4), cut off mid-write (the run is still writing or was stopped); read 2 records");
    }

    @Test
    void aCutLineAndValuesThatAreNotNumbersShareOneWarningLineWithTheRightCount() throws Exception {
        Path file = write("epoch,step,train_loss_step,val_loss\n0,9,2.5,\n0,1e30,2.0,\n0,19,,1.9\n0,29,bad,\n0,39,1.");
        TrainingLog log = read(reader, file);

        assertThat(log.recordCount()).isEqualTo(4);
        // The step 1e30 is not clamped to Long.MAX_VALUE: that row keeps the step before it.
        assertThat(log.series("loss").steps()).containsExactly(9, 9);
        assertThat(log.warnings())
                .containsExactly(file + ": ignored the last line (6), cut off mid-write (the run is"
                        + " still writing or was stopped); 2 values that are not numbers were ignored; read 4 records");
    }

    @Test
    void cellsThatAreNotNumbersAreSkippedAndCounted() throws Exception {
        Path file = write("epoch,step,train_loss_step,note\n0,9,2.5,hello\n0,19,tensor(2.0),\n");
        TrainingLog log = read(reader, file);

        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.series("loss").values()).containsExactly(2.5);
        assertThat(log.warnings()).singleElement().asString().contains("2 values that are not numbers were ignored");
    }

    @Test
    void acceptsMetricsCsvAndCsvFilesWithAStepColumn() {
        byte[] header = "epoch,lr,step,train_loss_epoch".getBytes(StandardCharsets.US_ASCII);
        assertThat(reader.accepts(Path.of("version_0/metrics.csv"), header)).isTrue();
        assertThat(reader.accepts(Path.of("export.csv"), "step,loss\n".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(reader.accepts(Path.of("data.csv"), "a,b\n".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(reader.accepts(Path.of("metrics.json"), header)).isFalse();
    }

    @Test
    void emptyFileIsBadInput() throws Exception {
        Path file = write("");
        assertThatThrownBy(() -> read(reader, file)).hasMessageEndingWith(": empty file");
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, text);
        return file;
    }
}
