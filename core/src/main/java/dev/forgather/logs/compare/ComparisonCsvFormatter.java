package dev.forgather.logs.compare;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.forgather.logs.format.Numbers;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * CSV for pandas or a spreadsheet: a header of JSON key paths ({@code eval_loss.final},
 * {@code target.step}), one line per row, the text table's columns and the row's identity
 * ({@code model, path, format, baseline}) with exact numbers (Python's {@code repr}); a missing
 * value is an empty cell. LF line ends, quoted only where needed.
 */
public final class ComparisonCsvFormatter implements ComparisonFormatter {
    private record Column(String name, Function<ComparisonRow, String> cell) {}

    @Override
    public String format(Comparison comparison, boolean colour) {
        List<Column> columns = columns(comparison);
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
            csv.writeRecord(columns.stream().map(Column::name).toList());
            for (ComparisonRow row : comparison.rows()) {
                csv.writeRecord(columns.stream().map(c -> c.cell().apply(row)).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<Column> columns(Comparison c) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("run", ComparisonRow::run));
        if (c.grouped()) {
            columns.add(new Column("n", r -> Integer.toString(r.n())));
            columns.add(new Column("runs", r -> String.join(" ", r.runs())));
        }
        columns.add(new Column("model", r -> r.model().orElse("")));
        columns.add(new Column("path", r -> r.path().orElse("")));
        columns.add(new Column("format", r -> r.format().orElse("")));
        columns.add(new Column("baseline", r -> Boolean.toString(r.baseline())));
        columns.add(new Column("steps", r -> integer(r.steps())));
        for (String metric : c.metrics()) {
            columns.add(
                    new Column(metric + ".final", r -> number(r.metric(metric).finalValue())));
            if (c.grouped()) {
                columns.add(new Column(
                        metric + ".final_std", r -> number(r.metric(metric).finalStd())));
            }
            columns.add(
                    new Column(metric + ".delta", r -> number(r.metric(metric).delta())));
            columns.add(new Column(
                    metric + ".delta_pct", r -> number(r.metric(metric).deltaPct())));
            columns.add(new Column(
                    metric + ".at_baseline_end", r -> number(r.metric(metric).atBaselineEnd())));
            columns.add(
                    new Column(metric + ".best", r -> number(r.metric(metric).best())));
            columns.add(new Column(
                    metric + ".best_step", r -> integer(r.metric(metric).bestStep())));
        }
        if (c.options().target().isPresent()) {
            columns.add(new Column(
                    "target.step", r -> integer(r.target().orElseThrow().step())));
            columns.add(new Column(
                    "target.seconds", r -> number(r.target().orElseThrow().seconds())));
            columns.add(new Column(
                    "target.speedup", r -> number(r.target().orElseThrow().speedup())));
            if (c.grouped()) {
                columns.add(new Column(
                        "target.never",
                        r -> Integer.toString(r.target().orElseThrow().never().orElse(0))));
            }
        }
        columns.add(new Column("samples_per_second", r -> number(r.samplesPerSecond())));
        columns.add(new Column("throughput_ratio", r -> number(r.throughputRatio())));
        if (!c.rows().isEmpty()) {
            for (String key : c.rows().get(0).config().keySet()) {
                columns.add(new Column(
                        "config." + key,
                        r -> r.config().getOrDefault(key, Optional.empty()).orElse("")));
            }
        }
        return columns;
    }

    private static String integer(OptionalDouble v) {
        if (v.isPresent() && v.getAsDouble() == Math.rint(v.getAsDouble()) && Math.abs(v.getAsDouble()) < 1e15) {
            return Long.toString((long) v.getAsDouble());
        }
        return number(v);
    }

    private static String number(OptionalDouble v) {
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? Numbers.repr(v.getAsDouble()) : "";
    }
}
