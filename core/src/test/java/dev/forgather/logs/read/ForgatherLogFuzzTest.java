package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the Forgather reader: the fast byte scanner, split into parts read in parallel through
 * small buffers, and Jackson, the reference that words every error. Seeded with every real
 * {@code trainer_logs.json}; {@code JAZZER_FUZZ=1} fuzzes for real (docs/fuzzing.md).
 */
class ForgatherLogFuzzTest {
    private static final FuzzFiles FILES = new FuzzFiles("forgather-fuzz");

    static Stream<Arguments> realLogs() {
        return FuzzSeeds.files(name -> name.equals(ForgatherJsonReader.FILE_NAME));
    }

    /** Any bytes named {@code trainer_logs.json}, loaded as the command line loads them. */
    @MethodSource("realLogs")
    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveRecordsOrOneLine(byte[] data) {
        Path file = FILES.write(ForgatherJsonReader.FILE_NAME, data);
        ReadInvariant.load(file, FILES.dir(), ReadInvariant.count(data, '{'));
    }

    /**
     * The scanner reads exactly what Jackson reads: the same records, kinds, axes and values bit
     * for bit, the same warning, or the same error. The input's length picks how many parts and
     * how small a buffer the scanner uses, so the fuzzer explores part and buffer boundaries too.
     */
    @MethodSource("realLogs")
    @FuzzTest(maxDuration = "10m")
    void scannerReadsWhatJacksonReads(byte[] data) throws Exception {
        Path file = FILES.write(ForgatherJsonReader.FILE_NAME, data);
        long records = ReadInvariant.count(data, '{');
        String expected = describe(
                file,
                () -> {
                    TrainingLogBuilder builder = new TrainingLogBuilder();
                    ForgatherJsonReader.readWithJackson(file, Files.size(file), builder);
                    return builder;
                },
                records);
        String whole = describe(
                file,
                () -> {
                    TrainingLogBuilder builder = new TrainingLogBuilder();
                    new ForgatherJsonReader().read(file, builder);
                    return builder;
                },
                records);
        assertThat(whole).as("one part").isEqualTo(expected);
        int parts = 1 + data.length % 6;
        int buffer = 1 + data.length / 6 % 300;
        long minPart = Math.max(1, data.length / parts);
        String split = describe(
                file,
                () -> {
                    TrainingLogBuilder builder = new TrainingLogBuilder();
                    new ForgatherJsonReader(minPart, buffer, parts).read(file, builder);
                    return builder;
                },
                records);
        assertThat(split).as("%d parts, %d-byte buffer", parts, buffer).isEqualTo(expected);
    }

    interface Read {
        TrainingLogBuilder run() throws Exception;
    }

    /**
     * Every record, kind, axis and value (bit for bit), then the warnings; or the error's message.
     * The read is checked against {@link ReadInvariant} on the way.
     */
    static String describe(Path file, Read read, long maxRecords) {
        Callable<TrainingLog> load = () -> read.run().build(file, RunName.of("run"), LogFormat.FORGATHER);
        String[] error = new String[1];
        Optional<TrainingLog> log = ReadInvariant.check(
                () -> {
                    try {
                        return load.call();
                    } catch (LogReadException e) {
                        error[0] = e.getMessage();
                        throw e;
                    }
                },
                file.getParent(),
                maxRecords);
        return log.map(ForgatherLogFuzzTest::describe).orElse("error: " + error[0]);
    }

    static String describe(TrainingLog log) {
        return records(log) + log.warnings();
    }

    /** Every record, kind, axis and value, bit for bit, one line each. */
    static String records(TrainingLog log) {
        StringBuilder sb = new StringBuilder();
        for (Record r : log.records()) {
            sb.append(r.kind())
                    .append(' ')
                    .append(r.step())
                    .append(' ')
                    .append(bits(r.epoch().orElse(Double.NaN)))
                    .append(' ')
                    .append(bits(r.timestamp().orElse(Double.NaN)));
            for (String key : r.keys()) {
                sb.append(' ').append(key).append('=').append(bits(r.get(key).getAsDouble()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String bits(double v) {
        return Double.isNaN(v) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(v));
    }
}
