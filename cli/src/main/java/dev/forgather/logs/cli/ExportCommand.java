package dev.forgather.logs.cli;

import dev.forgather.logs.Exports;
import dev.forgather.logs.export.ExportFormat;
import dev.forgather.logs.export.ExportTable;
import dev.forgather.logs.export.TableWriter;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forgather logs export}: every value of the chosen runs as one CSV, JSON Lines or Parquet table. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Write every value of training runs to one CSV, JSON Lines or Parquet table for pandas, DuckDB or Spark.",
            "Tidy by default, one row per value: run, model, format, step, epoch, time, metric, value."
        })
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunSelection runs;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = Choices.ExportFormats.class,
            completionCandidates = Choices.ExportFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: from FILE's extension).")
    ExportFormat format;

    @Mixin
    OutputOption.ToFile output;

    @Option(
            names = "--wide",
            description = "One row per record and one column per metric, instead of one row per value.")
    boolean wide;

    @Override
    public Integer call() throws UserException {
        ExportFormat chosenFormat = format != null
                ? format
                : formatOf(output.path())
                        .orElseThrow(() -> new CommandLine.ParameterException(
                                spec.commandLine(),
                                "cannot tell the format of " + output.path() + " from its extension; give --format "
                                        + String.join("|", ExportFormat.names())));
        // Before reading any log: a missing Parquet module should not cost a long read.
        Optional<TableWriter> writer = Exports.writer(chosenFormat);
        if (writer.isEmpty()) {
            throw new UserException(
                    chosenFormat + " export is not available: forgather-logs-parquet is not on the class path");
        }
        RunSelection.Loaded result = runs.load();
        List<TrainingLog> loaded = result.logs();
        if (loaded.isEmpty()) {
            return ExitStatus.LOG_FAILED;
        }
        output.write(result, target -> {
            ExportTable table = Exports.table(loaded, wide ? ExportTable.Layout.WIDE : ExportTable.Layout.TIDY);
            long rows = Exports.write(table, writer.get(), target);
            return "Exported " + rows + " rows from " + loaded.size() + " run(s) to " + output.path();
        });
        return result.exitStatus();
    }

    /** The format named by a file's extension: {@code .csv}, {@code .jsonl} (or {@code .ndjson}), {@code .parquet}. */
    static Optional<ExportFormat> formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return extension.equals("ndjson") ? Optional.of(ExportFormat.JSONL) : ExportFormat.byName(extension);
    }
}
