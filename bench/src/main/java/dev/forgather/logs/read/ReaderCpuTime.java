package dev.forgather.logs.read;

import dev.forgather.logs.bench.BenchInputs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The reader's speed per CPU second, for a shared machine: JMH's scores are wall-clock, and another
 * engineer's build on the same two cores halves them, while the CPU time the reading thread itself
 * used barely moves. Reads the log on the calling thread only (Jackson, and the scanner as one
 * part), warm: {@code rounds} reads each, after as many for warm-up; prints the median.
 *
 * <pre>
 * java -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.forgather.logs.read.ReaderCpuTime [STEPS [ROUNDS]]
 * </pre>
 */
public final class ReaderCpuTime {
    private ReaderCpuTime() {}

    /** One way of reading the file into a builder. */
    private interface Read {
        void into(Path file, long size, TrainingLogBuilder builder) throws LogReadException;
    }

    public static void main(String[] args) throws IOException, LogReadException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path file = BenchInputs.log(steps);
        long size = Files.size(file);
        ForgatherJsonReader onePart = new ForgatherJsonReader(Long.MAX_VALUE, RecordScanner.BUFFER);
        measure("jackson", file, size, rounds, ForgatherJsonReader::readWithJackson);
        measure("scanner, one part", file, size, rounds, (f, s, b) -> onePart.read(f, b));
    }

    private static void measure(String name, Path file, long size, int rounds, Read read) throws LogReadException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[rounds];
        long[] wall = new long[rounds];
        int records = 0;
        for (int i = -rounds; i < rounds; i++) {
            TrainingLogBuilder builder = new TrainingLogBuilder();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            read.into(file, size, builder);
            if (i >= 0) {
                wall[i] = System.nanoTime() - wallStart;
                cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
            }
            records = builder.recordCount();
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        double cpuSeconds = cpu[rounds / 2] / 1e9;
        double wallSeconds = wall[rounds / 2] / 1e9;
        System.out.printf(
                "%-18s %,d records, %.1f MB: median %.3f s CPU (%.0f MB/s, %.2f M records/s per CPU second),"
                        + " %.3f s wall%n",
                name,
                records,
                size / 1e6,
                cpuSeconds,
                size / 1e6 / cpuSeconds,
                records / 1e6 / cpuSeconds,
                wallSeconds);
    }
}
