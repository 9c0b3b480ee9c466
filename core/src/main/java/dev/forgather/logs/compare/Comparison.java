package dev.forgather.logs.compare;

import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.SummaryCalculator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Runs compared with a baseline, at equal steps: the table of {@code logs compare}.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(baseline, List.of(other), CompareOptions.defaults().withTarget(Target.parse("eval_loss=1.9")));
 * double delta = c.rows().get(1).metric("eval_loss").delta().getAsDouble();
 * }</pre>
 *
 * @param metrics the compared metrics, in order
 * @param options what was asked for
 * @param baselineEndSteps per metric, the step at which {@code at_baseline_end} is taken: the
 *     baseline's last value's (for groups, the shortest baseline member's); absent when the
 *     baseline has none
 * @param grouped whether rows are seed groups
 * @param rows the baseline first, then the others
 */
public record Comparison(
        List<String> metrics,
        CompareOptions options,
        Map<String, OptionalDouble> baselineEndSteps,
        boolean grouped,
        List<ComparisonRow> rows) {

    /** Copies the collections. */
    public Comparison {
        metrics = List.copyOf(metrics);
        baselineEndSteps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baselineEndSteps));
        rows = List.copyOf(rows);
        Objects.requireNonNull(options, "options");
    }

    /**
     * The headers of the table that text and markdown print (a metric's columns named after it,
     * e.g. {@code loss final}), for other views of the same table, such as the HTML report.
     */
    public List<String> tableHeader() {
        return ComparisonTable.of(this).stream()
                .map(ComparisonTable.Column::fullName)
                .toList();
    }

    /** The cells of that table, a row per run (or group), baseline first, {@code —} for null. */
    public List<List<String>> tableRows() {
        List<ComparisonTable.Column> columns = ComparisonTable.of(this);
        List<List<String>> out = new java.util.ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            int row = r;
            out.add(columns.stream().map(c -> c.cells().get(row).text()).toList());
        }
        return out;
    }

    /**
     * Compares {@code others} with {@code baseline}. With {@link CompareOptions#groupPattern()}, all
     * runs are first folded into seed groups, the baseline's group being the baseline.
     */
    public static Comparison of(TrainingLog baseline, List<TrainingLog> others, CompareOptions options) {
        List<TrainingLog> all = new ArrayList<>();
        all.add(baseline);
        all.addAll(others);
        List<SeedGroups.Group> groups;
        if (options.groupPattern().isPresent()) {
            groups = SeedGroups.of(all, options.groupPattern().get());
        } else {
            // Each row by the run's name, lengthened where two compared runs share it.
            List<String> names = RunNames.ofLogs(all, RunNames.Form.RUN);
            groups = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                groups.add(new SeedGroups.Group(names.get(i), List.of(all.get(i))));
            }
        }
        boolean grouped = options.groupPattern().isPresent();
        List<List<Measures>> measured = new ArrayList<>();
        for (SeedGroups.Group group : groups) {
            measured.add(group.members().stream()
                    .map(log -> Measures.of(log, options))
                    .toList());
        }
        return compose(groups, measured, options, grouped);
    }

    /**
     * How many records of {@code log} give a compared metric (or the target's) a value but no
     * {@code global_step}: those values count for final and best values and the seconds to a
     * target, but not at equal steps (best step, target step, {@code at_baseline_end}). 0 when
     * every record gave its step.
     */
    public static int recordsWithoutStep(TrainingLog log, CompareOptions options) {
        BitSet records = new BitSet();
        for (String metric : options.metrics()) {
            records.or(MetricPoints.recordsWithoutStep(log, metric));
        }
        options.target().ifPresent(t -> records.or(MetricPoints.recordsWithoutStep(log, t.metric())));
        return records.cardinality();
    }

    /** What one run gives, before it is compared: per metric its points, final, best. */
    private record Measures(
            TrainingLog log,
            SummaryStatistics summary,
            Map<String, MetricPoints> points,
            Optional<MetricPoints> targetPoints,
            double originSeconds) {
        static Measures of(TrainingLog log, CompareOptions options) {
            Map<String, MetricPoints> points = new LinkedHashMap<>();
            for (String metric : options.metrics()) {
                points.put(metric, MetricPoints.of(log, metric));
            }
            Optional<MetricPoints> target = options.target()
                    .map(t ->
                            points.containsKey(t.metric()) ? points.get(t.metric()) : MetricPoints.of(log, t.metric()));
            Series times = log.series(MetricNames.TIME);
            double origin = times.isEmpty() ? Double.NaN : times.value(0);
            return new Measures(log, SummaryCalculator.summarize(log, log.path().toString()), points, target, origin);
        }

        OptionalDouble targetStep(Target target, CompareOptions options) {
            MetricPoints p = targetPoints.orElseThrow();
            OptionalInt at =
                    p.firstReaching(target.value(), options.maximizes(target.metric()), options.smoothWindow());
            // Reached at a record without a step: when is known (seconds), at which step is not.
            return at.isPresent() ? p.stepOf(at.getAsInt()) : OptionalDouble.empty();
        }

        /** Seconds to the target; NaN when it was reached but the log has no timestamps to tell. */
        OptionalDouble targetSeconds(Target target, CompareOptions options) {
            MetricPoints p = targetPoints.orElseThrow();
            OptionalInt at =
                    p.firstReaching(target.value(), options.maximizes(target.metric()), options.smoothWindow());
            if (at.isEmpty()) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(p.timestamps[at.getAsInt()] - originSeconds);
        }
    }

    private static Comparison compose(
            List<SeedGroups.Group> groups, List<List<Measures>> measured, CompareOptions options, boolean grouped) {
        List<Measures> baseline = measured.get(0);
        Map<String, OptionalDouble> endSteps = new LinkedHashMap<>();
        Map<String, OptionalDouble> baselineFinals = new LinkedHashMap<>();
        for (String metric : options.metrics()) {
            double shortest = Double.POSITIVE_INFINITY;
            for (Measures m : baseline) {
                OptionalDouble last = m.points().get(metric).lastStep();
                if (last.isPresent()) {
                    shortest = Math.min(shortest, last.getAsDouble());
                }
            }
            endSteps.put(metric, Double.isInfinite(shortest) ? OptionalDouble.empty() : OptionalDouble.of(shortest));
            baselineFinals.put(
                    metric,
                    mean(baseline.stream()
                            .map(m -> m.points().get(metric).finalValue())
                            .toList()));
        }
        OptionalDouble baselineSps = mean(
                baseline.stream().map(m -> m.summary().trainSamplesPerSecond()).toList());
        OptionalDouble baselineSeconds = options.target().isPresent()
                ? median(baseline.stream()
                        .map(m -> m.targetSeconds(options.target().get(), options))
                        .toList())
                : OptionalDouble.empty();
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<Measures> members : measured) {
            configs.add(commonConfig(members));
        }
        TreeSet<String> differing = differingKeys(configs);

        List<ComparisonRow> rows = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Measures> members = measured.get(g);
            boolean isBaseline = g == 0;
            Map<String, MetricComparison> metrics = new LinkedHashMap<>();
            for (String metric : options.metrics()) {
                metrics.put(
                        metric,
                        metric(
                                members,
                                metric,
                                options.maximizes(metric),
                                endSteps.get(metric),
                                baselineFinals.get(metric),
                                isBaseline,
                                grouped));
            }
            OptionalDouble sps = mean(members.stream()
                    .map(m -> m.summary().trainSamplesPerSecond())
                    .toList());
            Map<String, Optional<String>> config = new LinkedHashMap<>();
            for (String key : differing) {
                config.put(key, Optional.ofNullable(configs.get(g).get(key)));
            }
            Optional<TargetResult> target =
                    options.target().map(t -> target(members, t, options, baselineSeconds, grouped));
            rows.add(new ComparisonRow(
                    groups.get(g).key(),
                    members.stream().map(m -> m.log().runName()).toList(),
                    shared(members.stream().map(m -> m.log().modelName()).toList()),
                    grouped
                            ? Optional.empty()
                            : Optional.of(members.get(0).log().path().toString()),
                    shared(members.stream()
                            .map(m -> Optional.of(m.log().format().id()))
                            .toList()),
                    isBaseline,
                    mean(members.stream()
                            .map(m -> toDouble(m.summary().totalSteps()))
                            .toList()),
                    sps,
                    ratio(sps, baselineSps),
                    config,
                    metrics,
                    target));
        }
        return new Comparison(options.metrics(), options, endSteps, grouped, rows);
    }

    private static MetricComparison metric(
            List<Measures> members,
            String metric,
            boolean maximize,
            OptionalDouble endStep,
            OptionalDouble baselineFinal,
            boolean isBaseline,
            boolean grouped) {
        List<OptionalDouble> finals = new ArrayList<>();
        List<OptionalDouble> bests = new ArrayList<>();
        List<OptionalDouble> bestSteps = new ArrayList<>();
        List<OptionalDouble> atEnd = new ArrayList<>();
        for (Measures m : members) {
            MetricPoints p = m.points().get(metric);
            finals.add(p.finalValue());
            OptionalInt best = p.best(maximize);
            bests.add(best.isPresent() ? OptionalDouble.of(p.values[best.getAsInt()]) : OptionalDouble.empty());
            bestSteps.add(best.isPresent() ? p.stepOf(best.getAsInt()) : OptionalDouble.empty());
            atEnd.add(endStep.isPresent() ? p.at(endStep.getAsDouble()) : OptionalDouble.empty());
        }
        OptionalDouble finalValue = mean(finals);
        OptionalDouble delta;
        OptionalDouble deltaPct;
        if (isBaseline) {
            delta = finalValue.isPresent() ? OptionalDouble.of(0) : OptionalDouble.empty();
            deltaPct = finalValue.isPresent() && finalValue.getAsDouble() != 0
                    ? OptionalDouble.of(0)
                    : OptionalDouble.empty();
        } else if (finalValue.isPresent() && baselineFinal.isPresent()) {
            double d = finalValue.getAsDouble() - baselineFinal.getAsDouble();
            delta = OptionalDouble.of(d);
            double base = Math.abs(baselineFinal.getAsDouble());
            deltaPct = base == 0 ? OptionalDouble.empty() : OptionalDouble.of(100 * d / base);
        } else {
            delta = OptionalDouble.empty();
            deltaPct = OptionalDouble.empty();
        }
        OptionalDouble std = grouped ? sampleStd(finals) : OptionalDouble.empty();
        return new MetricComparison(finalValue, mean(bests), mean(bestSteps), mean(atEnd), delta, deltaPct, std);
    }

    private static TargetResult target(
            List<Measures> members,
            Target target,
            CompareOptions options,
            OptionalDouble baselineSeconds,
            boolean grouped) {
        List<OptionalDouble> steps = new ArrayList<>();
        List<OptionalDouble> seconds = new ArrayList<>();
        int never = 0;
        for (Measures m : members) {
            OptionalDouble step = m.targetStep(target, options);
            OptionalDouble s = m.targetSeconds(target, options);
            if (s.isEmpty()) {
                never++;
            }
            steps.add(step);
            seconds.add(s);
        }
        OptionalDouble medianSeconds = median(seconds);
        return new TargetResult(
                target.metric(),
                target.value(),
                median(steps),
                medianSeconds,
                ratio(baselineSeconds, medianSeconds),
                grouped ? OptionalInt.of(never) : OptionalInt.empty());
    }

    /** The mean of the present, finite values; empty when there are none. */
    static OptionalDouble mean(List<OptionalDouble> values) {
        double sum = 0;
        int n = 0;
        for (OptionalDouble v : values) {
            if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                sum += v.getAsDouble();
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    /** The sample standard deviation (n−1) of the present, finite values; empty for fewer than two. */
    static OptionalDouble sampleStd(List<OptionalDouble> values) {
        double[] xs = values.stream()
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .filter(Double::isFinite)
                .toArray();
        if (xs.length < 2) {
            return OptionalDouble.empty();
        }
        double mean = Arrays.stream(xs).sum() / xs.length;
        double squares = 0;
        for (double x : xs) {
            squares += (x - mean) * (x - mean);
        }
        return OptionalDouble.of(Math.sqrt(squares / (xs.length - 1)));
    }

    /**
     * The median, an absent value counting as never (later than any), as AlgoPerf counts a trial
     * that misses the target; a present NaN (reached, but no timestamps to tell when) is left out.
     * Empty when the median is never.
     */
    static OptionalDouble median(List<OptionalDouble> values) {
        double[] xs = values.stream()
                .filter(v -> v.isEmpty() || !Double.isNaN(v.getAsDouble()))
                .mapToDouble(v -> v.isPresent() ? v.getAsDouble() : Double.POSITIVE_INFINITY)
                .sorted()
                .toArray();
        if (xs.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = xs.length / 2;
        double median = xs.length % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
        return Double.isFinite(median) ? OptionalDouble.of(median) : OptionalDouble.empty();
    }

    private static OptionalDouble ratio(OptionalDouble numerator, OptionalDouble denominator) {
        if (numerator.isEmpty() || denominator.isEmpty() || denominator.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        double r = numerator.getAsDouble() / denominator.getAsDouble();
        return Double.isFinite(r) ? OptionalDouble.of(r) : OptionalDouble.empty();
    }

    private static OptionalDouble toDouble(java.util.OptionalLong value) {
        return value.isPresent() ? OptionalDouble.of(value.getAsLong()) : OptionalDouble.empty();
    }

    /** The value every member has, when they all have the same one. */
    private static Optional<String> shared(List<Optional<String>> values) {
        Optional<String> first = values.get(0);
        for (Optional<String> v : values) {
            if (!v.equals(first)) {
                return Optional.empty();
            }
        }
        return first;
    }

    /** The configuration entries every member of a row has with the same value. */
    private static Map<String, String> commonConfig(List<Measures> members) {
        Map<String, String> common =
                new LinkedHashMap<>(RunConfig.of(members.get(0).log()));
        for (Measures m : members.subList(1, members.size())) {
            Map<String, String> config = RunConfig.of(m.log());
            common.entrySet().removeIf(e -> !e.getValue().equals(config.get(e.getKey())));
        }
        return common;
    }

    /** The keys whose values differ between the rows, a key missing from a row counting as different. */
    private static TreeSet<String> differingKeys(List<Map<String, String>> configs) {
        TreeSet<String> keys = new TreeSet<>();
        configs.forEach(c -> keys.addAll(c.keySet()));
        keys.removeIf(key -> {
            String first = configs.get(0).get(key);
            return configs.stream().allMatch(c -> first != null && first.equals(c.get(key)));
        });
        return keys;
    }
}
