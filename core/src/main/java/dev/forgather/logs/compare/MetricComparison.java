package dev.forgather.logs.compare;

import java.util.OptionalDouble;

/**
 * One metric of one row of a {@link Comparison}, under {@code metrics.<name>} in JSON. Every number
 * is over the metric's finite values; for a seed group, each is the mean over the members that
 * have it. Absent when no value exists to compute it from.
 *
 * @param finalValue {@code final}: the mean of the last ⌈n/20⌉ values (5 %, at least one)
 * @param best the minimum, or the maximum for a maximised metric
 * @param bestStep the first step where {@code best} occurs
 * @param atBaselineEnd the value at the step of the baseline's last value (for groups: the shortest
 *     baseline member's), linearly interpolated; absent when the run starts after or ends before it
 * @param delta {@code final} minus the baseline's {@code final}; 0 for the baseline
 * @param deltaPct {@code 100·delta/|baseline final|}; 0 for the baseline, absent when the baseline's is 0
 * @param finalStd for a seed group, the sample standard deviation (n−1) of the members' finals;
 *     absent for fewer than two, and for a single run
 */
public record MetricComparison(
        OptionalDouble finalValue,
        OptionalDouble best,
        OptionalDouble bestStep,
        OptionalDouble atBaselineEnd,
        OptionalDouble delta,
        OptionalDouble deltaPct,
        OptionalDouble finalStd) {}
