package dev.forgather.logs.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every benchmark of this module shares, inherited by extending this class (JMH reads
 * these annotations from superclasses): one fork with the launcher's collector
 * ({@code -XX:+UseSerialGC}) and a heap that does not grow mid-measurement, 3 warm-up and 5
 * measured iterations of 2 s, results per second unless a benchmark says otherwise. A change here
 * changes every benchmark's numbers; BENCHMARKS.md records the settings with them.
 */
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g"})
public abstract class LauncherSettings {}
