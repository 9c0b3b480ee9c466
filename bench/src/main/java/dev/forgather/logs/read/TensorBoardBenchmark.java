package dev.forgather.logs.read;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.bench.LauncherSettings;
import dev.forgather.logs.bench.Throughput;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>The file is made on first use into {@code bench/target/bench-data} by {@link TensorBoardEvents}
 * (fixed seed; about 55 bytes an event), written under another name and moved, like the JSON logs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class TensorBoardBenchmark extends LauncherSettings {
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
        TensorBoardEvents.write(steps, folder);
        return folder;
    }
}
