package dev.forgather.logs.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code logs compare} measures: the options of the command.
 *
 * <pre>{@code
 * CompareOptions options = CompareOptions.defaults()
 *         .withMetrics(List.of("grad_norm"))
 *         .withTarget(new Target("eval_loss", 1.9))
 *         .withGroups(CompareOptions.DEFAULT_GROUP_PATTERN);
 * }</pre>
 *
 * @param metrics the metrics compared, in order: {@link #DEFAULT_METRICS} then any others, each once
 * @param maximize the metrics that are better high (an accuracy); every other metric is better low
 * @param target the result whose time to reach is measured; empty for none
 * @param smoothWindow the centred moving average applied before looking for the target (0 or 1: raw)
 * @param groupPattern when present, runs whose names are equal once every match of it is removed
 *     are folded into one row (seed groups)
 */
public record CompareOptions(
        List<String> metrics,
        Set<String> maximize,
        Optional<Target> target,
        int smoothWindow,
        Optional<Pattern> groupPattern) {

    /** The metrics always compared. */
    public static final List<String> DEFAULT_METRICS = List.of("loss", "eval_loss");

    /** The seed part of a run name that {@code --group} removes: {@code _seed3}, {@code -seed-12}, {@code seed7}. */
    public static final Pattern DEFAULT_GROUP_PATTERN = Pattern.compile("[_-]?seed[_-]?\\d+");

    /** Checks and copies. */
    public CompareOptions {
        metrics = List.copyOf(new LinkedHashSet<>(metrics));
        maximize = Set.copyOf(maximize);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(groupPattern, "groupPattern");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metrics to compare");
        }
        for (String metric : metrics) {
            if (metric.isBlank()) {
                throw new IllegalArgumentException("empty metric name");
            }
        }
        if (smoothWindow < 0) {
            throw new IllegalArgumentException("smoothing window must not be negative: " + smoothWindow);
        }
    }

    /** Loss and eval loss, both better low; no target, no smoothing, no groups. */
    public static CompareOptions defaults() {
        return new CompareOptions(DEFAULT_METRICS, Set.of(), Optional.empty(), 0, Optional.empty());
    }

    /** A copy that compares {@code extra} metrics too, after the default ones. */
    public CompareOptions withMetrics(List<String> extra) {
        List<String> all = new ArrayList<>(metrics);
        all.addAll(extra);
        return new CompareOptions(all, maximize, target, smoothWindow, groupPattern);
    }

    /** A copy in which {@code names} are better high; they are compared too. */
    public CompareOptions withMaximized(Set<String> names) {
        List<String> all = new ArrayList<>(metrics);
        all.addAll(names);
        Set<String> max = new LinkedHashSet<>(maximize);
        max.addAll(names);
        return new CompareOptions(all, max, target, smoothWindow, groupPattern);
    }

    /** A copy that measures the time to {@code newTarget}. */
    public CompareOptions withTarget(Target newTarget) {
        return new CompareOptions(metrics, maximize, Optional.of(newTarget), smoothWindow, groupPattern);
    }

    /** A copy that smooths the target metric over {@code window} points first. */
    public CompareOptions withSmoothWindow(int window) {
        return new CompareOptions(metrics, maximize, target, window, groupPattern);
    }

    /** A copy that folds runs into seed groups by {@code pattern}. */
    public CompareOptions withGroups(Pattern pattern) {
        return new CompareOptions(metrics, maximize, target, smoothWindow, Optional.of(pattern));
    }

    /** Whether {@code metric} is better high. */
    public boolean maximizes(String metric) {
        return maximize.contains(metric);
    }
}
