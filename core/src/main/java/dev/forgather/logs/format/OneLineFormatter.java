package dev.forgather.logs.format;

import dev.forgather.logs.model.SummaryStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

/**
 * One row per run: {@code name | steps= | time= | loss= | eval= | samp/s=}. With several runs a
 * header row and a dashed line come first and every column is padded to line up. A missing value
 * shows as {@code N/A}, so the columns stay in place.
 */
public final class OneLineFormatter implements SummaryFormatter {
    private static final int NAME_WIDTH = 30;
    private static final String[] HEADER = {"Run Name", "Steps", "Time", "Loss", "Eval", "Throughput"};
    private static final String SEPARATOR = " | ";
    private static final String MISSING = "N/A";

    @Override
    public String format(List<SummaryStatistics> summaries, boolean several) {
        List<String[]> rows = new ArrayList<>();
        for (SummaryStatistics s : summaries) {
            rows.add(cells(s));
        }
        boolean header = several || summaries.size() > 1;
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header ? HEADER[c].length() : 0;
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (header) {
            String headerLine = line(HEADER, widths);
            out.append(headerLine).append('\n').append("-".repeat(headerLine.length())).append('\n');
        }
        for (String[] row : rows) {
            out.append(line(row, widths)).append('\n');
        }
        return out.toString();
    }

    private static String[] cells(SummaryStatistics s) {
        String name = s.runName();
        if (name.length() > NAME_WIDTH) {
            name = name.substring(0, NAME_WIDTH);
        }
        String steps = "steps=" + (s.totalSteps().isPresent() ? Long.toString(s.totalSteps().getAsLong()) : MISSING);
        return new String[] {
            name,
            steps,
            "time=" + orMissing(s.trainRuntimeSeconds(), Numbers::clock),
            "loss=" + orMissing(s.finalLoss(), Numbers::loss),
            "eval=" + orMissing(s.bestEvalLoss(), Numbers::loss),
            "samp/s=" + orMissing(s.trainSamplesPerSecond(), v -> Numbers.fixed(v, 1)),
        };
    }

    private static String orMissing(OptionalDouble value, DoubleFunction<String> format) {
        return value.isPresent() ? format.apply(value.getAsDouble()) : MISSING;
    }

    /** Cells padded to their column's width, the last one not padded (no trailing blanks). */
    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append(SEPARATOR);
            }
            sb.append(cells[c]);
            if (c < cells.length - 1) {
                sb.append(" ".repeat(widths[c] - cells[c].length()));
            }
        }
        return sb.toString();
    }
}
