package dev.forgather.logs.cli;

import dev.forgather.logs.format.SummaryFormat;
import dev.forgather.logs.io.AtomicFile;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.stats.SummaryCalculator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code forgather logs summary}: the statistics of one run, several, or all. */
@Command(name = "summary", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Print summary statistics of training runs (default: the newest log).")
final class SummaryCommand implements Callable<Integer> {
    @ParentCommand
    LogsCommand logs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Log files (trainer_logs.json) or run directories. Default: the newest log.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--all", description = "Summarise every log of the project, newest first.")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            completionCandidates = FormatConverter.Names.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SummaryFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the summary to FILE (folders are created; written atomically).")
    Path output;

    @Override
    public Integer call() throws UserException {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> chosen = LogSelection.choose(paths, all, logs.projectDir(), err);
        LogSelection.Loaded loaded = LogSelection.load(chosen, err);
        boolean failed = loaded.failed();
        List<SummaryStatistics> summaries = new ArrayList<>();
        for (TrainingLog log : loaded.logs()) {
            summaries.add(SummaryCalculator.summarize(log, log.path().toString()));
        }
        if (summaries.isEmpty()) {
            return ExitCode.SOFTWARE;
        }
        String text = format.formatter().format(summaries, all || chosen.size() > 1);
        if (output != null) {
            try {
                AtomicFile.write(output, text);
            } catch (IOException e) {
                throw new UserException(output + ": cannot write: " + Messages.of(e));
            }
            spec.commandLine().getOut().println("Summary written to: " + output);
        } else {
            spec.commandLine().getOut().print(text);
        }
        spec.commandLine().getOut().flush();
        return failed ? ExitCode.SOFTWARE : ExitCode.OK;
    }

    /** Turns {@code --format one-line} into {@link SummaryFormat#ONE_LINE}. */
    static final class FormatConverter implements CommandLine.ITypeConverter<SummaryFormat> {
        @Override
        public SummaryFormat convert(String value) {
            return SummaryFormat.byName(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a format; expected one of " + String.join(", ", SummaryFormat.names())));
        }

        /** The format names, for help and shell completion. */
        static final class Names extends ArrayList<String> {
            private static final long serialVersionUID = 1L;

            Names() {
                super(SummaryFormat.names());
            }
        }
    }
}
