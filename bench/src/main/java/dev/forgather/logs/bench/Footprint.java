package dev.forgather.logs.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * How many bytes of heap a loaded log costs per record, and how much more loading it needs
 * (issue 14: the peak while loading at most twice the model), measured three ways:
 *
 * <ul>
 *   <li><b>model</b>: the live heap after {@link TrainingLogs#load} minus before, both after full
 *       collections; the log stays reachable until the second measurement, so the difference is
 *       the model alone.
 *   <li><b>heap pools' peak</b>: the sum of the heap pools' peak usage while loading. Garbage not
 *       yet collected counts too, so it depends on the collector and the flags (run it with the
 *       launcher's); it is what the heap grows to, and so what RSS follows.
 *   <li><b>live after a collection</b>: the largest heap in use just after any collection while
 *       loading: a lower bound of the live peak, exact when a collection came at the peak.
 *   <li>with {@code --min-heap}: <b>the smallest {@code -Xmx}</b> with which a fresh JVM loads the
 *       log (bisected to 1 MiB, a young generation of 4 MiB so that {@code -Xmx} is the old
 *       generation, where the columns live): the live peak itself, whatever the garbage.
 * </ul>
 * Each is also given divided by the model.
 *
 * <pre>
 * java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms16m -XX:PretenureSizeThreshold=1m -XX:+UseTransparentHugePages \
 *     -cp bench/target/benchmarks.jar dev.forgather.logs.bench.Footprint [--min-heap] [LOG | STEPS]
 * </pre>
 * With a number, or nothing (1,000,000), it measures the benchmark log of that many steps.
 */
public final class Footprint {
    private Footprint() {}

    private static final double MIB = 1048576.0;

    public static void main(String[] args) throws IOException, LogReadException, InterruptedException {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.remove("--load-once")) {
            // A child of --min-heap: load, and say by the exit status whether it fitted.
            TrainingLogs.load(Path.of(rest.get(0)));
            return;
        }
        boolean minHeap = rest.remove("--min-heap");
        String what = rest.isEmpty() ? "1000000" : rest.get(0);
        Path file = what.chars().allMatch(Character::isDigit) ? BenchInputs.log(Integer.parseInt(what)) : Path.of(what);

        long before = liveHeap();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        AtomicLong liveAfterCollection = new AtomicLong();
        List<Runnable> stop = watchCollections(liveAfterCollection);
        TrainingLog log = TrainingLogs.load(file);
        stop.forEach(Runnable::run);
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
        System.out.printf("flags: %s%n", ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf(
                "model (live heap of the loaded log): %,d bytes = %.1f bytes per record (%.1f MiB)%n",
                model, (double) model / records, model / MIB);
        report("heap pools' peak while loading, garbage included", peak - before, model, records);
        if (liveAfterCollection.get() > 0) {
            report(
                    "largest live heap after a collection while loading",
                    liveAfterCollection.get() - before,
                    model,
                    records);
        } else {
            System.out.println("largest live heap after a collection while loading: no collection while loading");
        }
        if (minHeap) {
            long smallest = smallestHeap(file, model);
            report("smallest -Xmx that loads it, less the heap before loading", smallest - before, model, records);
        }
        // Keeps the log reachable until after the second measurement.
        if (log.recordCount() < 0) {
            System.out.println(log);
        }
    }

    private static void report(String what, long bytes, long model, int records) {
        System.out.printf(
                "%s: %,d bytes = %.1f bytes per record (%.1f MiB), %.2fx the model%n",
                what, bytes, (double) bytes / records, bytes / MIB, (double) bytes / model);
    }

    /** Records, in {@code max}, the largest heap in use after any collection from now; the runnables stop it. */
    private static List<Runnable> watchCollections(AtomicLong max) {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        List<Runnable> stops = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(collector instanceof NotificationEmitter emitter)) {
                continue;
            }
            javax.management.NotificationListener listener = (notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(entry.getKey())) {
                        MemoryUsage usage = entry.getValue();
                        used += usage.getUsed();
                    }
                }
                max.accumulateAndGet(used, Math::max);
            };
            emitter.addNotificationListener(listener, null, null);
            stops.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return stops;
    }

    /**
     * The smallest heap, in bytes and to a MiB, with which a fresh JVM of this class path loads
     * {@code file}: bisected between the model and four times it (plus 64 MiB).
     */
    private static long smallestHeap(Path file, long model) throws IOException, InterruptedException {
        int low = (int) (model / MIB); // too small: the model alone fills it
        int high = (int) (4 * model / MIB) + 64;
        if (!loads(file, high)) {
            throw new IllegalStateException("does not load even in " + high + " MiB");
        }
        while (high - low > 1) {
            int middle = (low + high) / 2;
            if (loads(file, middle)) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return (long) high << 20;
    }

    private static boolean loads(Path file, int heapMiB) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmn4m",
                "-Xms" + heapMiB + "m",
                "-Xmx" + heapMiB + "m",
                "-XX:PretenureSizeThreshold=1m",
                "-cp",
                System.getProperty("java.class.path"),
                Footprint.class.getName(),
                "--load-once",
                file.toString());
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        boolean ok = process.waitFor() == 0;
        System.out.printf("  -Xmx%dm: %s%n", heapMiB, ok ? "loads" : "out of memory");
        return ok;
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
