package dev.forgather.logs.export.parquet;

import dev.forgather.logs.export.ExportFormat;
import dev.forgather.logs.export.ExportTable;
import dev.forgather.logs.export.TableWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Apache Parquet through the Parquet Java writer: text as UTF-8 {@code STRING}, the step as
 * {@code INT64}, epoch, time and values as {@code DOUBLE}, so NaN and ±Infinity stay as they are.
 * Key columns that may be absent (model, step, epoch, time) are optional, as are the metric columns of a
 * wide table. Written through a plain {@link ParquetConfiguration}, without a Hadoop file system.
 */
public final class ParquetTableWriter implements TableWriter {
    private final CompressionCodecName codec;

    /** A writer compressing pages with Snappy: what pandas, DuckDB and Spark write by default, and all read. */
    public ParquetTableWriter() {
        this(CompressionCodecName.SNAPPY);
    }

    ParquetTableWriter(CompressionCodecName codec) {
        this.codec = codec;
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.PARQUET;
    }

    @Override
    public long write(ExportTable table, OutputStream out) throws IOException {
        MessageType schema = schemaOf(table);
        ExportTable.Cursor cursor = table.cursor();
        long rows = 0;
        try (ParquetWriter<ExportTable.Cursor> writer = new Builder(new StreamOutputFile(out), schema, table.columns())
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(codec)
                .withCodecFactory(new PureJavaCodecs())
                .build()) {
            while (cursor.next()) {
                writer.write(cursor);
                rows++;
            }
        }
        return rows;
    }

    static MessageType schemaOf(ExportTable table) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (ExportTable.Column column : table.columns()) {
            boolean optional = switch (column.type()) {
                case TEXT -> column.name().equals("model");
                // The step: a record may give none (a log without global_step).
                case INTEGER -> true;
                case AXIS -> true;
                case VALUE -> table.layout() == ExportTable.Layout.WIDE;
            };
            Type.Repetition repetition = optional ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            switch (column.type()) {
                case TEXT ->
                    message.primitive(PrimitiveTypeName.BINARY, repetition)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(column.name());
                case INTEGER ->
                    message.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
                case AXIS, VALUE ->
                    message.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
            }
        }
        return message.named("forgather_export");
    }

    private static final class Builder extends ParquetWriter.Builder<ExportTable.Cursor, Builder> {
        private final MessageType schema;
        private final List<ExportTable.Column> columns;

        Builder(OutputFile file, MessageType schema, List<ExportTable.Column> columns) {
            super(file);
            this.schema = schema;
            this.columns = columns;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ExportTable.Cursor> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new CursorWriteSupport(schema, columns);
        }

        @Override
        protected WriteSupport<ExportTable.Cursor> getWriteSupport(ParquetConfiguration conf) {
            return new CursorWriteSupport(schema, columns);
        }
    }

    /** Hands the cursor's current row to Parquet's record consumer, column by column. */
    private static final class CursorWriteSupport extends WriteSupport<ExportTable.Cursor> {
        private final MessageType schema;
        private final List<ExportTable.Column> columns;
        /** Text cells repeat (a few runs, formats and metrics): encode each distinct one once. */
        private final Map<String, Binary> binaries = new HashMap<>();

        private RecordConsumer consumer;

        CursorWriteSupport(MessageType schema, List<ExportTable.Column> columns) {
            this.schema = schema;
            this.columns = columns;
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(ExportTable.Cursor row) {
            consumer.startMessage();
            for (int c = 0; c < columns.size(); c++) {
                if (row.isNull(c)) {
                    continue;
                }
                ExportTable.Column column = columns.get(c);
                consumer.startField(column.name(), c);
                switch (column.type()) {
                    case TEXT -> consumer.addBinary(binaries.computeIfAbsent(row.text(c), Binary::fromString));
                    case INTEGER -> consumer.addLong(row.integer(c));
                    case AXIS, VALUE -> consumer.addDouble(row.number(c));
                }
                consumer.endField(column.name(), c);
            }
            consumer.endMessage();
        }
    }
}
