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
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command's {@code -o/--output}: checked by {@link Outputs#target} against the logs it read before
 * anything is written, and named in messages as the user typed it ({@code -o} or {@code --output}).
 * As a picocli mixin, {@link ToFile} (a file is required) or {@link ToFileOrStandardOutput}, it is the
 * one way a command writes its result: {@code output.write(loaded, target -> ...)}.
 */
abstract class OutputOption {
    /** The command this option is mixed into. */
    abstract CommandSpec command();

    /** The file named by {@code -o/--output}, if any. */
    abstract Optional<Path> file();

    /** {@code -o FILE}, required: export and report write files only. */
    static final class ToFile extends OutputOption {
        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                required = true,
                description = "The file to write (folders are created; written atomically).")
        Path output;

        @Override
        CommandSpec command() {
            return command;
        }

        @Override
        Optional<Path> file() {
            return Optional.of(output);
        }

        /** The file named. */
        Path path() {
            return output;
        }
    }

    /** {@code -o FILE}, or standard output without it: summary, compare. */
    static final class ToFileOrStandardOutput extends OutputOption {
        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write to FILE instead of standard output (folders are created; written atomically).")
        Path output;

        @Override
        CommandSpec command() {
            return command;
        }

        @Override
        Optional<Path> file() {
            return Optional.ofNullable(output);
        }

        /**
         * Prints {@code text} on standard output, or writes it to the file and says so with {@code
         * confirmation} followed by the file's name ({@code Summary written to: FILE}).
         */
        void print(RunSelection.Loaded loaded, String text, String confirmation) throws UserException {
            if (output == null) {
                command.commandLine().getOut().print(text);
                command.commandLine().getOut().flush();
                return;
            }
            write(loaded, target -> {
                target.write(text);
                return confirmation + output;
            });
        }
    }

    /** What a command writes to its checked target; gives the line that says what was written. */
    @FunctionalInterface
    interface Writing {
        String write(OutputTarget target) throws IOException;
    }

    /**
     * Writes to the file named by {@code -o/--output}, once it is known not to be one of the logs
     * read, and prints the line {@code writing} gives.
     *
     * @throws UserException as {@link #target} does; exit status 1 with one line when the write fails
     */
    void write(RunSelection.Loaded loaded, Writing writing) throws UserException {
        write(command(), file().orElseThrow(), loaded, writing);
    }

    /** As {@link #write(RunSelection.Loaded, Writing)}, to {@code file} (plot's, named by default when not given). */
    static void write(CommandSpec spec, Path file, RunSelection.Loaded loaded, Writing writing) throws UserException {
        OutputTarget target = target(spec, "--output", file, loaded);
        String line;
        try {
            line = writing.write(target);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        confirm(spec, target, line);
    }

    /**
     * The target to write {@code output} to.
     *
     * @param option any name of the option, e.g. {@code --output}
     * @param loaded the runs chosen (as given) and what they loaded
     * @throws UserException exit status 2 when {@code output} is one of the logs or any log; 1 when
     *     it cannot be inspected
     */
    private static OutputTarget target(CommandSpec spec, String option, Path output, RunSelection.Loaded loaded)
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
    private static UserException cannotWrite(Path shown, IOException e) {
        if (StandardOutput.isBrokenPipe(e)) {
            return UserException.quiet(ExitStatus.OK);
        }
        return new UserException(shown + ": cannot write: " + IoProblems.reason(e));
    }

    /**
     * Prints {@code line} (such as {@code Summary written to: FILE}) unless the output was this
     * process's standard output ({@code -o /dev/stdout | jq}), where it would end up in the data.
     */
    private static void confirm(CommandSpec spec, OutputTarget target, String line) {
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
