package dev.forgather.logs.check;

import java.util.List;

/**
 * GitHub Actions workflow commands, one per finding, then the text verdict lines:
 * {@code ::error file=PATH,title=forgather check DETECTOR::RUN: MESSAGE} ({@code ::warning} for
 * a warning, {@code ::notice} for info), escaped as the runner expects (a property value's
 * {@code ,} and {@code :} too), so a path or message cannot break the line.
 */
final class CheckGithubFormatter implements CheckFormatter {
    @Override
    public String format(List<CheckResult> results) {
        StringBuilder out = new StringBuilder();
        List<String> names = CheckTextFormatter.names(results);
        for (int r = 0; r < results.size(); r++) {
            CheckResult result = results.get(r);
            for (Finding f : result.findings()) {
                out.append(f.severity().githubCommand())
                        .append(" file=")
                        .append(property(result.log().path().toString()))
                        .append(",title=")
                        .append(property("forgather check " + f.detector()))
                        .append("::")
                        .append(data(names.get(r) + ": " + f.message()))
                        .append('\n');
            }
        }
        out.append(CheckTextFormatter.verdicts(results));
        return out.toString();
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
