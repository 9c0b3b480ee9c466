package dev.forgather.logs.read;

import static dev.forgather.logs.read.TrainerStateReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.read.tensorboard.Event;
import dev.forgather.logs.read.tensorboard.Summary;
import dev.forgather.logs.testing.Shared;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TensorBoard run folder's several event files are one run; each value keeps its event's time. */
class TensorBoardRunFolderTest {
    private final TensorBoardReader reader = new TensorBoardReader();

    @TempDir
    Path dir;

    private static Path lightningLstm() {
        return Shared.realWorld().resolve("tensorboard/lightning-lstm-textgen/version_0");
    }

    @Test
    void eachValueOfARecordKeepsItsOwnEventsWallTime() throws Exception {
        Path file = dir.resolve("events.out.tfevents.100.host.1.0");
        Files.write(
                file,
                new EventFiles()
                        .simple(10, 100.0, "train/loss", 3.0f)
                        .simple(10, 100.25, "train/grad_norm", 0.5f)
                        .simple(10, 107.0, "train/learning_rate", 0.001f)
                        .simple(20, 110.0, "train/loss", 2.0f)
                        .bytes());

        TrainingLog log = read(reader, file);

        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.record(0).keys()).containsExactly("loss", "grad_norm", "learning_rate");
        assertThat(log.record(0).timestamp())
                .as("a record's time: its first value's")
                .hasValue(100.0);
        assertThat(log.series("loss").timestamps()).containsExactly(100.0, 110.0);
        assertThat(log.series("grad_norm").timestamps()).containsExactly(100.25);
        assertThat(log.series("learning_rate").timestamps()).containsExactly(107.0);
        assertThat(log.series("learning_rate").timestamp(0)).isEqualTo(107.0);
        assertThat(log.series("train/learning_rate").timestamps())
                .as("by the tag's own name")
                .containsExactly(107.0);
    }

    @Test
    void aRunFoldersFilesAreMergedInWallTimeOrder() throws Exception {
        Path run = Files.createDirectory(dir.resolve("version_0"));
        // Two writers logging into one folder at once: the file first in name order holds the
        // later training steps too, so reading the files one after the other would put step 30
        // before the other file's evaluation at step 20.
        Files.write(
                run.resolve("events.out.tfevents.100.host.1.0"),
                new EventFiles()
                        .simple(10, 100.0, "train_loss", 3.0f)
                        .simple(30, 104.0, "train_loss", 1.5f)
                        .bytes());
        Files.write(
                run.resolve("events.out.tfevents.100.host.1.1"),
                new EventFiles()
                        .simple(20, 102.0, "val_loss", 2.5f)
                        .simple(40, 106.0, "val_loss", 1.25f)
                        .bytes());
        // Keras's profiler file: a file-version event and nothing else.
        Files.write(run.resolve("events.out.tfevents.100.host.profile-empty"), new EventFiles().bytes());

        TrainingLog log = read(reader, run);

        assertThat(log.records().stream().map(Record::step)).containsExactly(10L, 20L, 30L, 40L);
        assertThat(log.records().stream().map(r -> r.timestamp().orElseThrow()))
                .containsExactly(100.0, 102.0, 104.0, 106.0);
        assertThat(log.series("loss").values()).containsExactly(3.0, 1.5);
        assertThat(log.series("eval_loss").values()).containsExactly(2.5, 1.25);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void lightningsFitAndTestFilesAreOneRun() throws Exception {
        Path run = Files.createDirectories(dir.resolve("lightning_logs/version_0"));
        Files.write(
                run.resolve("events.out.tfevents.1716735746.host.3769.0"),
                new EventFiles()
                        .simple(49, 1716735749.0, "train_loss", 2.0f)
                        .simple(49, 1716735749.001, "epoch", 0f)
                        .simple(99, 1716735749.5, "train_loss", 1.75f)
                        .simple(99, 1716735749.501, "epoch", 0f)
                        .simple(99, 1716735756.5, "val_loss", 1.5f)
                        .simple(99, 1716735756.501, "epoch", 0f)
                        .bytes());
        Files.write(
                run.resolve("events.out.tfevents.1716735760.host.3769.1"),
                new EventFiles()
                        .simple(0, 1716735761.0, "test_loss", 1.625f)
                        .simple(0, 1716735761.001, "epoch", 0f)
                        .bytes());

        TrainingLog log = TrainingLogs.load(run);

        assertThat(log.format()).isEqualTo(LogFormat.TENSORBOARD);
        assertThat(log.recordCount()).isEqualTo(4);
        assertThat(log.series("loss").values()).containsExactly(2.0, 1.75);
        assertThat(log.series("eval_loss").timestamps()).containsExactly(1716735756.5);
        assertThat(log.series("test_loss").values()).containsExactly(1.625);
        assertThat(log.series("test_loss").timestamps()).containsExactly(1716735761.0);
    }

    @Test
    void aRealLightningRunsValuesEachHaveTheirEventsWallTime() throws Exception {
        Path file = Files.list(lightningLstm()).findFirst().orElseThrow();
        Map<String, List<Double>> expected = wallTimesByTag(Files.readAllBytes(file));

        TrainingLog log = read(reader, lightningLstm());

        // Every scalar tag but the epoch (an axis of the records, not a series of its own).
        assertThat(expected.keySet()).containsExactly("hp_metric", "train_loss", "epoch", "val_loss");
        for (String tag : List.of("hp_metric", "train_loss", "val_loss")) {
            Series series = log.series(tag);
            assertThat(series.size()).as(tag).isEqualTo(expected.get(tag).size());
            assertThat(series.timestamps()).as(tag).containsExactly(toArray(expected.get(tag)));
        }
    }

    @Test
    void aRealLightningRunsHyperparametersAreItsConfig() throws Exception {
        TrainingLog log = read(reader, lightningLstm());

        // python3 (a hand-written protobuf decoder): the _hparams_/session_start_info plugin
        // data's hparams map, number_value each: hidden_units 512.0, num_layers 2.0, seq_length
        // 100.0, lr 0.001, num_chars 29.0.
        assertThat(log.config())
                .containsExactly(
                        Map.entry("hidden_units", "512"),
                        Map.entry("lr", "0.001"),
                        Map.entry("num_chars", "29"),
                        Map.entry("num_layers", "2"),
                        Map.entry("seq_length", "100"));
        assertThat(log.metricNames()).doesNotContain("_hparams_/session_start_info");
    }

    @Test
    void hyperparametersOfEveryKindAndAnHparamsYamlBesideAreTheConfig() throws Exception {
        Path run = Files.createDirectory(dir.resolve("version_3"));
        Map<String, dev.forgather.logs.read.tensorboard.HParamValue> hparams = new LinkedHashMap<>();
        hparams.put("lr", EventFiles.number(3e-5));
        hparams.put("batch_size", EventFiles.number(32));
        hparams.put("optimizer", EventFiles.text("adamw"));
        hparams.put("amp", EventFiles.bool(true));
        Files.write(
                run.resolve("events.out.tfevents.1.host.1.0"),
                new EventFiles()
                        .hparams(1.0, hparams)
                        .simple(1, 2.0, "train_loss", 1f)
                        .bytes());
        Files.writeString(run.resolve("hparams.yaml"), "dropout: 0.1\nbatch_size: 16\nmodel:\n  layers: 4\n");

        TrainingLog log = read(reader, run);

        assertThat(log.config())
                .as("the event file's session wins over hparams.yaml, which Lightning writes from the same values")
                .containsExactly(
                        Map.entry("amp", "true"),
                        Map.entry("batch_size", "32"),
                        Map.entry("dropout", "0.1"),
                        Map.entry("lr", "3e-05"),
                        Map.entry("model.layers", "4"),
                        Map.entry("optimizer", "adamw"));
        assertThat(log.warnings()).isEmpty();
    }

    /** The wall times of each tag's simple_value scalars, in file order, read here apart from the reader. */
    private static Map<String, List<Double>> wallTimesByTag(byte[] bytes) throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos + 12 <= bytes.length) {
            int length = (int) buffer.getLong(pos);
            Event event = Event.parseFrom(ByteBuffer.wrap(bytes, pos + 12, length));
            for (Summary.Value value : event.getSummary().getValueList()) {
                if (value.hasSimpleValue()) {
                    times.computeIfAbsent(value.getTag(), t -> new ArrayList<>())
                            .add(event.getWallTime());
                }
            }
            pos += 12 + length + 4;
        }
        return times;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
