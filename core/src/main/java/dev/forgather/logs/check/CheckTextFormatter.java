package dev.forgather.logs.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text: {@code RUN: steps 3100-3140: MESSAGE} per finding (runs in order, each run's worst
 * first), then {@code RUN: VERDICT (COUNTS)} per run.
 */
final class CheckTextFormatter implements CheckFormatter {
    @Override
    public String format(List<CheckResult> results) {
        StringBuilder out = new StringBuilder();
        for (CheckResult result : results) {
            for (Finding f : result.findings()) {
                out.append(line(result, f)).append('\n');
            }
        }
        out.append(verdicts(results));
        return out.toString();
    }

    static String line(CheckResult result, Finding f) {
        StringBuilder line = new StringBuilder(result.log().runName()).append(": ");
        if (f.firstStep().isPresent()) {
            long first = f.firstStep().getAsLong();
            long last = f.lastStep().orElse(first);
            line.append(first == last ? "step " + first : "steps " + first + "-" + last)
                    .append(": ");
        }
        return line.append(f.message()).toString();
    }

    /** One verdict line per run: {@code adamw_lr1e-3: warning (1 warning)}. */
    static String verdicts(List<CheckResult> results) {
        StringBuilder out = new StringBuilder();
        for (CheckResult result : results) {
            out.append(result.log().runName())
                    .append(": ")
                    .append(result.verdict().label());
            List<String> counts = new ArrayList<>();
            long errors = result.count(Severity.ERROR);
            long warnings = result.count(Severity.WARN);
            long infos = result.count(Severity.INFO);
            if (errors > 0) {
                counts.add(Evidence.count(errors, "error"));
            }
            if (warnings > 0) {
                counts.add(Evidence.count(warnings, "warning"));
            }
            if (infos > 0) {
                counts.add(infos + " info");
            }
            if (!counts.isEmpty()) {
                out.append(" (").append(String.join(", ", counts)).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
