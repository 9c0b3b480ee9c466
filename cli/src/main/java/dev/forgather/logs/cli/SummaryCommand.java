package dev.forgather.logs.cli;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.format.SummaryFormat;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forgather logs summary}: the statistics of one run, several, or all. */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Print summary statistics of training runs: loss, eval loss, speed, gradients, learning rate.")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    RunSelection runs;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Choices.SummaryFormats.class,
            completionCandidates = Choices.SummaryFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SummaryFormat format;

    @Mixin
    OutputOption.ToFileOrStandardOutput output;

    @Override
    public Integer call() throws UserException {
        RunSelection.Loaded loaded = runs.load();
        List<SummaryStatistics> summaries = new ArrayList<>();
        for (TrainingLog log : loaded.logs()) {
            summaries.add(TrainingLogs.summarize(log));
        }
        if (summaries.isEmpty()) {
            return ExitStatus.LOG_FAILED;
        }
        String text = format.formatter().format(summaries, loaded.several());
        output.print(loaded, text, "Summary written to: ");
        return loaded.exitStatus();
    }
}
