package dev.forgather.logs.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * What {@code --sort KEY} orders the rows by: a JSON key path of a row, such as {@code steps},
 * {@code target.seconds}, {@code metrics.eval_loss.final} or short {@code eval_loss.final}. The
 * baseline stays first; the other rows go best first — lower first for a metric that is better
 * low, higher first for a maximised one and for {@code samples_per_second},
 * {@code throughput_ratio} and {@code target.speedup}; steps, counts and times lowest first; names
 * alphabetically. Rows without the value go last, in their order.
 */
public final class SortKey {
    private static final List<String> METRIC_FIELDS =
            List.of("final", "best", "best_step", "at_baseline_end", "delta", "delta_pct", "final_std");
    private static final List<String> TOP = List.of(
            "run",
            "model",
            "path",
            "format",
            "n",
            "steps",
            "samples_per_second",
            "throughput_ratio",
            "target.step",
            "target.seconds",
            "target.speedup",
            "target.never");

    private final String text;
    private final Comparator<ComparisonRow> order;

    private SortKey(String text, Comparator<ComparisonRow> order) {
        this.text = text;
        this.order = order;
    }

    /**
     * The key {@code text} for {@code comparison}'s rows.
     *
     * @throws IllegalArgumentException with a one-line reason naming the keys there are
     */
    public static SortKey parse(String text, Comparison comparison) {
        String key = text.strip();
        if (key.startsWith("metrics.")) {
            key = key.substring("metrics.".length());
        }
        switch (key) {
            case "run" -> {
                return new SortKey(text, byText(ComparisonRow::run));
            }
            case "model" -> {
                return new SortKey(text, byText(r -> r.model().orElse(null)));
            }
            case "path" -> {
                return new SortKey(text, byText(r -> r.path().orElse(null)));
            }
            case "format" -> {
                return new SortKey(text, byText(r -> r.format().orElse(null)));
            }
            case "n" -> {
                return new SortKey(text, byNumber(r -> OptionalDouble.of(r.n()), false));
            }
            case "steps" -> {
                return new SortKey(text, byNumber(ComparisonRow::steps, false));
            }
            case "samples_per_second" -> {
                return new SortKey(text, byNumber(ComparisonRow::samplesPerSecond, true));
            }
            case "throughput_ratio" -> {
                return new SortKey(text, byNumber(ComparisonRow::throughputRatio, true));
            }
            case "target.step" -> {
                return new SortKey(text, byNumber(r -> targetField(r, TargetResult::step), false));
            }
            case "target.seconds" -> {
                return new SortKey(text, byNumber(r -> targetField(r, TargetResult::seconds), false));
            }
            case "target.speedup" -> {
                return new SortKey(text, byNumber(r -> targetField(r, TargetResult::speedup), true));
            }
            case "target.never" -> {
                return new SortKey(
                        text,
                        byNumber(
                                r -> r.target()
                                        .flatMap(t -> t.never().isPresent()
                                                ? Optional.of(OptionalDouble.of(
                                                        t.never().getAsInt()))
                                                : Optional.empty())
                                        .orElse(OptionalDouble.empty()),
                                false));
            }
            default -> {
                // fall through to metric fields
            }
        }
        int dot = key.lastIndexOf('.');
        if (dot > 0) {
            String metric = key.substring(0, dot);
            String field = key.substring(dot + 1);
            if (comparison.metrics().contains(metric) && METRIC_FIELDS.contains(field)) {
                boolean better = !field.equals("best_step") && !field.equals("final_std");
                boolean descending = better && comparison.options().maximizes(metric);
                return new SortKey(text, byNumber(r -> metricField(r.metric(metric), field), descending));
            }
        }
        List<String> known = new ArrayList<>(TOP);
        known.add("<metric>.{" + String.join(",", METRIC_FIELDS) + "}");
        throw new IllegalArgumentException("'" + text + "' is not a key to sort by; expected one of "
                + String.join(", ", known) + " with <metric> one of " + String.join(", ", comparison.metrics()));
    }

    /** The rows of {@code comparison} in this order, the baseline first. */
    public Comparison sort(Comparison comparison) {
        List<ComparisonRow> rows = comparison.rows();
        if (rows.size() < 2) {
            return comparison;
        }
        List<ComparisonRow> others = new ArrayList<>(rows.subList(1, rows.size()));
        others.sort(order); // stable: equal and missing keys keep their order
        List<ComparisonRow> sorted = new ArrayList<>();
        sorted.add(rows.get(0));
        sorted.addAll(others);
        return new Comparison(
                comparison.metrics(),
                comparison.options(),
                comparison.baselineEndSteps(),
                comparison.grouped(),
                sorted);
    }

    @Override
    public String toString() {
        return text;
    }

    private static OptionalDouble targetField(ComparisonRow row, Function<TargetResult, OptionalDouble> field) {
        return row.target().map(field).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble metricField(MetricComparison m, String field) {
        return switch (field) {
            case "final" -> m.finalValue();
            case "best" -> m.best();
            case "best_step" -> m.bestStep();
            case "at_baseline_end" -> m.atBaselineEnd();
            case "delta" -> m.delta();
            case "delta_pct" -> m.deltaPct();
            case "final_std" -> m.finalStd();
            default -> throw new AssertionError(field);
        };
    }

    private static Comparator<ComparisonRow> byText(Function<ComparisonRow, String> key) {
        return Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    private static Comparator<ComparisonRow> byNumber(Function<ComparisonRow, OptionalDouble> key, boolean descending) {
        return (a, b) -> {
            OptionalDouble x = key.apply(a);
            OptionalDouble y = key.apply(b);
            if (x.isEmpty() || y.isEmpty()) {
                return Boolean.compare(x.isEmpty(), y.isEmpty());
            }
            int c = Double.compare(x.getAsDouble(), y.getAsDouble());
            return descending ? -c : c;
        };
    }
}
