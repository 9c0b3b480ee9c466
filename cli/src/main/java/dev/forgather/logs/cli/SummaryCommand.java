package dev.forgather.logs.cli;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.format.SummaryFormat;
import dev.forgather.logs.io.OutputTarget;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the summary to FILE (folders are created; written atomically).")
    Path output;

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
        if (output != null) {
            OutputTarget target = OutputOption.target(spec, "--output", output, loaded);
            try {
                target.write(text);
            } catch (IOException e) {
                throw OutputOption.cannotWrite(output, e);
            }
            OutputOption.confirm(spec, target, "Summary written to: " + output);
        } else {
            spec.commandLine().getOut().print(text);
        }
        spec.commandLine().getOut().flush();
        return loaded.exitStatus();
    }
}
