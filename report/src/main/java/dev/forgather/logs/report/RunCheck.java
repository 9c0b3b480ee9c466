package dev.forgather.logs.report;

import java.util.List;

/**
 * What {@code logs check} says about one run.
 *
 * @param verdict one word for the summary table, e.g. {@code ok}, {@code warning}, {@code error}
 * @param findings every finding, in the order the check reported them
 */
public record RunCheck(String verdict, List<Finding> findings) {
    public RunCheck {
        findings = List.copyOf(findings);
    }
}
