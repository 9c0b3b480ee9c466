package dev.forgather.logs.format;

import dev.forgather.logs.model.SummaryStatistics;
import java.util.List;

/** The human-readable summary: a header, then indented sections. Runs are separated by an empty line. */
public final class TextFormatter implements SummaryFormatter {
    private static final String RULE = "=".repeat(60);

    @Override
    public String format(List<SummaryStatistics> summaries, boolean several) {
        StringBuilder out = new StringBuilder();
        for (SummaryStatistics s : summaries) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("Training Run Summary\n").append(RULE).append('\n');
            out.append("Run: ").append(s.runName()).append('\n');
            for (SummarySections.Item item : SummarySections.header(s)) {
                out.append(item.label()).append(": ").append(item.value()).append('\n');
            }
            for (SummarySections.Section section : SummarySections.sections(s, true)) {
                out.append('\n').append(section.title()).append(":\n");
                for (SummarySections.Item item : section.items()) {
                    out.append("  ")
                            .append(item.label())
                            .append(": ")
                            .append(item.withStep())
                            .append('\n');
                }
            }
        }
        return out.toString();
    }
}
