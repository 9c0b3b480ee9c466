package dev.forgather.logs.report;

import dev.forgather.logs.compare.CompareOptions;
import dev.forgather.logs.compare.Comparison;
import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.Optional;

/**
 * The {@code logs compare} table of the report: every run against the first one, with compare's
 * default metrics and columns, as {@code logs compare FIRST OTHERS...} prints it.
 */
public final class CompareSection {
    private CompareSection() {}

    /** The comparison of {@code logs} against the first; empty for fewer than two runs. */
    public static Optional<ComparisonTable> of(List<TrainingLog> logs) {
        if (logs.size() < 2) {
            return Optional.empty();
        }
        Comparison comparison = Comparison.of(logs.get(0), logs.subList(1, logs.size()), CompareOptions.defaults());
        return Optional.of(
                new ComparisonTable(comparison.rows().get(0).run(), comparison.tableHeader(), comparison.tableRows()));
    }
}
