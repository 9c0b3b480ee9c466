package dev.forgather.logs.cli;

import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.report.CheckSection;
import dev.forgather.logs.report.CompareSection;
import dev.forgather.logs.report.HtmlReport;
import dev.forgather.logs.report.ReportInput;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forgather logs report}: one self-contained, offline, interactive HTML file of the chosen runs. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Write one self-contained HTML report of training runs: the summary table with check's verdicts, "
                    + "check's findings, compare's table against the first run, and an interactive chart of every metric.",
            "Everything is inside the file: it opens offline in any browser and can be sent as it is."
        })
final class ReportCommand implements Callable<Integer> {
    @Mixin
    RunSelection runs;

    @Mixin
    OutputOption.ToFile output;

    @Option(
            names = "--title",
            paramLabel = "TITLE",
            description = "The report's title (default: ${DEFAULT-VALUE}).",
            defaultValue = "Training report")
    String title;

    @Override
    public Integer call() throws UserException {
        RunSelection.Loaded result = runs.load();
        List<TrainingLog> loaded = result.logs();
        if (loaded.isEmpty()) {
            return ExitStatus.LOG_FAILED;
        }
        // Once the output is known not to be a log: the checks take seconds on a big log.
        output.write(result, target -> {
            ReportInput checked = ReportInput.of(loaded).withTitle(title).withChecks(CheckSection.of(loaded));
            ReportInput input =
                    CompareSection.of(loaded).map(checked::withComparison).orElse(checked);
            target.write(out -> HtmlReport.write(input, out));
            return "Report of " + loaded.size() + " run(s) written to: " + output.path();
        });
        return result.exitStatus();
    }
}
