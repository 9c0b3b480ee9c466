package dev.forgather.logs.compare;

import java.util.List;

/** A markdown table with the text table's columns, each header naming its metric; numbers right-aligned. */
public final class ComparisonMarkdownFormatter implements ComparisonFormatter {
    @Override
    public String format(Comparison comparison, boolean colour) {
        List<ComparisonTable.Column> columns = ComparisonTable.of(comparison);
        StringBuilder out = new StringBuilder();
        out.append('|');
        for (ComparisonTable.Column column : columns) {
            out.append(' ').append(escape(column.fullName())).append(" |");
        }
        out.append("\n|");
        for (ComparisonTable.Column column : columns) {
            out.append(column.numeric() ? "---:|" : "---|");
        }
        out.append('\n');
        for (int r = 0; r < comparison.rows().size(); r++) {
            out.append('|');
            for (ComparisonTable.Column column : columns) {
                out.append(' ').append(escape(column.cells().get(r).text())).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A run name may hold {@code |}, which would end the cell. */
    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
