package dev.forgather.logs.format;

import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.model.SummaryStatistics;
import java.util.List;

/** The human-readable summary: a header, then indented sections. Runs are separated by an empty line. */
public final class TextFormatter implements SummaryFormatter {
    private static final String RULE = "=".repeat(60);

    @Override
    public String format(List<SummaryStatistics> summaries, boolean several) {
        StringBuilder out = new StringBuilder();
        List<String> names = RunNames.ofSummaries(summaries, RunNames.Form.RUN);
        for (int r = 0; r < summaries.size(); r++) {
            SummaryStatistics s = summaries.get(r);
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("Training Run Summary\n").append(RULE).append('\n');
            out.append("Run: ").append(names.get(r)).append('\n');
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
