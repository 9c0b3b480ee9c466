package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.SummaryCalculator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A log cut at any byte, as a crash or a reader racing the trainer sees it, yields exactly the
 * statistics of the records that were complete before the cut, and never throws.
 */
class TruncatedLogTest {
    private static final byte[] SAMPLE = read(Samples.log("adamw_lr1e-3"));

    /** Cuts at both ends, around the first record, and 300 places picked with a fixed seed. */
    static IntStream cuts() {
        Random random = new Random(8);
        return IntStream.concat(
                IntStream.of(1, 2, 3, SAMPLE.length - 2, SAMPLE.length - 1, SAMPLE.length),
                random.ints(300, 1, SAMPLE.length + 1));
    }

    @ParameterizedTest(name = "cut at byte {0}")
    @MethodSource("cuts")
    void everyPrefixYieldsTheStatisticsOfItsCompleteRecords(int cut) throws Exception {
        int length = Math.min(cut, SAMPLE.length);
        byte[] prefix = Arrays.copyOf(SAMPLE, length);
        Path dir = Files.createTempDirectory("prefix");
        try {
            Path file = dir.resolve("trainer_logs.json");
            Files.write(file, prefix);
            TrainingLog log = TrainingLogs.load(file);

            List<String> complete = completeRecords(new String(prefix, StandardCharsets.UTF_8));
            Path expectedFile = dir.resolve("expected.json");
            Files.writeString(expectedFile, "[\n" + String.join(",\n", complete) + "\n]");
            TrainingLog expected = TrainingLogs.load(expectedFile);

            assertThat(log.recordCount()).isEqualTo(complete.size());
            assertThat(ForgatherLogFuzzTest.records(log))
                    .as("the complete records, as they were")
                    .isEqualTo(ForgatherLogFuzzTest.records(expected));
            SummaryStatistics actual = SummaryCalculator.summarize(log, "x");
            assertThat(actual)
                    .usingRecursiveComparison()
                    .ignoringFields("runName")
                    .isEqualTo(SummaryCalculator.summarize(expected, "x"));
            boolean whole = length == SAMPLE.length;
            assertThat(log.warnings()).hasSize(whole ? 0 : 1);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** The sample writes one record per line; a record is complete when its line ends with '}'. */
    private static List<String> completeRecords(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String record = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
            if (record.startsWith("{") && record.endsWith("}")) {
                out.add(record);
            }
        }
        return out;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
