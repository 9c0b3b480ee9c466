package dev.forgather.logs.bench;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes of heap a loaded log costs per record, measured: the live heap after
 * {@link TrainingLogs#load} minus before (both after full collections), and the peak heap while
 * loading (the sum of the heap pools' peaks, an upper bound). The log stays reachable until the
 * second measurement, so the difference is the model alone.
 *
 * <pre>
 * java -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.forgather.logs.bench.Footprint [LOG | STEPS]
 * </pre>
 * With a number, or nothing (1,000,000), it measures the benchmark log of that many steps.
 */
public final class Footprint {
    private Footprint() {}

    public static void main(String[] args) throws IOException, LogReadException {
        String what = args.length > 0 ? args[0] : "1000000";
        Path file = what.chars().allMatch(Character::isDigit) ? BenchInputs.log(Integer.parseInt(what)) : Path.of(what);
        long before = liveHeap();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        TrainingLog log = TrainingLogs.load(file);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long after = liveHeap();
        int records = log.recordCount();
        long model = after - before;
        System.out.printf(
                "file: %s (%,d bytes, %,d records, %d metrics: %s)%n",
                file, Files.size(file), records, log.metricNames().size(), log.metricNames());
        System.out.printf(
                "live heap of the loaded log: %,d bytes = %.1f bytes per record (%.1f MiB)%n",
                model, (double) model / records, model / 1048576.0);
        System.out.printf(
                "peak heap while loading (upper bound): %,d bytes = %.1f bytes per record (%.1f MiB)%n",
                peak - before, (double) (peak - before) / records, (peak - before) / 1048576.0);
        // Keeps the log reachable until after the second measurement.
        if (log.recordCount() < 0) {
            System.out.println(log);
        }
    }

    private static long liveHeap() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // Several collections: the first may leave objects that finalisation or references free later.
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
