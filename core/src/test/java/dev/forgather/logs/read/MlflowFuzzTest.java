package dev.forgather.logs.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the MLflow reader. The input is a run's files joined by NUL bytes: {@code meta.yaml},
 * then the metric files {@code loss}, {@code eval_loss}, {@code epoch} and
 * {@code train/tokens_per_second}. Seeded with the MLflow run in the test resources.
 */
class MlflowFuzzTest {
    private static final FuzzFiles FILES = new FuzzFiles("mlflow-fuzz");
    private static final String[] PARTS = {
        "meta.yaml", "metrics/loss", "metrics/eval_loss", "metrics/epoch", "metrics/train/tokens_per_second"
    };

    static Stream<Arguments> realRun() {
        Path run = SampleFiles.mlflowRun();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < PARTS.length; i++) {
            if (i > 0) {
                joined.write(0);
            }
            try {
                joined.writeBytes(Files.readAllBytes(run.resolve(PARTS[i])));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stream.of(Arguments.of(Named.of("mlruns fixture", joined.toByteArray())));
    }

    /** A record needs a metric line: records are at most the lines of the metric files. */
    @MethodSource("realRun")
    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveRecordsOrOneLine(byte[] data) throws IOException {
        Path run = FILES.dir().resolve("mlruns/1/run");
        clear(run);
        List<byte[]> parts = split(data);
        long lines = 0;
        for (int i = 0; i < Math.min(parts.size(), PARTS.length); i++) {
            FILES.write("mlruns/1/run/" + PARTS[i], parts.get(i));
            if (i > 0) {
                lines += ReadInvariant.count(parts.get(i), '\n') + ReadInvariant.count(parts.get(i), '\r') + 1;
            }
        }
        Files.createDirectories(run.resolve("metrics"));
        ReadInvariant.load(run, FILES.dir(), lines);
    }

    private static List<byte[]> split(byte[] data) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == 0) {
                parts.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static void clear(Path run) throws IOException {
        if (!Files.exists(run)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(run)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
