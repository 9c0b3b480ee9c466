package dev.forgather.logs.read;

import dev.forgather.logs.read.tensorboard.Event;
import dev.forgather.logs.read.tensorboard.Summary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Writes a TensorBoard event file as PyTorch's {@code SummaryWriter} writes one: a file-version
 * event, then an event per scalar ({@code simple_value}), {@code train/loss},
 * {@code train/grad_norm} and {@code train/learning_rate} at every step, framed as TFRecords with
 * their masked CRC-32C; fixed seed, about 55 bytes an event. {@link TensorBoardBenchmark}'s input,
 * and, from the command line, a big file for timing a cold summary outside the repository:
 * {@code java -cp bench/target/benchmarks.jar dev.forgather.logs.read.TensorBoardEvents 6120000
 * /tmp/tb1g} (6.12 million steps, about 1 GB).
 */
public final class TensorBoardEvents {
    private static final String[] TAGS = {"train/loss", "train/grad_norm", "train/learning_rate"};

    /** The event file's name in its run folder. */
    static final String FILE_NAME = "events.out.tfevents.1700000000.bench.1.0";

    private TensorBoardEvents() {}

    /** {@code <steps> <folder>}: writes the run folder's event file unless it is there. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TensorBoardEvents <steps> <folder>");
            System.exit(2);
        }
        Path file = write(Integer.parseInt(args[0]), Path.of(args[1]));
        System.out.println(file + ": " + Files.size(file) + " bytes");
    }

    /**
     * The event file of {@code steps} steps in {@code folder}, written now (under another name,
     * then moved) unless it is already there.
     */
    static Path write(int steps, Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(folder);
        Path partial = folder.resolveSibling(file.getFileName() + "." + steps + ".partial");
        SplittableRandom random = new SplittableRandom(7);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            write(
                    out,
                    Event.newBuilder()
                            .setWallTime(1.7e9)
                            .setFileVersion("brain.Event:2")
                            .build());
            double loss = 4;
            for (int step = 1; step <= steps; step++) {
                loss = Math.max(1.3, loss * 0.99999 + (random.nextDouble() - 0.5) * 0.01);
                float[] values = {(float) loss, (float) (0.3 + random.nextDouble() * 0.2), (float) (3e-4 * step / steps)
                };
                for (int t = 0; t < TAGS.length; t++) {
                    write(
                            out,
                            Event.newBuilder()
                                    .setStep(step)
                                    .setWallTime(1.7e9 + step * 0.25)
                                    .setSummary(Summary.newBuilder()
                                            .addValue(Summary.Value.newBuilder()
                                                    .setTag(TAGS[t])
                                                    .setSimpleValue(values[t])))
                                    .build());
                }
            }
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** One TFRecord: length, its masked CRC, the event, its masked CRC (little-endian). */
    private static void write(OutputStream out, Event event) throws IOException {
        byte[] data = event.toByteArray();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        header.putInt(masked(header.array(), 0, 8));
        out.write(header.array());
        out.write(data);
        out.write(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(masked(data, 0, data.length))
                .array());
    }

    private static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return Integer.rotateRight((int) crc.getValue(), 15) + 0xa282ead8;
    }
}
