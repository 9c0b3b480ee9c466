package dev.forgather.logs.compare;

import java.util.List;

/**
 * One aligned table: a line naming each metric over its columns, the column names, a rule, one line
 * per row (baseline first), and a line saying what the numbers are. With colour, a better Δ % is
 * green and a worse one red.
 */
public final class ComparisonTextFormatter implements ComparisonFormatter {
    private static final String GAP = "  ";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    @Override
    public String format(Comparison comparison, boolean colour) {
        List<ComparisonTable.Column> columns = ComparisonTable.of(comparison);
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            ComparisonTable.Column column = columns.get(c);
            int w = column.name().length();
            for (ComparisonTable.Cell cell : column.cells()) {
                w = Math.max(w, cell.text().length());
            }
            widths[c] = w;
        }
        // A section name wider than its columns widens the last of them.
        for (int c = 0; c < columns.size(); c++) {
            String section = columns.get(c).section();
            if (section.isEmpty() || (c > 0 && columns.get(c - 1).section().equals(section))) {
                continue;
            }
            int end = c;
            int span = widths[c];
            while (end + 1 < columns.size() && columns.get(end + 1).section().equals(section)) {
                end++;
                span += GAP.length() + widths[end];
            }
            if (section.length() > span) {
                widths[end] += section.length() - span;
            }
        }
        int[] starts = new int[columns.size()];
        int total = 0;
        for (int c = 0; c < widths.length; c++) {
            starts[c] = total;
            total += widths[c] + GAP.length();
        }
        total -= GAP.length();
        StringBuilder out = new StringBuilder();
        // Each section's name over its first column; the widths above leave it room within its columns.
        StringBuilder line = new StringBuilder(" ".repeat(total));
        for (int c = 0; c < columns.size(); c++) {
            String section = columns.get(c).section();
            if (!section.isEmpty() && (c == 0 || !columns.get(c - 1).section().equals(section))) {
                line.replace(starts[c], starts[c] + section.length(), section);
            }
        }
        String sections = line.toString().stripTrailing();
        if (!sections.isEmpty()) {
            out.append(sections).append('\n');
        }
        line.setLength(0);
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                line.append(GAP);
            }
            pad(line, columns.get(c).name(), widths[c], columns.get(c).numeric());
        }
        String header = line.toString().stripTrailing();
        out.append(header).append('\n');
        out.append("-".repeat(total)).append('\n');
        int rows = comparison.rows().size();
        for (int r = 0; r < rows; r++) {
            line.setLength(0);
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    line.append(GAP);
                }
                ComparisonTable.Cell cell = columns.get(c).cells().get(r);
                String code = !colour
                        ? null
                        : switch (cell.tone()) {
                            case BETTER -> GREEN;
                            case WORSE -> RED;
                            case NONE -> null;
                        };
                if (code != null) {
                    line.append(code);
                }
                pad(line, cell.text(), widths[c], columns.get(c).numeric());
                if (code != null) {
                    line.append(RESET);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append(legend(comparison)).append('\n');
        return out.toString();
    }

    private static String legend(Comparison comparison) {
        String baseline = comparison.rows().get(0).run();
        return "Baseline: " + baseline + ". final: mean of the last 5% of values"
                + (comparison.grouped() ? " (mean ± sample std over a group's runs)" : "")
                + "; Δ %: against the baseline's final; at N: the value at step N, the baseline's last.";
    }

    private static void pad(StringBuilder line, String text, int width, boolean right) {
        int fill = width - text.length();
        if (right) {
            line.append(" ".repeat(Math.max(0, fill))).append(text);
        } else {
            line.append(text).append(" ".repeat(Math.max(0, fill)));
        }
    }
}
