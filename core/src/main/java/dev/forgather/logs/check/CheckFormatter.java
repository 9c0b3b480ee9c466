package dev.forgather.logs.check;

import java.util.List;

/** Turns check results into the text of one output format. Formatters never print. */
public interface CheckFormatter {
    /** The output for {@code results}, in the order given, ending with a newline (empty for none). */
    String format(List<CheckResult> results);
}
