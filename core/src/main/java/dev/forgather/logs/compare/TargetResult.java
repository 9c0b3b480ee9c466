package dev.forgather.logs.compare;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * When a row reached the {@link Target}: {@code target} in JSON.
 *
 * @param metric the target's metric
 * @param value the target's value
 * @param step the first step at which the (smoothed) metric reached the value; absent when it never
 *     did. For a seed group, the members' median, a member that never reached it counting as never
 *     (so absent when most never did)
 * @param seconds from the timestamp of the run's first record in file order to that record's;
 *     absent when never reached or without timestamps. For a group, the median as for {@code step}
 * @param speedup the baseline's {@code seconds} divided by this row's (AlgoPerf's time-to-result);
 *     absent when either is absent
 * @param never for a seed group, how many members never reached the value; absent for a single run
 */
public record TargetResult(
        String metric,
        double value,
        OptionalDouble step,
        OptionalDouble seconds,
        OptionalDouble speedup,
        OptionalInt never) {}
