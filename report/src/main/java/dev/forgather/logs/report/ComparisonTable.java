package dev.forgather.logs.report;

import java.util.List;

/**
 * The {@code logs compare} table of the runs against a baseline, as text cells.
 *
 * @param baseline the label of the run the others are compared with
 * @param header the column names
 * @param rows one row of cells per compared run or metric, as many cells as {@code header}
 */
public record ComparisonTable(String baseline, List<String> header, List<List<String>> rows) {
    public ComparisonTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
