package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Damaged logs — flipped, deleted, inserted bytes, a cut — give either the records that survive
 * with at most one note, or one clear line naming the file: never another exception, never a hang.
 */
class CorruptedLogPropertiesTest {
    private static final byte[] SAMPLE;

    static {
        try {
            SAMPLE = Files.readAllBytes(Samples.log("adamw_lr3e-3"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 300)
    void damageGivesRecordsAndOneNoteOrOneErrorLine(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        byte[] damaged = damage(SAMPLE, random);
        Path dir = Files.createTempDirectory("damaged");
        Path file = dir.resolve("trainer_logs.json");
        try {
            Files.write(file, damaged);
            try {
                TrainingLog log = TrainingLogs.load(file);
                assertThat(log.warnings()).hasSizeLessThanOrEqualTo(1);
                assertThat(log.recordCount()).isLessThanOrEqualTo(163 + 5);
            } catch (LogReadException e) {
                assertThat(e.getMessage()).startsWith(file.toString() + ": ").doesNotContain("\n");
                assertThat(e.problem()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    private static byte[] damage(byte[] original, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int edits = 1 + random.nextInt(4);
        byte[] bytes = original.clone();
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(bytes.length);
            out.reset();
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> {
                    out.write(bytes, 0, at);
                    int skip = Math.min(bytes.length - at, 1 + random.nextInt(40));
                    out.write(bytes, at + skip, bytes.length - at - skip);
                    bytes = out.toByteArray();
                }
                case 2 -> {
                    out.write(bytes, 0, at);
                    byte[] junk = new byte[1 + random.nextInt(8)];
                    random.nextBytes(junk);
                    out.writeBytes(junk);
                    out.write(bytes, at, bytes.length - at);
                    bytes = out.toByteArray();
                }
                default -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
            }
            if (bytes.length == 0) {
                bytes = new byte[] {'['};
            }
        }
        return bytes;
    }
}
