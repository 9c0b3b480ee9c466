package dev.forgather.logs.compare;

import dev.forgather.logs.format.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The columns that text and markdown show, built once: run, steps, then per metric its final
 * value, Δ %, the value at the baseline's end and the best value with its step, then the target's
 * step, time and speedup, then the throughput ratio. A missing value is {@code —}.
 */
final class ComparisonTable {
    static final String NULL = "—";

    /** Whether a cell is better or worse than the baseline, for colour. */
    enum Tone {
        NONE,
        BETTER,
        WORSE
    }

    record Cell(String text, Tone tone) {}

    /**
     * One column.
     *
     * @param section what the column belongs to (a metric, the target), or empty
     * @param name its own header
     * @param numeric whether it is right-aligned
     */
    record Column(String section, String name, boolean numeric, List<Cell> cells) {
        /** The header as one text: section and name. */
        String fullName() {
            return section.isEmpty() ? name : section + " " + name;
        }
    }

    private ComparisonTable() {}

    static List<Column> of(Comparison c) {
        List<ComparisonRow> rows = c.rows();
        List<Column> columns = new ArrayList<>();
        columns.add(column("", "Run", false, rows, r -> plain(r.run())));
        if (c.grouped()) {
            columns.add(column("", "n", true, rows, r -> plain(Integer.toString(r.n()))));
        }
        columns.add(column("", "Steps", true, rows, r -> plain(step(r.steps()))));
        for (String metric : c.metrics()) {
            boolean maximize = c.options().maximizes(metric);
            columns.add(column(metric, c.grouped() ? "mean ± std" : "final", true, rows, r -> {
                MetricComparison m = r.metric(metric);
                String text = value(metric, m.finalValue());
                if (c.grouped() && m.finalValue().isPresent()) {
                    text += " ± " + value(metric, m.finalStd());
                }
                return plain(text);
            }));
            columns.add(column(metric, "Δ %", true, rows, r -> {
                MetricComparison m = r.metric(metric);
                Tone tone = Tone.NONE;
                if (!r.baseline() && m.delta().isPresent() && m.delta().getAsDouble() != 0) {
                    boolean better =
                            maximize ? m.delta().getAsDouble() > 0 : m.delta().getAsDouble() < 0;
                    tone = better ? Tone.BETTER : Tone.WORSE;
                }
                return new Cell(percent(m.deltaPct()), tone);
            }));
            columns.add(column(
                    metric,
                    "at " + step(c.baselineEndSteps().get(metric)),
                    true,
                    rows,
                    r -> plain(value(metric, r.metric(metric).atBaselineEnd()))));
            columns.add(column(metric, "best @ step", true, rows, r -> {
                MetricComparison m = r.metric(metric);
                return plain(m.best().isPresent() ? value(metric, m.best()) + " @ " + step(m.bestStep()) : NULL);
            }));
        }
        if (c.options().target().isPresent()) {
            Target t = c.options().target().get();
            String section = t.metric() + (c.options().maximizes(t.metric()) ? " ≥ " : " ≤ ") + Numbers.repr(t.value());
            columns.add(column(
                    section,
                    "step",
                    true,
                    rows,
                    r -> plain(step(r.target().orElseThrow().step()))));
            columns.add(column(
                    section,
                    "time",
                    true,
                    rows,
                    r -> plain(duration(r.target().orElseThrow().seconds()))));
            columns.add(column(
                    section,
                    "speedup",
                    true,
                    rows,
                    r -> plain(times(r.target().orElseThrow().speedup()))));
            if (c.grouped()) {
                columns.add(column(
                        section,
                        "never",
                        true,
                        rows,
                        r -> plain(r.target().orElseThrow().never().orElse(0) + "/" + r.n())));
            }
        }
        columns.add(column("", "Throughput", true, rows, r -> plain(times(r.throughputRatio()))));
        return columns;
    }

    private static Column column(
            String section,
            String name,
            boolean numeric,
            List<ComparisonRow> rows,
            Function<ComparisonRow, Cell> cell) {
        return new Column(section, name, numeric, rows.stream().map(cell).toList());
    }

    private static Cell plain(String text) {
        return new Cell(text, Tone.NONE);
    }

    /**
     * A metric's value: the learning rate by summary's rule, anything else with 4 decimals, or in
     * scientific form when that would show almost nothing ({@code 3.20e-05}).
     */
    static String value(String metric, OptionalDouble v) {
        if (v.isEmpty()) {
            return NULL;
        }
        double x = v.getAsDouble();
        if (metric.equals("learning_rate")) {
            return Numbers.learningRate(x);
        }
        if (x != 0 && Math.abs(x) < 1e-3) {
            return Numbers.scientific(x, 2);
        }
        return Numbers.fixed(x, 4);
    }

    /** A step: whole, or a group's mean with one decimal. */
    static String step(OptionalDouble v) {
        if (v.isEmpty()) {
            return NULL;
        }
        double x = v.getAsDouble();
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Numbers.fixed(x, 1);
    }

    /** A percentage with its sign: {@code -12.34%}, {@code +0.50%}, {@code 0.00%} for none. */
    static String percent(OptionalDouble v) {
        if (v.isEmpty()) {
            return NULL;
        }
        double x = v.getAsDouble();
        return (x > 0 ? "+" : "") + Numbers.fixed(x, 2) + "%";
    }

    /** A time to target: {@code 12.3s} under a minute, else {@code MM:SS} or {@code H:MM:SS}. */
    static String duration(OptionalDouble seconds) {
        if (seconds.isEmpty()) {
            return NULL;
        }
        double s = seconds.getAsDouble();
        return s < 60 ? Numbers.fixed(s, 1) + "s" : Numbers.clock(s);
    }

    /** A ratio: {@code 1.17×}. */
    static String times(OptionalDouble ratio) {
        return ratio.isEmpty() ? NULL : Numbers.fixed(ratio.getAsDouble(), 2) + "×";
    }
}
