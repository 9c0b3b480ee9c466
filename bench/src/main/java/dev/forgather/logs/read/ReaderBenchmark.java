package dev.forgather.logs.read;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.bench.BenchInputs;
import dev.forgather.logs.bench.LauncherSettings;
import dev.forgather.logs.bench.Throughput;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading a Forgather {@code trainer_logs.json} of 10k, 100k and 1M training steps (one training
 * record per step, an evaluation every 1000): the reader's two paths side by side, and the whole
 * {@link TrainingLogs#load} that the CLI calls. Lives in the reader's package to reach the
 * package-private Jackson path and the one-part reader.
 *
 * <p>Each operation reads the whole file from the page cache; the {@code :records} and
 * {@code :megabytes} rows are records/s and MB/s. The forks run with the launcher's collector
 * ({@code -XX:+UseSerialGC}), so the numbers are the CLI's, warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class ReaderBenchmark extends LauncherSettings {
    @Param({"10000", "100000", "1000000"})
    public int steps;

    private Path file;
    private long size;

    @Setup(Level.Trial)
    public void makeLog() throws IOException {
        file = BenchInputs.log(steps);
        size = Files.size(file);
        // The reader falls back to Jackson silently; a scanner benchmark that did so would lie.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!new ForgatherJsonReader().scanFast(file, channel, size, new TrainingLogBuilder())) {
                throw new IllegalStateException("the scanner does not accept " + file);
            }
        }
    }

    /*
     * Wrong, for this shape of file: Jackson's streaming parser makes a token, a field-name
     * lookup and a number parse per value, on one core; it reads every JSON, so it stays as the
     * fallback that words the errors.
     */
    @Benchmark
    public TrainingLogBuilder jackson(Throughput count) throws LogReadException {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        ForgatherJsonReader.readWithJackson(file, size, builder);
        count.add(builder.recordCount(), size);
        return builder;
    }

    /*
     * Half right: the hand-written scanner goes from bytes straight into primitive columns, but a
     * file read as one part keeps the second core idle.
     */
    @Benchmark
    public TrainingLogBuilder scannerOnePart(Throughput count) throws LogReadException {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        new ForgatherJsonReader(Long.MAX_VALUE, RecordScanner.BUFFER).read(file, builder);
        count.add(builder.recordCount(), size);
        return builder;
    }

    /*
     * Right: the scanner on parts split at record boundaries, one per core, merged in order. This
     * is what the CLI runs.
     */
    @Benchmark
    public TrainingLogBuilder scanner(Throughput count) throws LogReadException {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        new ForgatherJsonReader().read(file, builder);
        count.add(builder.recordCount(), size);
        return builder;
    }

    /*
     * The whole load the CLI does: format detection, the parallel scan, and freezing the columns
     * into a TrainingLog (one more copy of every column, trimmed to size).
     */
    @Benchmark
    public TrainingLog load(Throughput count) throws LogReadException {
        TrainingLog log = TrainingLogs.load(file);
        count.add(log.recordCount(), size);
        return log;
    }
}
