package dev.forgather.logs.format;

import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.model.Statistic;
import dev.forgather.logs.model.SummaryStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

/**
 * One row per run: {@code name | steps= | time= | loss= | eval= | samp/s=}, the name the run's
 * own unless two rows would share it ({@link RunNames}). With several runs a
 * header row and a dashed line come first and every column is padded to line up. A missing value
 * shows as {@code N/A}, so the columns stay in place. Widths are terminal columns and a run name
 * is escaped to one line ({@link DisplayText}), so a CJK or emoji name or one holding {@code |}
 * keeps the table a table.
 */
public final class OneLineFormatter implements SummaryFormatter {
    private static final int NAME_WIDTH = 30;
    private static final String SEPARATOR = " | ";
    private static final String MISSING = "N/A";

    /** A column after the name: its header, the token before each value, and how the value is written. */
    private record Column(String header, String token, Statistic statistic, DoubleFunction<String> text) {}

    /** Time as a clock and throughput with one decimal: a row is read at a glance, not to the digit. */
    private static final List<Column> COLUMNS = List.of(
            new Column("Steps", "steps=", Statistic.TOTAL_STEPS, v -> Numbers.of(Statistic.TOTAL_STEPS.style(), v)),
            new Column("Time", "time=", Statistic.TRAIN_RUNTIME, Numbers::clock),
            new Column("Loss", "loss=", Statistic.FINAL_LOSS, v -> Numbers.of(Statistic.FINAL_LOSS.style(), v)),
            new Column("Eval", "eval=", Statistic.BEST_EVAL_LOSS, v -> Numbers.of(Statistic.BEST_EVAL_LOSS.style(), v)),
            new Column("Throughput", "samp/s=", Statistic.TRAIN_SAMPLES_PER_SECOND, v -> Numbers.fixed(v, 1)));

    @Override
    public String format(List<SummaryStatistics> summaries, boolean several) {
        List<String[]> rows = new ArrayList<>();
        List<String> names = RunNames.ofSummaries(summaries, RunNames.Form.RUN);
        for (int r = 0; r < summaries.size(); r++) {
            rows.add(cells(summaries.get(r), names.get(r)));
        }
        boolean header = several || summaries.size() > 1;
        String[] headerCells = header();
        int[] widths = new int[headerCells.length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header ? headerCells[c].length() : 0;
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], DisplayText.width(row[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        if (header) {
            String headerLine = line(headerCells, widths);
            out.append(headerLine)
                    .append('\n')
                    .append("-".repeat(DisplayText.width(headerLine)))
                    .append('\n');
        }
        for (String[] row : rows) {
            out.append(line(row, widths)).append('\n');
        }
        return out.toString();
    }

    private static String[] header() {
        String[] cells = new String[COLUMNS.size() + 1];
        cells[0] = "Run Name";
        for (int c = 0; c < COLUMNS.size(); c++) {
            cells[c + 1] = COLUMNS.get(c).header();
        }
        return cells;
    }

    private static String[] cells(SummaryStatistics s, String name) {
        String[] cells = new String[COLUMNS.size() + 1];
        cells[0] = DisplayText.truncate(DisplayText.cell(name), NAME_WIDTH);
        for (int c = 0; c < COLUMNS.size(); c++) {
            Column column = COLUMNS.get(c);
            OptionalDouble value = column.statistic().of(s);
            cells[c + 1] = column.token() + (value.isPresent() ? column.text().apply(value.getAsDouble()) : MISSING);
        }
        return cells;
    }

    /** Cells padded to their column's width, the last one not padded (no trailing blanks). */
    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append(SEPARATOR);
            }
            sb.append(c < cells.length - 1 ? DisplayText.pad(cells[c], widths[c]) : cells[c]);
        }
        return sb.toString();
    }
}
