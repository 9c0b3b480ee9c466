package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLogBuilder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written scanner is the fast path; Jackson is the reference. On generated logs — odd
 * numbers, strings with escapes, unknown keys, cut anywhere, split into many parts read in
 * parallel through tiny buffers — both read the same records and give the same warning, or the
 * same error word for word. {@link ForgatherLogFuzzTest} checks the same on any bytes.
 */
class ScannerMatchesJacksonTest {
    private static final String[] KEYS = {
        "global_step",
        "epoch",
        "timestamp",
        "loss",
        "grad_norm",
        "learning_rate",
        "eval_loss",
        "train_runtime",
        "tokens_per_second",
        "ünïcode_key"
    };
    private static final String[] NUMBERS = {
        "0",
        "-0.0",
        "3",
        "1e-05",
        "2E+2",
        "1.5e3",
        "NaN",
        "Infinity",
        "-Infinity",
        "0.015444015444015444",
        "5.198809432983398",
        "1795564396.738108",
        "123456789012345678901234567890",
        "1.0000000000000002",
        "4.9e-324",
        "1.7976931348623157e308",
        "0.1",
        "-12.75",
        "8.999999999999999e-05",
        "100000000000000000000000",
        "2.2250738585072014e-308",
        "9007199254740993"
    };
    private static final String[] OTHERS = {
        "\"text\"", "\"with \\\"quotes\\\" and \\\\ and \\u00e9\"", "true", "false", "null", "\"\""
    };

    /** A global_step that is not a plain integer of up to 18 digits: the scanner leaves it to Jackson. */
    private static final java.util.regex.Pattern ODD_STEP =
            java.util.regex.Pattern.compile("\"global_step\": (?!-?(0|[1-9]\\d{0,17})[,}\\s])");

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scannerReadsWhatJacksonReads(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] bytes = randomLog(random).getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(3) == 0 && bytes.length > 2) {
            bytes = Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1));
        }
        int parts = 1 + random.nextInt(6);
        int buffer = 1 + random.nextInt(300);
        Path dir = Files.createTempDirectory("scanner");
        Path file = dir.resolve("trainer_logs.json");
        try {
            Files.write(file, bytes);
            long records = ReadInvariant.count(bytes, '{');
            String expected = ForgatherLogFuzzTest.describe(
                    file,
                    () -> {
                        TrainingLogBuilder b = new TrainingLogBuilder();
                        ForgatherJsonReader.readWithJackson(file, Files.size(file), b);
                        return b;
                    },
                    records);
            long minPart = Math.max(1, bytes.length / parts);
            String actual = ForgatherLogFuzzTest.describe(
                    file,
                    () -> {
                        TrainingLogBuilder b = new TrainingLogBuilder();
                        new ForgatherJsonReader(minPart, buffer).read(file, b);
                        return b;
                    },
                    records);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(actual).as(text).isEqualTo(expected);
            if (!expected.startsWith("error: ") && !ODD_STEP.matcher(text).find()) {
                // Logs of the trainer's shape must take the fast path, not fall back to Jackson.
                try (FileChannel channel = FileChannel.open(file)) {
                    assertThat(new ForgatherJsonReader(minPart, buffer)
                                    .scanFast(file, channel, bytes.length, new TrainingLogBuilder()))
                            .as("scanned fast: %s", text)
                            .isTrue();
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    private static String randomLog(Random random) {
        List<String> records = new ArrayList<>();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            List<String> fields = new ArrayList<>();
            int k = random.nextInt(7);
            for (int j = 0; j < k; j++) {
                String key = KEYS[random.nextInt(KEYS.length)];
                String value = random.nextInt(6) == 0
                        ? OTHERS[random.nextInt(OTHERS.length)]
                        : key.equals("global_step") && random.nextBoolean()
                                ? Integer.toString(random.nextInt(100000))
                                : NUMBERS[random.nextInt(NUMBERS.length)];
                fields.add("\"" + key + "\": " + value);
            }
            String space = random.nextInt(5) == 0 ? " \t" : "";
            records.add("{" + space + String.join("," + space + " ", fields) + space + "}");
        }
        String separator = random.nextInt(4) == 0 ? " , " : ",\n";
        String body = String.join(separator, records);
        String end = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> ",\n";
            case 2 -> "\n]";
            default -> (records.isEmpty() ? "" : ",") + "\n]\n";
        };
        return (random.nextBoolean() ? "[\n" : " [") + body + end;
    }
}
