package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerStateReaderTest {
    private final TrainerStateReader reader = new TrainerStateReader();

    @TempDir
    Path dir;

    static TrainingLog read(LogReader reader, Path file) throws LogReadException {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        reader.read(file, builder);
        LogFormat format = Arrays.stream(LogFormat.values())
                .filter(f -> f.reader().getClass() == reader.getClass())
                .findFirst()
                .orElseThrow();
        return builder.build(file, reader.name(file), format);
    }

    @Test
    void sampleHasEveryLogHistoryEntryAsARecord() throws Exception {
        TrainingLog log = read(reader, SampleFiles.forgatherRun("adamw_lr1e-3").resolve("trainer_state.json"));

        // python3: len(json.load(f)["log_history"]) == 157: 150 with loss, 6 with eval_loss, 1 with train_runtime
        assertThat(log.recordCount()).isEqualTo(157);
        assertThat(log.series("loss", RecordKind.TRAINING).size()).isEqualTo(150);
        assertThat(log.series("eval_loss", RecordKind.EVALUATION).size()).isEqualTo(6);
        assertThat(log.kind(156)).isEqualTo(RecordKind.FINAL);
        assertThat(log.format()).isEqualTo(LogFormat.HF_TRAINER_STATE);
    }

    @Test
    void sampleValuesAreTheFilesNumbers() throws Exception {
        TrainingLog log = read(reader, SampleFiles.forgatherRun("adamw_lr1e-3").resolve("trainer_state.json"));

        // python3: h = json.load(f)["log_history"]; h[0], h[149], h[-1]
        Record first = log.record(0);
        assertThat(first.step()).isEqualTo(10);
        assertThat(first.epoch()).hasValue(0.003861003861003861);
        assertThat(first.get("loss")).hasValue(5.198809432983398);
        assertThat(first.get("grad_norm")).hasValue(4.081315517425537);
        assertThat(first.get("learning_rate")).hasValue(8.999999999999999e-05);
        assertThat(first.timestamp()).as("trainer_state.json has no times").isEmpty();
        Series loss = log.series("loss");
        assertThat(loss.step(149)).isEqualTo(1500);
        assertThat(loss.value(149)).isEqualTo(1.7338153839111328);
        Record last = log.finalRecord().orElseThrow();
        assertThat(last.step()).isEqualTo(1500);
        assertThat(last.get("train_runtime")).hasValue(22.1099);
        assertThat(last.get("train_loss")).hasValue(2.0460929527282716);
        assertThat(last.get("total_flos")).hasValue(14627635200000.0);
        assertThat(log.aliases()).isEmpty();
    }

    @Test
    void acceptsTrainerStateJsonOnly() {
        byte[] object = "{\n  \"best_global_step\": null".getBytes(StandardCharsets.US_ASCII);
        assertThat(reader.accepts(Path.of("run/trainer_state.json"), object)).isTrue();
        assertThat(reader.accepts(Path.of("run/trainer_state.json"), "[{".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(reader.accepts(Path.of("run/config.json"), object)).isFalse();
        assertThat(reader.accepts(Path.of("run/trainer_logs.json"), object)).isFalse();
    }

    @Test
    void nonNumericTokensAndIntegersParse() throws Exception {
        Path file = write("""
                {"global_step": 3, "log_history": [
                  {"epoch": 1, "loss": NaN, "step": 1},
                  {"epoch": 2, "loss": Infinity, "grad_norm": -Infinity, "step": 2},
                  {"epoch": 3, "loss": 3, "learning_rate": 1e-05, "step": 3, "note": "x", "nested": {"a": 1}}
                ], "trial_params": null}
                """);
        TrainingLog log = read(reader, file);

        assertThat(log.series("loss").values()).containsExactly(Double.NaN, Double.POSITIVE_INFINITY, 3.0);
        assertThat(log.series("grad_norm").values()).containsExactly(Double.NEGATIVE_INFINITY);
        assertThat(log.series("learning_rate").values()).containsExactly(1e-05);
        assertThat(log.metricNames()).containsExactly("loss", "grad_norm", "learning_rate");
        assertThat(log.warnings())
                .containsExactly(file + ": 2 values that are not numbers were ignored; read 3 records");
    }

    @Test
    void valuesOfTheWrongTypeAndStepsBeyondALongAreCountedNeverDroppedSilently() throws Exception {
        Path file = write("{\"log_history\": [\n"
                + "{\"step\": 10, \"loss\": \"2.5\", \"grad_norm\": 1.5},\n"
                + "{\"step\": 20, \"loss\": 2.0, \"learning_rate\": false, \"extra\": {\"a\": 1}},\n"
                + "{\"step\": 1e30, \"loss\": 1.5, \"note\": null},\n"
                + "{\"step\": 123456789012345678901234567890, \"loss\": 1.0}\n"
                + "], \"global_step\": 40, \"trial_name\": \"not counted: not in a record\"}");

        TrainingLog log = read(reader, file);

        assertThat(log.series("loss").steps()).containsExactly(20, 20, 20);
        assertThat(log.series("loss").values()).containsExactly(2.0, 1.5, 1.0);
        assertThat(log.warnings())
                .containsExactly(file + ": 5 values that are not numbers were ignored; read 4 records");
    }

    @Test
    void cutOffFileKeepsEveryCompleteRecord() throws Exception {
        String whole = Files.readString(SampleFiles.forgatherRun("adamw_lr1e-3").resolve("trainer_state.json"));
        int cut = whole.indexOf("\"step\": 30") + 5; // inside the third record
        Path file = write(whole.substring(0, cut));

        TrainingLog log = read(reader, file);

        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.series("loss").steps()).containsExactly(10, 20);
        assertThat(log.warnings())
                .singleElement()
                .asString()
                .contains("cut off")
                .contains("read 2 records");
    }

    @Test
    void aLogAtAnyCutYieldsOnlyCompleteRecords() throws Exception {
        String whole = Files.readString(SampleFiles.forgatherRun("adamw_lr1e-3").resolve("trainer_state.json"));
        int history = whole.indexOf("\"log_history\": [") + 16;
        int previous = 0;
        for (int cut = history; cut < history + 600; cut += 7) {
            TrainingLog log = read(reader, write(whole.substring(0, cut)));
            assertThat(log.recordCount()).isGreaterThanOrEqualTo(previous);
            assertThat(log.warnings()).hasSize(1);
            previous = log.recordCount();
        }
        assertThat(previous).isGreaterThan(0);
    }

    @Test
    void objectWithoutLogHistoryIsNotATrainerState() throws Exception {
        Path file = write("{\"global_step\": 3}");
        assertThatThrownBy(() -> read(reader, file))
                .isInstanceOf(LogReadException.class)
                .hasMessageEndingWith("no log_history array: not a trainer_state.json");
    }

    @Test
    void emptyFileIsBadInput() throws Exception {
        Path file = write("");
        assertThatThrownBy(() -> read(reader, file)).hasMessageEndingWith(": empty file");
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("trainer_state.json");
        Files.writeString(file, text);
        return file;
    }
}
