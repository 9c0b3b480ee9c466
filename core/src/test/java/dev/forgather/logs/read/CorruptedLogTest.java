package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.TrainingLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damage inside records — flipped bits, deleted bytes, inserted junk, on a few lines of a real log —
 * costs at most the damaged records: every record on an undamaged line is read exactly as in the
 * original, in its place; or the log is refused with one line that points at a damaged line.
 */
class CorruptedLogTest {
    private static final Pattern LINE = Pattern.compile(": line (\\d+), column \\d+: ");

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void damageCostsAtMostTheDamagedRecords(long seed) throws Exception {
        Path sample = Samples.log("adamw_lr3e-3");
        TrainingLog original = TrainingLogs.load(sample);
        List<String> lines =
                new ArrayList<>(Arrays.asList(Files.readString(sample).split("\n", -1)));
        Random random = new Random(seed);
        // Records are on lines 2 .. n+1 (line 1 is '['); damage 1 to 4 of them.
        TreeSet<Integer> damaged = new TreeSet<>();
        int edits = 1 + random.nextInt(4);
        while (damaged.size() < edits) {
            damaged.add(2 + random.nextInt(original.recordCount()));
        }
        for (int line : damaged) {
            lines.set(line - 1, damage(lines.get(line - 1), random));
        }
        Path dir = Files.createTempDirectory("damaged");
        Path file = dir.resolve("trainer_logs.json");
        try {
            Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1));
            Optional<TrainingLog> read =
                    ReadInvariant.check(() -> TrainingLogs.load(file), dir, original.recordCount());
            if (read.isEmpty()) {
                LogReadException refused = refusal(file);
                Matcher m = LINE.matcher(refused.getMessage());
                assertThat(m.find())
                        .as("names a line: %s", refused.getMessage())
                        .isTrue();
                int line = Integer.parseInt(m.group(1));
                assertThat(damaged)
                        .as("%s points at a damaged line", refused.getMessage())
                        .anyMatch(d -> line == d || line == d + 1);
                return;
            }
            TrainingLog log = read.get();
            assertThat(log.recordCount()).isEqualTo(original.recordCount());
            for (int i = 0; i < original.recordCount(); i++) {
                if (!damaged.contains(i + 2)) {
                    assertThat(values(log.record(i))).as("record %d", i).isEqualTo(values(original.record(i)));
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    private static LogReadException refusal(Path file) {
        try {
            TrainingLogs.load(file);
        } catch (LogReadException e) {
            return e;
        }
        throw new AssertionError("loaded the second time");
    }

    /** A record's step, axes and values, bit for bit (its kind depends on the record before it). */
    private static String values(Record r) {
        StringBuilder sb = new StringBuilder()
                .append(r.step())
                .append(' ')
                .append(r.epoch().orElse(Double.NaN))
                .append(' ')
                .append(r.timestamp().orElse(Double.NaN));
        for (String key : r.keys()) {
            sb.append(' ')
                    .append(key)
                    .append('=')
                    .append(Double.doubleToRawLongBits(r.get(key).getAsDouble()));
        }
        return sb.toString();
    }

    /**
     * One line with one to three edits inside it, none touching its record's braces or the
     * separators between records: bits flipped, bytes deleted, junk inserted (any bytes but
     * braces, brackets and line ends).
     */
    private static String damage(String line, Random random) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int end = bytes.length - (bytes[bytes.length - 1] == ',' ? 2 : 1); // just before '}'
            if (end <= 1) {
                break;
            }
            int at = 1 + random.nextInt(end - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (random.nextInt(3)) {
                case 0 -> {
                    byte flipped;
                    do {
                        flipped = (byte) (bytes[at] ^ (1 << random.nextInt(8)));
                    } while (isStructural(flipped));
                    bytes[at] = flipped;
                }
                case 1 -> {
                    int skip = Math.min(end - at, 1 + random.nextInt(20));
                    out.write(bytes, 0, at);
                    out.write(bytes, at + skip, bytes.length - at - skip);
                    bytes = out.toByteArray();
                }
                default -> {
                    out.write(bytes, 0, at);
                    for (int j = 1 + random.nextInt(8); j > 0; j--) {
                        byte b;
                        do {
                            b = (byte) random.nextInt(256);
                        } while (isStructural(b));
                        out.write(b);
                    }
                    out.write(bytes, at, bytes.length - at);
                    bytes = out.toByteArray();
                }
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static boolean isStructural(byte b) {
        return b == '{' || b == '}' || b == '[' || b == ']' || b == '\n' || b == '\r';
    }
}
