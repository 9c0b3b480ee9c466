package dev.forgather.logs.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an {@link ExportTable} in one file format. CSV and JSON Lines are built in; Parquet comes
 * from the separate {@code forgather-logs-parquet} module, found through
 * {@link java.util.ServiceLoader} only when Parquet is asked for, so that the core stays small.
 */
public interface TableWriter {
    /** The format this writer writes. */
    ExportFormat format();

    /**
     * Writes every row of {@code table} to {@code out}, leaving it open.
     *
     * @return how many rows were written (the header not counted)
     */
    long write(ExportTable table, OutputStream out) throws IOException;
}
