package dev.forgather.logs.export;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.forgather.logs.format.Numbers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV with a header line, LF line ends, UTF-8, quoted only where needed (FastCSV's default). A null
 * cell is empty; a non-finite value is {@code NaN}, {@code Infinity} or {@code -Infinity}, which
 * pandas, DuckDB and Spark read back as doubles. Numbers are written as Python's {@code repr}
 * would, so they read back exactly.
 */
public final class CsvTableWriter implements TableWriter {
    @Override
    public ExportFormat format() {
        return ExportFormat.CSV;
    }

    @Override
    public long write(ExportTable table, OutputStream out) throws IOException {
        List<ExportTable.Column> columns = table.columns();
        // FastCSV closes what it is built on; the caller owns out.
        Writer text = new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8);
        long rows = 0;
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text)) {
            csv.writeRecord(columns.stream().map(ExportTable.Column::name).toList());
            ExportTable.Cursor cursor = table.cursor();
            String[] cells = new String[columns.size()];
            while (cursor.next()) {
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = cell(cursor, c, columns.get(c).type());
                }
                csv.writeRecord(cells);
                rows++;
            }
        }
        return rows;
    }

    private static String cell(ExportTable.Cursor cursor, int c, ExportTable.ColumnType type) {
        if (cursor.isNull(c)) {
            return "";
        }
        return switch (type) {
            case TEXT -> cursor.text(c);
            case INTEGER -> Long.toString(cursor.integer(c));
            case AXIS, VALUE -> {
                double value = cursor.number(c);
                String name = NumberText.nonFinite(value);
                yield name != null ? name : Numbers.repr(value);
            }
        };
    }

    /** Lets the CSV writer close its chain without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
