package dev.forgather.logs.read;

import static dev.forgather.logs.read.TrainerStateReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.read.tensorboard.Summary;
import dev.forgather.logs.read.tensorboard.TensorProto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardReaderTest {
    private final TensorBoardReader reader = new TensorBoardReader();

    @TempDir
    Path dir;

    @Test
    void sampleGroupsOneEventPerValueBackIntoTheTrainersRecords() throws Exception {
        TrainingLog log = read(reader, SampleFiles.tensorBoardFile());

        // python3 (a hand-written TFRecord + protobuf decoder): 639 records, the
        // first 3 being file_version and two text summaries; the scalars are 150 x train/loss,
        // train/grad_norm, train/learning_rate; 6 x eval/loss, runtime, samples_per_second,
        // steps_per_second; one end-of-training summary; and 157 x train/epoch, which the
        // Hugging Face callback writes last in every logging call.
        assertThat(log.recordCount()).isEqualTo(157);
        assertThat(log.series("loss", RecordKind.TRAINING).size()).isEqualTo(150);
        assertThat(log.series("eval_loss", RecordKind.EVALUATION).size()).isEqualTo(6);
        assertThat(log.kind(156)).isEqualTo(RecordKind.FINAL);
        for (Record record : log.records()) {
            assertThat(record.get("loss").isPresent() && record.get("eval_loss").isPresent())
                    .as("record %s holds a training and an evaluation loss", record)
                    .isFalse();
            assertThat(record.epoch()).as("record %s has an epoch", record).isPresent();
        }
        assertThat(log.format()).isEqualTo(LogFormat.TENSORBOARD);
    }

    @Test
    void sampleValuesAreFloat32WidenedExactly() throws Exception {
        TrainingLog log = read(reader, SampleFiles.tensorBoardFile());

        // python3: struct.unpack('<f', simple_value bytes)[0] of the first and last train/loss,
        // train/learning_rate and train/epoch events; wall_time of the first train/loss event.
        Record first = log.record(0);
        assertThat(first.step()).isEqualTo(10);
        assertThat(first.get("loss")).hasValue(5.198809623718262);
        assertThat(first.get("grad_norm")).hasValue(4.081315517425537);
        assertThat(first.get("learning_rate")).hasValue(9.000000136438757e-05);
        assertThat(first.epoch()).hasValue(0.0038610037881881);
        assertThat(first.timestamp()).hasValue(1795564396.7374146);
        Series loss = log.series("loss");
        assertThat(loss.value(149)).isEqualTo(1.7338154315948486);
        for (double v : loss.values()) {
            assertThat((double) (float) v).isEqualTo(v);
        }
        Series evalLoss = log.series("eval_loss");
        assertThat(evalLoss.size()).isEqualTo(6);
        Record evaluation = log.record(evalLoss.recordIndex(5));
        assertThat(evaluation.step()).isEqualTo(1500);
        assertThat(evaluation.get("eval_loss")).hasValue(1.5630970001220703);
        assertThat(evaluation.get("eval_runtime")).hasValue(0.15109999477863312);
        assertThat(evaluation.epoch()).hasValue(0.5791505575180054);
        Record last = log.finalRecord().orElseThrow();
        assertThat(last.get("train_runtime")).hasValue(22.109899520874023);
        assertThat(last.get("train_loss")).hasValue(2.046092987060547);
        assertThat(last.get("total_flos")).hasValue(14627635200000.0);
    }

    @Test
    void tagsStayUsableAsAliases() throws Exception {
        TrainingLog log = read(reader, SampleFiles.tensorBoardFile());

        assertThat(log.aliases())
                .containsEntry("train/loss", "loss")
                .containsEntry("eval/loss", "eval_loss")
                .containsEntry("train/epoch", "epoch")
                .containsEntry("eval/runtime", "eval_runtime");
        assertThat(log.series("train/loss").values())
                .isEqualTo(log.series("loss").values());
        assertThat(log.metricNames()).doesNotContain("train/loss", "args/text_summary", "model_config/text_summary");
    }

    @Test
    void readingTheFolderReadsTheSameRun() throws Exception {
        TrainingLog fromFile = read(reader, SampleFiles.tensorBoardFile());
        TrainingLog fromFolder = read(reader, SampleFiles.tensorBoardRun());

        assertThat(fromFolder.recordCount()).isEqualTo(fromFile.recordCount());
        assertThat(fromFolder.series("loss").values())
                .isEqualTo(fromFile.series("loss").values());
    }

    @Test
    void acceptsEventFilesByNameOrByTheirFirstRecordsChecksum() throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(SampleFiles.tensorBoardFile()), 64);
        assertThat(reader.accepts(Path.of("events.out.tfevents.1.host.1.0"), new byte[0]))
                .isTrue();
        assertThat(reader.accepts(Path.of("renamed.bin"), head)).isTrue();
        head[9] ^= 1;
        assertThat(reader.accepts(Path.of("renamed.bin"), head)).isFalse();
        assertThat(reader.accepts(Path.of("trainer_logs.json"), "[\n{\"loss\": 1}".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(reader.accepts(SampleFiles.tensorBoardRun(), new byte[0])).isTrue();
        assertThat(reader.accepts(dir, new byte[0])).isFalse();
    }

    @Test
    void aFlippedByteInARecordsDataSkipsThatRecordOnly() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleFiles.tensorBoardFile());
        int at = recordOffset(bytes, 3) + 12 + 5; // inside the data of the first train/loss event
        bytes[at] ^= 0x40;
        Path file = dir.resolve("events.out.tfevents.1795564393.vm.567.0");
        Files.write(file, bytes);

        TrainingLog log = read(reader, file);

        assertThat(log.series("loss").size()).isEqualTo(149);
        assertThat(log.series("grad_norm").size()).isEqualTo(150);
        assertThat(log.warnings())
                .singleElement()
                .asString()
                .contains("skipped 1 damaged record (bad checksum or contents)")
                .doesNotContain("cut off");
    }

    @Test
    void aFlippedByteInALengthFindsTheNextIntactRecord() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleFiles.tensorBoardFile());
        bytes[recordOffset(bytes, 3) + 2] ^= 0x01; // the length of the first train/loss event
        Path file = dir.resolve("events.out.tfevents.1.host.1.0");
        Files.write(file, bytes);

        TrainingLog log = read(reader, file);

        assertThat(log.series("loss").size()).isEqualTo(149);
        assertThat(log.series("loss").step(0)).isEqualTo(20);
        assertThat(log.series("grad_norm").size()).isEqualTo(150);
        assertThat(log.warnings()).singleElement().asString().contains("skipped 1 damaged record");
    }

    @Test
    void aTornTailKeepsEveryCompleteRecord() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleFiles.tensorBoardFile());
        int lastRecord = recordOffset(bytes, 638);
        for (int cut : new int[] {lastRecord + 3, lastRecord + 12, bytes.length - 1}) {
            Path file = dir.resolve("events.out.tfevents.1.host.1.0");
            Files.write(file, Arrays.copyOf(bytes, cut));

            TrainingLog log = read(reader, file);

            // The last event is the final record's train/epoch: the final record survives without it.
            assertThat(log.recordCount()).isEqualTo(157);
            assertThat(log.finalRecord().orElseThrow().epoch()).isEmpty();
            assertThat(log.warnings())
                    .singleElement()
                    .asString()
                    .contains("ignored the last " + (cut - lastRecord) + " bytes, a record cut off mid-write");
        }
    }

    @Test
    void everyCutOfTheFileReadsWithoutAnException() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleFiles.tensorBoardFile());
        Path file = dir.resolve("events.out.tfevents.1.host.1.0");
        int previous = 0;
        for (int cut = 0; cut <= bytes.length; cut += 151) {
            Files.write(file, Arrays.copyOf(bytes, cut));
            TrainingLog log = read(reader, file);
            assertThat(log.series("loss").size()).isGreaterThanOrEqualTo(previous);
            previous = log.series("loss").size();
        }
        assertThat(previous).isGreaterThan(0);
    }

    @Test
    void aRestartedRunsFilesAreReadInNameOrder() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.write(
                run.resolve("events.out.tfevents.200.host.2.0"),
                new EventFiles()
                        .simple(30, 200.0, "train/loss", 1.5f)
                        .simple(40, 201.0, "train/loss", 1.25f)
                        .bytes());
        Files.write(
                run.resolve("events.out.tfevents.100.host.1.0"),
                new EventFiles()
                        .simple(10, 100.0, "train/loss", 3.0f)
                        .simple(20, 101.0, "train/loss", 2.0f)
                        .simple(30, 102.0, "train/loss", 1.75f)
                        .bytes());
        Files.writeString(run.resolve("hparams.yaml"), "lr: 0.001\n");

        TrainingLog log = read(reader, run.resolve("events.out.tfevents.200.host.2.0"));

        assertThat(log.series("loss").steps()).containsExactly(10, 20, 30, 30, 40);
        assertThat(log.series("loss").values()).containsExactly(3.0, 2.0, 1.75, 1.5, 1.25);
        assertThat(log.series("loss").timestamps()).containsExactly(100.0, 101.0, 102.0, 200.0, 201.0);
    }

    @Test
    void tensorScalarsOfEveryNumericFormAreRead() throws Exception {
        TensorProto half =
                TensorProto.newBuilder().setDtype(19).addHalfVal(0x3e00).build(); // 1.5 in binary16
        TensorProto int64 = TensorProto.newBuilder().setDtype(9).addInt64Val(7).build();
        TensorProto text = TensorProto.newBuilder()
                .setDtype(7)
                .addStringVal(ByteString.copyFromUtf8("hi"))
                .build();
        TensorProto vector = TensorProto.newBuilder()
                .setDtype(1)
                .addFloatVal(1f)
                .addFloatVal(2f)
                .build();
        Path file = dir.resolve("events.out.tfevents.1.host.1.0");
        Files.write(
                file,
                new EventFiles()
                        .tensor(1, 10.0, "epoch_loss", EventFiles.floatTensor(0.1f))
                        .tensor(1, 10.1, "epoch_learning_rate", EventFiles.doubleContent(1e-3))
                        .tensor(1, 10.2, "half", half)
                        .tensor(1, 10.3, "count", int64)
                        .tensor(1, 10.4, "notes", text)
                        .tensor(1, 10.5, "histogram", vector)
                        .bytes());

        TrainingLog log = read(reader, file);

        assertThat(log.recordCount()).isEqualTo(1);
        Record record = log.record(0);
        assertThat(record.get("epoch_loss")).hasValue((double) 0.1f);
        assertThat(record.get("epoch_learning_rate")).hasValue(1e-3);
        assertThat(record.get("half")).hasValue(1.5);
        assertThat(record.get("count")).hasValue(7.0);
        assertThat(log.metricNames())
                .as("Keras TF2 names, mapped")
                .containsExactly("loss", "learning_rate", "half", "count");
    }

    @Test
    void halfPrecisionConvertsExactly() {
        assertThat(TensorBoardReader.halfToDouble(0x3c00)).isEqualTo(1.0);
        assertThat(TensorBoardReader.halfToDouble(0xc000)).isEqualTo(-2.0);
        assertThat(TensorBoardReader.halfToDouble(0x0001)).isEqualTo(Math.pow(2, -24));
        assertThat(TensorBoardReader.halfToDouble(0x7bff)).isEqualTo(65504.0);
        assertThat(TensorBoardReader.halfToDouble(0x7c00)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(TensorBoardReader.halfToDouble(0x7e00)).isNaN();
    }

    @Test
    void nonFiniteScalarsAreKept() throws Exception {
        Path file = dir.resolve("events.out.tfevents.1.host.1.0");
        Files.write(
                file,
                new EventFiles()
                        .simple(1, 1.0, "train/loss", Float.NaN)
                        .simple(2, 2.0, "train/loss", Float.POSITIVE_INFINITY)
                        .bytes());

        assertThat(read(reader, file).series("loss").values()).containsExactly(Double.NaN, Double.POSITIVE_INFINITY);
    }

    @Test
    void valuesOfOneEventShareARecordUnlessTheyAreOfDifferentPhases() throws Exception {
        Summary summary = Summary.newBuilder()
                .addValue(Summary.Value.newBuilder().setTag("train_loss_step").setSimpleValue(2f))
                .addValue(Summary.Value.newBuilder().setTag("lr-AdamW").setSimpleValue(0.5f))
                .addValue(Summary.Value.newBuilder().setTag("val_loss").setSimpleValue(1f))
                .addValue(Summary.Value.newBuilder().setTag("epoch").setSimpleValue(0f))
                .build();
        Path file = dir.resolve("events.out.tfevents.1.host.1.0");
        Files.write(
                file,
                new EventFiles()
                        .add(dev.forgather.logs.read.tensorboard.Event.newBuilder()
                                .setStep(9)
                                .setWallTime(5.0)
                                .setSummary(summary)
                                .build())
                        .bytes());

        TrainingLog log = read(reader, file);

        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.record(0).keys()).containsExactly("loss", "learning_rate");
        assertThat(log.record(1).keys()).containsExactly("eval_loss");
        assertThat(log.record(1).epoch()).hasValue(0.0);
    }

    /** The byte offset of TFRecord {@code index} (from 0), following the length fields. */
    private static int recordOffset(byte[] bytes, int index) {
        int pos = 0;
        for (int i = 0; i < index; i++) {
            long length = java.nio.ByteBuffer.wrap(bytes, pos, 8)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getLong();
            pos += 12 + (int) length + 4;
        }
        return pos;
    }
}
