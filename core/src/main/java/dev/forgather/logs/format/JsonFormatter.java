package dev.forgather.logs.format;

import static dev.forgather.logs.format.JsonFields.integer;
import static dev.forgather.logs.format.JsonFields.number;
import static dev.forgather.logs.format.JsonFields.string;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.forgather.logs.model.Statistic;
import dev.forgather.logs.model.SummaryStatistics;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Strict JSON: one object per run (an array for several), every statistic under its snake_case
 * key, an absent one as {@code null}. A non-finite value (a NaN final loss) is written as
 * {@code null} on purpose — JSON has no NaN, and Jackson's default, the string {@code "NaN"},
 * would break numeric consumers; {@code nonfinite_loss_count} says why it is null.
 */
public final class JsonFormatter implements SummaryFormatter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(List<SummaryStatistics> summaries, boolean several) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            json.setPrettyPrinter(pretty);
            if (several || summaries.size() != 1) {
                json.writeStartArray();
                for (SummaryStatistics s : summaries) {
                    write(json, s);
                }
                json.writeEndArray();
            } else {
                write(json, summaries.get(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void write(JsonGenerator json, SummaryStatistics s) throws IOException {
        json.writeStartObject();
        json.writeStringField("run_name", s.runName());
        string(json, "model_name", s.modelName());
        json.writeStringField("log_path", s.logPath());
        json.writeStringField("format", s.format().id());
        for (Statistic statistic : Statistic.values()) {
            OptionalDouble value = statistic.of(s);
            switch (statistic.style()) {
                case INTEGER -> integer(json, statistic.key(), statistic.wholeOf(s));
                case COUNT -> count(json, statistic.key(), value);
                default -> number(json, statistic.key(), value);
            }
        }
        json.writeObjectFieldStart("config");
        for (Map.Entry<String, String> setting : s.config().entrySet()) {
            json.writeStringField(setting.getKey(), setting.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** A count the log stores as a number (samples, batch size): an integer when whole. */
    private static void count(JsonGenerator json, String key, OptionalDouble value) throws IOException {
        if (value.isPresent()
                && value.getAsDouble() == Math.rint(value.getAsDouble())
                && Math.abs(value.getAsDouble()) < 1e15) {
            json.writeNumberField(key, (long) value.getAsDouble());
        } else {
            number(json, key, value);
        }
    }
}
