package dev.forgather.logs.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.forgather.logs.format.Numbers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * JSON Lines: one object per row, keys in column order, UTF-8, each line ended by LF. A null cell is
 * {@code null}. JSON has no NaN, so a non-finite value is written as {@code null} and named in a
 * {@code nonfinite} field — {@code "value": null, "nonfinite": "NaN"} in a tidy row,
 * {@code "nonfinite": {"loss": "Infinity"}} in a wide one — rather than Jackson's default string
 * {@code "NaN"}, which would turn a numeric column into text for every consumer.
 */
public final class JsonLinesTableWriter implements TableWriter {
    /** The field that names the non-finite values of a row. */
    public static final String NONFINITE = "nonfinite";

    private static final JsonFactory JSON =
            new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    @Override
    public ExportFormat format() {
        return ExportFormat.JSONL;
    }

    @Override
    public long write(ExportTable table, OutputStream out) throws IOException {
        List<ExportTable.Column> columns = table.columns();
        boolean tidy = table.layout() == ExportTable.Layout.TIDY;
        long rows = 0;
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            ExportTable.Cursor cursor = table.cursor();
            String[] nonFinite = new String[columns.size()];
            while (cursor.next()) {
                json.writeStartObject();
                boolean anyNonFinite = false;
                for (int c = 0; c < columns.size(); c++) {
                    ExportTable.Column column = columns.get(c);
                    json.writeFieldName(column.name());
                    nonFinite[c] = null;
                    if (cursor.isNull(c)) {
                        json.writeNull();
                        continue;
                    }
                    switch (column.type()) {
                        case TEXT -> json.writeString(cursor.text(c));
                        case INTEGER -> json.writeNumber(cursor.integer(c));
                        case AXIS, VALUE -> {
                            double value = cursor.number(c);
                            nonFinite[c] = NumberText.nonFinite(value);
                            if (nonFinite[c] != null) {
                                json.writeNull();
                                anyNonFinite = true;
                            } else {
                                json.writeNumber(Numbers.repr(value));
                            }
                        }
                    }
                }
                if (anyNonFinite) {
                    writeFlags(json, columns, nonFinite, tidy);
                }
                json.writeEndObject();
                json.writeRaw('\n');
                rows++;
            }
        }
        return rows;
    }

    private static void writeFlags(
            JsonGenerator json, List<ExportTable.Column> columns, String[] nonFinite, boolean tidy) throws IOException {
        if (tidy) {
            json.writeStringField(NONFINITE, nonFinite[ExportTable.VALUE]);
            return;
        }
        json.writeObjectFieldStart(NONFINITE);
        for (int c = 0; c < columns.size(); c++) {
            if (nonFinite[c] != null) {
                json.writeStringField(columns.get(c).name(), nonFinite[c]);
            }
        }
        json.writeEndObject();
    }
}
