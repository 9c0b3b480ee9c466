package dev.forgather.logs.read;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.bench.LauncherSettings;
import dev.forgather.logs.bench.Throughput;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading a TensorBoard event file as PyTorch's {@code SummaryWriter} writes one: an event per
 * scalar ({@code simple_value}), here {@code train/loss}, {@code train/grad_norm} and
 * {@code train/learning_rate} at every step, framed as TFRecords with their masked CRC-32C. Issue
 * 14's target is 300 MB/s per core, warm; the {@code :megabytes} row is MB/s of the file.
 * {@code readerOnly} is {@link TensorBoardReader#read} into a builder, {@code load} the whole
 * {@link TrainingLogs#load} of the run folder that the CLI calls.
 *
 * <p>The file is made on first use into {@code bench/target/bench-data} (fixed seed; about 55 bytes
 * an event), written under another name and moved, like the JSON logs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class TensorBoardBenchmark extends LauncherSettings {
    private static final String[] TAGS = {"train/loss", "train/grad_norm", "train/learning_rate"};

    @Param({"100000", "1000000"})
    public int steps;

    private Path folder;
    private long size;

    @Setup(Level.Trial)
    public void makeEvents() throws IOException {
        folder = eventFolder(steps);
        try (var files = Files.list(folder)) {
            size = files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Benchmark
    public TrainingLogBuilder readerOnly(Throughput count) throws LogReadException {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        new TensorBoardReader().read(folder, builder);
        count.add(builder.recordCount(), size);
        return builder;
    }

    @Benchmark
    public TrainingLog load(Throughput count) throws LogReadException {
        TrainingLog log = TrainingLogs.load(folder);
        count.add(log.recordCount(), size);
        return log;
    }

    /** The run folder holding the event file of {@code steps} steps, made now unless it is on disk. */
    static Path eventFolder(int steps) throws IOException {
        String configured = System.getProperty("bench.data");
        Path data = configured != null
                ? Path.of(configured)
                : (Files.isDirectory(Path.of("bench", "src")) ? Path.of("bench") : Path.of("."))
                        .resolve("target")
                        .resolve("bench-data")
                        .toAbsolutePath()
                        .normalize();
        Path folder = data.resolve("tensorboard_" + steps);
        Path file = folder.resolve("events.out.tfevents.1700000000.bench.1.0");
        if (Files.isRegularFile(file)) {
            return folder;
        }
        Files.createDirectories(folder);
        Path partial = data.resolve(file.getFileName() + "." + steps + ".partial");
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
        return folder;
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
