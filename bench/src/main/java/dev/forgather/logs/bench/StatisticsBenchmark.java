package dev.forgather.logs.bench;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.SummaryCalculator;
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
 * {@link SummaryCalculator#summarize} of a loaded log of 10k, 100k and 1M steps: what
 * {@code logs summary} computes after reading. {@code :records} is records/s, {@code :megabytes}
 * the MB/s of the file the log came from, to compare with the reader.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class StatisticsBenchmark extends LauncherSettings {
    @Param({"10000", "100000", "1000000"})
    public int steps;

    private TrainingLog log;
    private String logPath;
    private long size;

    @Setup(Level.Trial)
    public void loadLog() throws IOException, LogReadException {
        Path file = BenchInputs.log(steps);
        size = Files.size(file);
        log = TrainingLogs.load(file);
        logPath = file.toString();
    }

    /*
     * Every statistic in one call: the calculator selects the training losses, grad norms,
     * learning rates and evaluations into fresh series (repeated evaluations left out), then
     * makes one pass over each.
     */
    @Benchmark
    public SummaryStatistics summarize(Throughput count) {
        SummaryStatistics statistics = SummaryCalculator.summarize(log, logPath);
        count.add(log.recordCount(), size);
        return statistics;
    }
}
