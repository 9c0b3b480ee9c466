package dev.forgather.logs.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Records and megabytes (10^6 bytes) a benchmark got through. JMH reports these counters as rates
 * beside the primary ops/s: {@code :records} is records per second, {@code :megabytes} MB per second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Throughput {
    public long records;
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
        records = 0;
        megabytes = 0;
    }

    /** Counts one operation over {@code recordCount} records of a {@code fileBytes}-byte log. */
    public void add(int recordCount, long fileBytes) {
        records += recordCount;
        megabytes += fileBytes / 1e6;
    }
}
