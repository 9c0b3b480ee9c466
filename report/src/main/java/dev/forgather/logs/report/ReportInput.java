package dev.forgather.logs.report;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.Optional;

/**
 * Everything one report shows. The check and compare sections are given by the caller (the
 * command line runs {@code logs check} and {@code logs compare}); a section that is absent is
 * left out of the report, not shown empty.
 *
 * @param title the page title and heading
 * @param logs the runs, in the order they are drawn and coloured
 * @param labels the run names, one per log (see {@link dev.forgather.logs.plot.RunLabels})
 * @param checks one {@link RunCheck} per log, in the same order; empty when no check was run
 * @param comparison the comparison against the first run; empty for one run or when none was made
 */
public record ReportInput(
        String title,
        List<TrainingLog> logs,
        List<String> labels,
        Optional<List<RunCheck>> checks,
        Optional<ComparisonTable> comparison) {
    public ReportInput {
        logs = List.copyOf(logs);
        labels = List.copyOf(labels);
        if (labels.size() != logs.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + logs.size() + " logs");
        }
        checks = checks.map(List::copyOf);
        if (checks.isPresent() && checks.get().size() != logs.size()) {
            throw new IllegalArgumentException(checks.get().size() + " checks for " + logs.size() + " logs");
        }
    }

    /** The runs under the default title, named as the PNG charts name them, without check or compare sections. */
    public static ReportInput of(List<TrainingLog> logs) {
        return new ReportInput(
                "Training report",
                logs,
                dev.forgather.logs.plot.RunLabels.of(logs, List.of()),
                Optional.empty(),
                Optional.empty());
    }

    public ReportInput withTitle(String newTitle) {
        return new ReportInput(newTitle, logs, labels, checks, comparison);
    }

    public ReportInput withChecks(List<RunCheck> newChecks) {
        return new ReportInput(title, logs, labels, Optional.of(newChecks), comparison);
    }

    public ReportInput withComparison(ComparisonTable table) {
        return new ReportInput(title, logs, labels, checks, Optional.of(table));
    }
}
