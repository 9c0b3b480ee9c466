package dev.forgather.logs.cli;

import dev.forgather.logs.Outputs;
import dev.forgather.logs.io.IoProblems;
import dev.forgather.logs.io.OutputRefusedException;
import dev.forgather.logs.io.OutputTarget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's {@code --output}: checked by {@link Outputs#target} against the logs it read before
 * anything is written, and named in messages as the user typed it ({@code -o} or {@code --output}).
 */
final class OutputOption {
    private OutputOption() {}

    /**
     * The target to write {@code output} to.
     *
     * @param option any name of the option, e.g. {@code --output}
     * @param loaded the runs chosen (as given) and what they loaded
     * @throws UserException exit status 2 when {@code output} is one of the logs or any log; 1 when
     *     it cannot be inspected
     */
    static OutputTarget target(CommandSpec spec, String option, Path output, RunSelection.Loaded loaded)
            throws UserException {
        List<Path> reading = new ArrayList<>(loaded.chosen());
        reading.addAll(Outputs.pathsOf(loaded.logs()));
        try {
            return Outputs.target(output, reading);
        } catch (OutputRefusedException e) {
            throw new UserException(typed(spec, option) + " " + e.getMessage(), ExitStatus.USAGE);
        } catch (IOException e) {
            throw new UserException(output + ": cannot write: " + IoProblems.reason(e));
        }
    }

    /**
     * Throws a usage error when {@code value} names no file: empty, or a folder ({@code tmp/}, or
     * one that exists), which would otherwise become {@code tmp/.png} or fail late.
     */
    static void requireFile(CommandSpec spec, String option, String value) {
        if (value.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), typed(spec, option) + " is empty: name a file");
        }
        if (value.endsWith("/") || value.endsWith(File.separator) || Files.isDirectory(Path.of(value))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), typed(spec, option) + " " + value + " is a folder: name a file in it");
        }
    }

    /** The name of {@code option} as the user typed it, the last time they did; else its longest name. */
    static String typed(CommandSpec spec, String option) {
        OptionSpec named = spec.findOption(option);
        if (named == null) {
            return option;
        }
        String typed = named.longestName();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed == null) {
            return typed;
        }
        for (String arg : parsed.originalArgs()) {
            if (arg.equals("--")) {
                break;
            }
            for (String name : named.names()) {
                boolean shortName = name.length() == 2 && !name.startsWith("--");
                if (arg.equals(name)
                        || arg.startsWith(name + "=")
                        || (shortName && arg.startsWith(name) && !arg.startsWith("--"))) {
                    typed = name;
                }
            }
        }
        return typed;
    }

    /** The one line for an output that could not be written; nothing when a pipe's reader left. */
    static UserException cannotWrite(Path shown, IOException e) {
        if (StandardOutput.isBrokenPipe(e)) {
            return UserException.quiet(ExitStatus.OK);
        }
        return new UserException(shown + ": cannot write: " + IoProblems.reason(e));
    }

    /**
     * Prints {@code line} (such as {@code Summary written to: FILE}) unless the output was this
     * process's standard output ({@code -o /dev/stdout | jq}), where it would end up in the data.
     */
    static void confirm(CommandSpec spec, OutputTarget target, String line) {
        if (!isStandardOutput(target.path())) {
            spec.commandLine().getOut().println(line);
        }
        spec.commandLine().getOut().flush();
    }

    private static boolean isStandardOutput(Path output) {
        Path stdout = Path.of("/dev/stdout");
        try {
            return Files.exists(stdout) && Files.exists(output) && Files.isSameFile(output, stdout);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
