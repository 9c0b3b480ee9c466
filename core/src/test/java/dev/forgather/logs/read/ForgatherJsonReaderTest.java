package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgatherJsonReaderTest {
    @TempDir
    Path dir;

    private TrainingLog load(String content) throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return TrainingLogs.load(file);
    }

    private static final String TRAIN_10 = "{\"timestamp\": 100.5, \"global_step\": 10, \"epoch\": 0.1, \"loss\": 2.5, "
            + "\"grad_norm\": 1.5, \"learning_rate\": 0.001}";
    private static final String TRAIN_20 = "{\"timestamp\": 101.5, \"global_step\": 20, \"epoch\": 0.2, \"loss\": 2.0, "
            + "\"grad_norm\": 1.0, \"learning_rate\": 0.002}";
    private static final String EVAL_20 =
            "{\"timestamp\": 102.0, \"global_step\": 20, \"epoch\": 0.2, \"eval_loss\": 2.2}";
    private static final String EVAL_20_AGAIN =
            "{\"timestamp\": 102.001, \"global_step\": 20, \"epoch\": 0.2, \"eval_loss\": 2.2}";

    @Test
    void completeLogYieldsEveryRecordWithNoWarning() throws Exception {
        TrainingLog log = load("[\n" + TRAIN_10 + ",\n" + TRAIN_20 + ",\n" + EVAL_20 + "\n]");
        assertThat(log.recordCount()).isEqualTo(3);
        assertThat(log.warnings()).isEmpty();
        assertThat(log.series("loss").values()).containsExactly(2.5, 2.0);
        assertThat(log.series("loss").steps()).containsExactly(10, 20);
        assertThat(log.series("eval_loss").epochs()).containsExactly(0.2);
        assertThat(log.series("learning_rate").timestamps()).containsExactly(100.5, 101.5);
        assertThat(log.kind(2)).isEqualTo(RecordKind.EVALUATION);
    }

    @Test
    void logStillBeingWrittenKeepsEveryRecordAndSaysTheBracketIsMissing() throws Exception {
        TrainingLog log = load("[\n" + TRAIN_10 + ",\n" + TRAIN_20);
        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.warnings())
                .singleElement()
                .asString()
                .contains("no closing ']'")
                .contains("read 2 records");
    }

    @Test
    void logCutInsideARecordKeepsTheCompleteOnesAndCountsTheIgnoredBytes() throws Exception {
        String cut = TRAIN_20.substring(0, 37);
        TrainingLog log = load("[\n" + TRAIN_10 + ",\n" + cut);
        assertThat(log.recordCount()).isEqualTo(1);
        assertThat(log.series("loss").values()).containsExactly(2.5);
        assertThat(log.series("grad_norm").values()).containsExactly(1.5);
        assertThat(log.warnings())
                .singleElement()
                .asString()
                .contains("ignored the last " + (cut.length() + 2) + " bytes")
                .contains("read 1 records");
    }

    /** The bytes of {@code content} followed by {@code nuls} NUL bytes, as a file preallocated before a crash. */
    private TrainingLog loadWithNulTail(String content, int nuls, long minPartBytes, int buffer) throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        byte[] text = content.getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(text, text.length + nuls));
        TrainingLogBuilderHolder holder = new TrainingLogBuilderHolder();
        new ForgatherJsonReader(minPartBytes, buffer).read(file, holder.builder);
        return holder.builder.build(file, RunName.of("run"), LogFormat.FORGATHER);
    }

    private static final class TrainingLogBuilderHolder {
        final TrainingLogBuilder builder = new TrainingLogBuilder();
    }

    @Test
    void aLogEndingInNulBytesIsACutOffLogThatSaysHowManyWereIgnored() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        byte[] text = ("[\n" + TRAIN_10 + ",\n" + TRAIN_20 + ",\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(text, text.length + 4096));
        TrainingLog log = TrainingLogs.load(file);
        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.series("loss").values()).containsExactly(2.5, 2.0);
        assertThat(log.warnings())
                .containsExactly(file + ": ignored the last 4096 bytes, all NUL"
                        + " (space allocated but never written: the run crashed or lost power); read 2 records");
    }

    @Test
    void aRecordCutOffBeforeTheNulBytesIsCountedWithThem() throws Exception {
        for (long minPart : new long[] {4L << 20, 64}) {
            TrainingLog log = loadWithNulTail(
                    "[\n" + TRAIN_10 + ",\n" + TRAIN_20 + ",\n" + EVAL_20.substring(0, 30), 100, minPart, 16);
            assertThat(log.recordCount()).isEqualTo(2);
            assertThat(log.warnings())
                    .singleElement()
                    .asString()
                    .endsWith(": ignored the last 132 bytes, a record cut"
                            + " off mid-write and then 100 NUL bytes (space allocated but never written: the run crashed or"
                            + " lost power); read 2 records");
        }
    }

    @Test
    void aClosedLogFollowedByNulBytesKeepsEveryRecord() throws Exception {
        TrainingLog log = loadWithNulTail("[\n" + TRAIN_10 + ",\n" + EVAL_20 + "\n]\n", 7, 4L << 20, 1 << 20);
        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.warnings()).singleElement().asString().contains("ignored the last 7 bytes, all NUL");
    }

    @Test
    void aFileOfNothingButNulBytesIsBadInput() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.write(file, new byte[8192]);
        assertThatThrownBy(() -> TrainingLogs.load(file))
                .isInstanceOf(LogReadException.class)
                .hasMessage(file + ": holds only NUL bytes (8192): nothing was written to it");
    }

    @Test
    void logCutInsideANanTokenIsACutNotAnError() throws Exception {
        TrainingLog log = load("[\n" + TRAIN_10 + ",\n{\"global_step\": 20, \"loss\": Na");
        assertThat(log.recordCount()).isEqualTo(1);
        assertThat(log.warnings()).hasSize(1);
    }

    @Test
    void trailingCommaBeforeTheBracketIsAccepted() throws Exception {
        TrainingLog log = load("[\n" + TRAIN_10 + ",\n" + TRAIN_20 + ",\n]");
        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void pythonNonNumericTokensIntegersAndExponentsParse() throws Exception {
        TrainingLog log =
                load("[{\"global_step\": 1, \"loss\": NaN, \"grad_norm\": Infinity, \"learning_rate\": 1e-05},"
                        + "{\"global_step\": 2, \"loss\": 3, \"grad_norm\": -Infinity, \"learning_rate\": 2E+2}]");
        Series loss = log.series("loss");
        assertThat(loss.value(0)).isNaN();
        assertThat(loss.value(1)).isEqualTo(3.0);
        assertThat(log.series("grad_norm").values())
                .containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(log.series("learning_rate").values()).containsExactly(1e-05, 200.0);
    }

    @Test
    void unknownNumericKeysAreKeptAndOtherValuesSkipped() throws Exception {
        TrainingLog log = load(
                "[{\"global_step\": 5, \"loss\": 1.0, \"tokens_per_second\": 51234.5, \"note\": \"hi\","
                        + " \"flag\": true, \"nothing\": null, \"nested\": {\"a\": [1, 2, {\"b\": 3}]}, \"peak_mem_gb\": 11.6}]");
        assertThat(log.metricNames()).containsExactly("loss", "tokens_per_second", "peak_mem_gb");
        assertThat(log.series("tokens_per_second").values()).containsExactly(51234.5);
        assertThat(log.record(0).get("peak_mem_gb")).hasValue(11.6);
        assertThat(log.record(0).get("note")).isEmpty();
        assertThat(log.warnings())
                .containsExactly(dir.resolve("trainer_logs.json")
                        + ": 3 values that are not numbers were ignored; read 1 records");
    }

    /** The trainer's shape, so the fast scanner reads it; the same log split into parts through a tiny buffer; and Jackson. */
    private static final String WRONG_TYPES = "[\n"
            + "{\"global_step\": 10, \"loss\": \"2.5\", \"grad_norm\": 1.5},\n"
            + "{\"global_step\": 20, \"loss\": 2.0, \"learning_rate\": false, \"epoch\": \"one\"},\n"
            + "{\"global_step\": 30, \"loss\": 1.5, \"note\": null},\n"
            + "{\"global_step\": 1e30, \"loss\": 1.25},\n"
            + "{\"global_step\": 123456789012345678901234567890, \"loss\": 1.0},\n"
            + "{\"global_step\": 40.0, \"loss\": 0.5, \"eval\": {\"loss\": 1}}\n"
            + "]\n";

    @Test
    void valuesOfTheWrongTypeAndStepsBeyondALongAreCountedNeverDroppedSilently() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(file, WRONG_TYPES);
        String expected = file + ": 6 values that are not numbers were ignored; read 6 records";
        for (ForgatherJsonReader reader :
                new ForgatherJsonReader[] {new ForgatherJsonReader(), new ForgatherJsonReader(40, 7)}) {
            TrainingLogBuilder builder = new TrainingLogBuilder();
            reader.read(file, builder);
            TrainingLog log = builder.build(file, RunName.of("run"), LogFormat.FORGATHER);
            assertThat(log.warnings()).containsExactly(expected);
            // 1e30 and the 30-digit step are not clamped to Long.MAX_VALUE: those records keep step 30.
            assertThat(log.series("loss").steps()).containsExactly(20, 30, 30, 30, 40);
            assertThat(log.series("grad_norm").steps()).containsExactly(10);
            assertThat(log.series("loss").values()).containsExactly(2.0, 1.5, 1.25, 1.0, 0.5);
            assertThat(log.series("grad_norm").values()).containsExactly(1.5);
            assertThat(log.metricNames()).doesNotContain("learning_rate", "note", "eval");
        }
        TrainingLogBuilder jackson = new TrainingLogBuilder();
        ForgatherJsonReader.readWithJackson(file, Files.size(file), jackson);
        assertThat(jackson.build(file, RunName.of("run"), LogFormat.FORGATHER).warnings())
                .containsExactly(expected);
    }

    @Test
    void theFastScannerCountsStringsAndBooleansAsJacksonDoes() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(
                file, String.join("\n", WRONG_TYPES.lines().limit(4).toList()).replaceAll(",$", "") + "\n]\n");
        String expected = file + ": 3 values that are not numbers were ignored; read 3 records";
        TrainingLogBuilder fast = new TrainingLogBuilder();
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            assertThat(new ForgatherJsonReader(16, 5).scanFast(file, channel, Files.size(file), fast))
                    .as("read by the scanner, in parts")
                    .isTrue();
        }
        assertThat(fast.build(file, RunName.of("run"), LogFormat.FORGATHER).warnings())
                .containsExactly(expected);
        TrainingLogBuilder jackson = new TrainingLogBuilder();
        ForgatherJsonReader.readWithJackson(file, Files.size(file), jackson);
        assertThat(jackson.build(file, RunName.of("run"), LogFormat.FORGATHER).warnings())
                .containsExactly(expected);
    }

    @Test
    void wrongTypesAreNamedInTheSameLineAsACutOffTail() throws Exception {
        TrainingLog log = load("[\n{\"global_step\": 10, \"loss\": true},\n{\"global_step\": 20, \"lo");
        assertThat(log.warnings())
                .containsExactly(dir.resolve("trainer_logs.json") + ": ignored the last 25 bytes,"
                        + " a record cut off mid-write (the run is still writing or was stopped);"
                        + " 1 value that is not a number was ignored; read 1 records");
    }

    @Test
    void stepsGoingBackwardsAfterAResumeAreKeptInFileOrder() throws Exception {
        TrainingLog log = load("[{\"global_step\": 10, \"loss\": 3.0}, {\"global_step\": 20, \"loss\": 2.0},"
                + " {\"global_step\": 15, \"loss\": 2.5}, {\"global_step\": 20, \"loss\": 1.9}]");
        assertThat(log.series("loss").steps()).containsExactly(10, 20, 15, 20);
        assertThat(log.series("loss").values()).containsExactly(3.0, 2.0, 2.5, 1.9);
    }

    @Test
    void anEvaluationWrittenTwiceCountsOnceButStaysInTheRecords() throws Exception {
        TrainingLog log = load("[\n" + TRAIN_20 + ",\n" + EVAL_20 + ",\n" + EVAL_20_AGAIN + "\n]");
        assertThat(log.recordCount()).isEqualTo(3);
        assertThat(log.kind(2)).isEqualTo(RecordKind.REPEATED_EVALUATION);
        assertThat(log.series("eval_loss").size()).isEqualTo(1);
        assertThat(log.record(2).get("eval_loss")).hasValue(2.2);
    }

    @Test
    void twoDifferentEvaluationsAtOneStepAreBothKept() throws Exception {
        TrainingLog log = load("[" + EVAL_20 + ", {\"global_step\": 20, \"eval_loss\": 2.3}]");
        assertThat(log.series("eval_loss").values()).containsExactly(2.2, 2.3);
    }

    @Test
    void aRecordWithoutAStepInheritsThePreviousOne() throws Exception {
        TrainingLog log = load("[{\"global_step\": 7, \"loss\": 1.0}, {\"train_runtime\": 12.5}]");
        assertThat(log.record(1).step()).isEqualTo(7);
        assertThat(log.finalRecord())
                .hasValueSatisfying(r -> assertThat(r.get("train_runtime")).hasValue(12.5));
    }

    @Test
    void emptyArrayIsAValidLogWithNoRecords() throws Exception {
        TrainingLog log = load("[]");
        assertThat(log.recordCount()).isZero();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void emptyFileIsBadInput() {
        assertThatThrownBy(() -> load("")).isInstanceOf(LogReadException.class).hasMessageEndingWith(": empty file");
    }

    @Test
    void whitespaceOnlyFileIsBadInput() {
        assertThatThrownBy(() -> load("  \n"))
                .isInstanceOf(LogReadException.class)
                .hasMessageEndingWith(": empty file");
    }

    @Test
    void anObjectIsNotAJsonArray() {
        assertThatThrownBy(() -> load("{\"loss\": 1}"))
                .isInstanceOf(LogReadException.class)
                .hasMessageEndingWith("trainer_logs.json: line 1, column 1: not a JSON array");
    }

    @Test
    void garbageInTheMiddleIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> load("[\n" + TRAIN_10 + ",\n{\"loss\": @},\n" + TRAIN_20 + "\n]"))
                .isInstanceOf(LogReadException.class)
                .hasMessageContaining("trainer_logs.json: line 3, column 10: unexpected character '@'");
    }

    @Test
    void aNumberWhereARecordBelongsIsReported() {
        assertThatThrownBy(() -> load("[\n" + TRAIN_10 + ",\n42,\n" + TRAIN_20 + "]"))
                .isInstanceOf(LogReadException.class)
                .hasMessageEndingWith("line 3, column 1: expected a record ({...}), found a number");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> TrainingLogs.load(dir.resolve("nope/trainer_logs.json")))
                .isInstanceOf(LogReadException.class)
                .hasMessageEndingWith("nope/trainer_logs.json: no such file");
    }

    @Test
    void runDirectoryWithoutALogIsReported() {
        assertThatThrownBy(() -> TrainingLogs.load(dir))
                .isInstanceOf(LogReadException.class)
                .hasMessageEndingWith(": no trainer_logs.json in this run directory");
    }

    @Test
    void directoryNamedLikeTheLogIsReported() throws IOException {
        Files.createDirectory(dir.resolve("trainer_logs.json"));
        assertThatThrownBy(() -> TrainingLogs.load(dir))
                .isInstanceOf(LogReadException.class)
                .hasMessageEndingWith("trainer_logs.json: is a directory, not a log file");
    }

    @Test
    void textAfterTheClosingBracketIsIgnoredWithANote() throws Exception {
        TrainingLog log = load("[" + TRAIN_10 + "]\n[" + TRAIN_20);
        assertThat(log.recordCount()).isEqualTo(1);
        assertThat(log.warnings()).singleElement().asString().contains("after the closing ']'");
    }

    @Test
    void sampleRunReadsEveryRecordWithRepeatedEvaluationsMarked() throws Exception {
        TrainingLog log = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        // 150 training records (every 10 steps to 1500), 6 evaluations each written twice, 1 final record.
        assertThat(log.recordCount()).isEqualTo(150 + 12 + 1);
        assertThat(log.series("loss").size()).isEqualTo(150);
        assertThat(log.series("eval_loss").size()).isEqualTo(6);
        assertThat(log.series("eval_loss", RecordKind.REPEATED_EVALUATION).size())
                .isEqualTo(6);
        assertThat(log.runName()).isEqualTo("adamw_lr1e-3");
        assertThat(log.modelName()).hasValue("tiny_gpt");
        assertThat(log.format()).isEqualTo(LogFormat.FORGATHER);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void aNestedValueAfterSomeRecordsIsReadOnceByTheGeneralPath() throws Exception {
        // The fast scanner reads three records, meets a nested object it does not handle, and
        // hands the file to Jackson: the records it had read must not be counted twice.
        TrainingLog log = load("[\n" + TRAIN_10 + ",\n" + TRAIN_20 + ",\n" + EVAL_20 + ",\n"
                + "{\"global_step\": 30, \"loss\": 1.5, \"extra\": {\"a\": [1, 2]}}\n]");
        assertThat(log.recordCount()).isEqualTo(4);
        assertThat(log.series("loss").values()).containsExactly(2.5, 2.0, 1.5);
        assertThat(log.series("loss").steps()).containsExactly(10, 20, 30);
    }
}
