package dev.forgather.logs.check;

import dev.forgather.logs.model.RunNames;
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
        List<String> names = names(results);
        for (int r = 0; r < results.size(); r++) {
            for (Finding f : results.get(r).findings()) {
                out.append(line(names.get(r), f)).append('\n');
            }
        }
        out.append(verdicts(results));
        return out.toString();
    }

    /** Each result's run name, lengthened where two checked runs share it ({@link RunNames}). */
    static List<String> names(List<CheckResult> results) {
        return RunNames.ofLogs(results.stream().map(CheckResult::log).toList(), RunNames.Form.RUN);
    }

    static String line(String run, Finding f) {
        StringBuilder line = new StringBuilder(run).append(": ");
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
        List<String> names = names(results);
        for (int r = 0; r < results.size(); r++) {
            CheckResult result = results.get(r);
            out.append(names.get(r)).append(": ").append(result.verdict().label());
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
