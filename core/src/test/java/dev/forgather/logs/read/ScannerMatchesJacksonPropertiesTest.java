package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The hand-written scanner is the fast path; Jackson is the reference. On any log — odd numbers,
 * strings with escapes, unknown keys, cut anywhere, split into many parts read in parallel through
 * tiny buffers — both must read the same records and give the same notes.
 */
class ScannerMatchesJacksonPropertiesTest {
    private static final String[] KEYS = {"global_step", "epoch", "timestamp", "loss", "grad_norm", "learning_rate",
        "eval_loss", "train_runtime", "tokens_per_second", "ünïcode_key"};
    private static final String[] NUMBERS = {"0", "-0.0", "3", "1e-05", "2E+2", "1.5e3", "NaN", "Infinity", "-Infinity",
        "0.015444015444015444", "5.198809432983398", "1795564396.738108", "123456789012345678901234567890",
        "1.0000000000000002", "4.9e-324", "1.7976931348623157e308", "0.1", "-12.75", "8.999999999999999e-05",
        "100000000000000000000000", "2.2250738585072014e-308", "9007199254740993"};
    private static final String[] OTHERS = {"\"text\"", "\"with \\\"quotes\\\" and \\\\ and \\u00e9\"", "true", "false",
        "null", "\"\""};

    @Property(tries = 400)
    void scannerReadsWhatJacksonReads(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 6) int parts,
            @ForAll @IntRange(min = 1, max = 300) int buffer) throws Exception {
        Random random = new Random(seed);
        String log = randomLog(random);
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(3) == 0 && bytes.length > 2) {
            bytes = java.util.Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1));
        }
        Path file = Files.createTempFile("scanner", ".json");
        try {
            Files.write(file, bytes);
            String expected = describe(file, () -> {
                TrainingLogBuilder b = new TrainingLogBuilder();
                ForgatherJsonReader.readWithJackson(file, Files.size(file), b);
                return b;
            });
            long minPart = Math.max(1, bytes.length / parts);
            String actual = describe(file, () -> {
                TrainingLogBuilder b = new TrainingLogBuilder();
                new ForgatherJsonReader(minPart, buffer).read(file, b);
                return b;
            });
            assertThat(actual).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
            if (!expected.equals("error")) {
                // Logs of the trainer's shape must take the fast path, not fall back to Jackson.
                try (FileChannel channel = FileChannel.open(file)) {
                    assertThat(new ForgatherJsonReader(minPart, buffer)
                            .scanFast(file, channel, bytes.length, new TrainingLogBuilder()))
                            .as("scanned fast: %s", new String(bytes, StandardCharsets.UTF_8)).isTrue();
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    private interface Read {
        TrainingLogBuilder run() throws Exception;
    }

    /** Every record, kind, axis and value (bit for bit), then the notes; or the error. */
    private static String describe(Path file, Read read) throws Exception {
        TrainingLogBuilder builder;
        try {
            builder = read.run();
        } catch (LogReadException e) {
            return "error";
        }
        TrainingLog log = builder.build(file, RunName.of("run"), LogFormat.FORGATHER);
        StringBuilder sb = new StringBuilder();
        for (Record r : log.records()) {
            sb.append(r.kind()).append(' ').append(r.step()).append(' ').append(bits(r.epoch())).append(' ')
                    .append(bits(r.timestamp()));
            for (String key : r.keys()) {
                sb.append(' ').append(key).append('=').append(bits(r.get(key).getAsDouble()));
            }
            sb.append('\n');
        }
        sb.append(log.warnings());
        return sb.toString();
    }

    private static String bits(double v) {
        return Double.isNaN(v) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(v));
    }

    private static String randomLog(Random random) {
        List<String> records = new ArrayList<>();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            List<String> fields = new ArrayList<>();
            int k = random.nextInt(7);
            for (int j = 0; j < k; j++) {
                String key = KEYS[random.nextInt(KEYS.length)];
                String value = random.nextInt(6) == 0 ? OTHERS[random.nextInt(OTHERS.length)]
                        : key.equals("global_step") && random.nextBoolean() ? Integer.toString(random.nextInt(100000))
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
