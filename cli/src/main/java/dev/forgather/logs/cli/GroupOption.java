package dev.forgather.logs.cli;

import dev.forgather.logs.compare.CompareOptions;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;

/** The {@code --group[=REGEX]} value of plot and compare, read one way for both. */
final class GroupOption {
    private GroupOption() {}

    /**
     * The seed pattern {@code group} gives: the default for {@code --group} alone (an empty
     * value), else {@code group} compiled; a usage error of {@code command} when it is not a
     * regular expression, in lower-case words.
     */
    static Pattern pattern(CommandLine command, String group) {
        if (group.isEmpty()) {
            return CompareOptions.DEFAULT_GROUP_PATTERN;
        }
        try {
            return Pattern.compile(group);
        } catch (PatternSyntaxException e) {
            String why = e.getDescription();
            throw new CommandLine.ParameterException(
                    command,
                    "--group: '" + group + "' is not a regular expression: "
                            + (why.isEmpty() ? why : why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1)));
        }
    }
}
