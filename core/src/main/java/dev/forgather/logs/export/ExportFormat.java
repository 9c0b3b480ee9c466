package dev.forgather.logs.export;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The file formats of an export, by the names users type. */
public enum ExportFormat {
    /** Comma-separated, a header line first; non-finite values as {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    CSV("csv"),
    /** One JSON object per line; a non-finite value as {@code null} with a {@code nonfinite} flag. */
    JSONL("jsonl"),
    /** Apache Parquet, DOUBLE values with NaN and ±Infinity kept; needs {@code forgather-logs-parquet}. */
    PARQUET("parquet");

    private final String cliName;

    ExportFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name users type, e.g. {@code jsonl}. */
    public String cliName() {
        return cliName;
    }

    /** The format called {@code name}, if any. */
    public static Optional<ExportFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
    }

    /** Every format's name, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ExportFormat::cliName).toList();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
