package dev.forgather.logs.cli;

import java.util.Map;

/** Whether output may be coloured: standard output is a terminal and the user has not set {@code NO_COLOR}. */
final class Terminal {
    private Terminal() {}

    static boolean colours(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false; // https://no-color.org: set and not empty
        }
        // On Java 17 a console exists only when standard input and output are both a terminal.
        return System.console() != null && !"dumb".equals(env.get("TERM"));
    }
}
