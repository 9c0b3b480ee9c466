package dev.forgather.logs.format;

import dev.forgather.logs.model.SummaryStatistics;
import java.util.List;

/** Writes summaries in one output format. */
public interface SummaryFormatter {
    /**
     * The summaries as one document, ending with a newline.
     *
     * @param summaries the runs, in the order to show them
     * @param several whether the user asked for several runs ({@code --all} or several paths): JSON
     *     then writes an array and one-line a header, even for a single run
     */
    String format(List<SummaryStatistics> summaries, boolean several);
}
