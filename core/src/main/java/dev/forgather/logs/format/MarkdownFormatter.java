package dev.forgather.logs.format;

import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.model.SummaryStatistics;
import java.util.List;

/**
 * The markdown report: bold header lines, a Metrics table with the step of each value, and
 * bullet lists for the other sections. Runs are separated by an empty line.
 */
public final class MarkdownFormatter implements SummaryFormatter {
    @Override
    public String format(List<SummaryStatistics> summaries, boolean several) {
        StringBuilder out = new StringBuilder();
        List<String> names = RunNames.ofSummaries(summaries, RunNames.Form.RUN);
        for (int r = 0; r < summaries.size(); r++) {
            SummaryStatistics s = summaries.get(r);
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("# Training Run Summary\n\n");
            out.append("**Run:** ").append(names.get(r)).append('\n');
            for (SummarySections.Item item : SummarySections.header(s)) {
                out.append("**")
                        .append(item.label())
                        .append(":** ")
                        .append(item.value())
                        .append('\n');
            }
            List<SummarySections.Item> table = SummarySections.metricsTable(s);
            if (!table.isEmpty()) {
                out.append("\n## Metrics\n\n| Metric | Value | Step |\n|--------|-------|------|\n");
                for (SummarySections.Item row : table) {
                    out.append("| ")
                            .append(row.label())
                            .append(" | ")
                            .append(row.value())
                            .append(" | ")
                            .append(
                                    row.step().isPresent()
                                            ? Long.toString(row.step().getAsLong())
                                            : "")
                            .append(" |\n");
                }
            }
            for (SummarySections.Section section : SummarySections.sections(s, false)) {
                out.append("\n## ").append(section.title()).append("\n\n");
                for (SummarySections.Item item : section.items()) {
                    out.append("- **")
                            .append(item.label())
                            .append(":** ")
                            .append(item.withStep())
                            .append('\n');
                }
            }
        }
        return out.toString();
    }
}
