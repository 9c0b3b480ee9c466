package dev.forgather.logs.bench;

import dev.forgather.logs.LogFollower;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Following the 1,000,000-record benchmark log while a trainer appends to it (issue 9): what a
 * live view pays each second. The log is the benchmark log without its closing {@code ]}; each
 * {@code pollAfter1000Records} operation first appends 1,000 of the log's own records (not
 * timed), then polls. Side by side: reading the whole log again, and loading a log of 1,000
 * records, which a poll after 1,000 new records should cost about as much as.
 *
 * <p>Each iteration starts from the 1M-record file again, so the log stays at about a million
 * records however many operations an iteration runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FollowBenchmark extends LauncherSettings {
    private static final int STEPS = 1_000_000;
    private static final int APPENDED = 1_000;

    /** The growing copy of the 1M log, its follower, and 1,000 records to append. */
    @State(Scope.Benchmark)
    public static class Growing {
        Path dir;
        Path file;
        long baseSize;
        byte[] records;
        LogFollower follower;
        FileChannel writer;

        @Setup(Level.Trial)
        public void makeLog() throws IOException {
            Path source = BenchInputs.log(STEPS);
            dir = Files.createTempDirectory("forgather-follow-bench");
            file = dir.resolve("trainer_logs.json");
            Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                baseSize = endOfLastRecord(channel);
                channel.truncate(baseSize);
            }
            records = middleRecords(file, APPENDED);
        }

        @Setup(Level.Iteration)
        public void startFollowing() throws IOException, LogReadException {
            if (writer != null) {
                writer.close();
            }
            writer = FileChannel.open(file, StandardOpenOption.WRITE);
            writer.truncate(baseSize);
            writer.position(baseSize);
            follower = TrainingLogs.follow(file);
            LogSnapshot first = follower.poll();
            if (first.log().recordCount() < STEPS) {
                throw new IllegalStateException("read " + first.log().recordCount() + " records of " + file);
            }
        }

        @Setup(Level.Invocation)
        public void append() throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(records);
            while (buffer.hasRemaining()) {
                writer.write(buffer);
            }
        }

        @TearDown(Level.Trial)
        public void removeLog() throws IOException {
            writer.close();
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The 1M log, finished, followed once already: every later poll finds nothing new. */
    @State(Scope.Benchmark)
    public static class Still {
        Path file;
        LogFollower follower;

        @Setup(Level.Trial)
        public void follow() throws LogReadException {
            file = BenchInputs.log(STEPS);
            follower = TrainingLogs.follow(file);
            follower.poll();
        }
    }

    /** A log of 1,000 training steps, the benchmark log's shape. */
    @State(Scope.Benchmark)
    public static class Small {
        Path file;

        @Setup(Level.Trial)
        public void makeLog() {
            file = BenchInputs.log(APPENDED);
        }
    }

    /*
     * Right: the follower reads on from the end of the last complete record, into the builder
     * that read the rest, and publishes a snapshot that shares its arrays.
     */
    @Benchmark
    public LogSnapshot pollAfter1000Records(Growing growing) throws LogReadException {
        LogSnapshot now = growing.follower.poll();
        if (now.addedRecords() != APPENDED) {
            throw new IllegalStateException(now.change() + ", " + now.addedRecords() + " records added");
        }
        return now;
    }

    /* The floor of a live view: a poll that finds the file as it was is one stat. */
    @Benchmark
    public LogSnapshot pollWithNothingNew(Still still) throws LogReadException {
        return still.follower.poll();
    }

    /* Wrong, for a live view: reading the whole million-record log again at every refresh. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Measurement(iterations = 10)
    @Warmup(iterations = 3)
    public TrainingLog loadWhole1MLog(Still still) throws LogReadException {
        return TrainingLogs.load(still.file);
    }

    /* What a poll after 1,000 new records should cost about as much as: loading 1,000 records. */
    @Benchmark
    public TrainingLog load1000RecordLog(Small small) throws LogReadException {
        return TrainingLogs.load(small.file);
    }

    /** The offset just past the last record's closing brace: the log as if the trainer were still running. */
    private static long endOfLastRecord(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, 4096));
        channel.read(tail, size - tail.capacity());
        for (int i = tail.capacity() - 1; i >= 0; i--) {
            if (tail.get(i) == '}') {
                return size - tail.capacity() + i + 1;
            }
        }
        throw new IllegalStateException("no record at the end of the log");
    }

    /** {@code n} records from the middle of the log, each with the ",\n" that precedes it. */
    private static byte[] middleRecords(Path file, int n) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long middle = channel.size() / 2;
            ByteBuffer window = ByteBuffer.allocate(1 << 20);
            channel.read(window, middle);
            String text = new String(window.array(), 0, window.position(), StandardCharsets.US_ASCII);
            int start = text.indexOf(",\n{");
            int end = start;
            for (int i = 0; i < n; i++) {
                end = text.indexOf(",\n{", end + 1);
            }
            return text.substring(start, end).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
