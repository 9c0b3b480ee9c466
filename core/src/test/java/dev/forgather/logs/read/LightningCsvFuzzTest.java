package dev.forgather.logs.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fuzzes the Lightning {@code metrics.csv} reader, seeded with the real one. */
class LightningCsvFuzzTest {
    private static final FuzzFiles FILES = new FuzzFiles("lightning-fuzz");

    static Stream<Arguments> realMetrics() {
        return FuzzSeeds.files(name -> name.endsWith(".csv"));
    }

    /** A row needs a line of its own after the header: records are at most the line ends. */
    @MethodSource("realMetrics")
    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveRecordsOrOneLine(byte[] data) {
        Path file = FILES.write("tiny/version_0/" + LightningCsvReader.FILE_NAME, data);
        ReadInvariant.load(file, FILES.dir(), ReadInvariant.count(data, '\n') + ReadInvariant.count(data, '\r'));
    }
}
