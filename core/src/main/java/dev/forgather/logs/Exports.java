package dev.forgather.logs;

import dev.forgather.logs.export.CsvTableWriter;
import dev.forgather.logs.export.ExportFormat;
import dev.forgather.logs.export.ExportTable;
import dev.forgather.logs.export.JsonLinesTableWriter;
import dev.forgather.logs.export.TableWriter;
import dev.forgather.logs.io.OutputRefusedException;
import dev.forgather.logs.io.OutputTarget;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The library's entry point for handing runs on to pandas, DuckDB or Spark: one table of every
 * value of the runs given, written as CSV, JSON Lines or Parquet.
 *
 * <pre>{@code
 * List<TrainingLog> logs = List.of(TrainingLogs.load(runA), TrainingLogs.load(runB));
 * long rows = Exports.write(ExportTable.tidy(logs), ExportFormat.CSV, Path.of("runs.csv"));
 * }</pre>
 *
 * <p>Parquet needs the {@code forgather-logs-parquet} artifact on the class path; it is looked up
 * only when asked for, so CSV and JSON Lines users do not load it.
 */
public final class Exports {
    private Exports() {}

    /**
     * The writer of {@code format}; empty for Parquet when {@code forgather-logs-parquet} is not on
     * the class path.
     */
    public static Optional<TableWriter> writer(ExportFormat format) {
        return switch (format) {
            case CSV -> Optional.of(new CsvTableWriter());
            case JSONL -> Optional.of(new JsonLinesTableWriter());
            default ->
                ServiceLoader.load(TableWriter.class, Exports.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(w -> w.format() == format)
                        .findFirst();
        };
    }

    /**
     * Writes {@code table} to {@code output} in {@code format}, atomically: into a temporary file
     * beside it, then renamed over it, so that a failure leaves no half-written file and an earlier
     * {@code output} as it was. Folders are created. An {@code output} that is one of the table's
     * logs, or any training log, is refused ({@link Outputs#target}).
     *
     * @return how many rows were written
     * @throws OutputRefusedException when {@code output} is a log
     * @throws IllegalStateException when no writer of {@code format} is on the class path
     */
    public static long write(ExportTable table, ExportFormat format, Path output) throws IOException {
        TableWriter writer = writer(format)
                .orElseThrow(() ->
                        new IllegalStateException(format + " export needs forgather-logs-parquet on the class path"));
        return write(table, writer, output);
    }

    /** Writes {@code table} to {@code output} with {@code writer}, atomically, as {@link #write(ExportTable, ExportFormat, Path)}. */
    public static long write(ExportTable table, TableWriter writer, Path output) throws IOException {
        return write(table, writer, Outputs.targetFor(output, table.logs()));
    }

    /** Writes {@code table} to a target already checked by {@link Outputs#target}. */
    public static long write(ExportTable table, TableWriter writer, OutputTarget output) throws IOException {
        long[] rows = new long[1];
        output.write(out -> rows[0] = writer.write(table, out));
        return rows[0];
    }

    /** The tidy ({@code --wide}: wide) table of {@code logs}. */
    public static ExportTable table(List<TrainingLog> logs, ExportTable.Layout layout) {
        return ExportTable.of(logs, layout);
    }
}
