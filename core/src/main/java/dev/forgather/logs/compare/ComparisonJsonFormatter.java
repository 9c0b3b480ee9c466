package dev.forgather.logs.compare;

import static dev.forgather.logs.format.JsonFields.number;
import static dev.forgather.logs.format.JsonFields.string;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.forgather.logs.format.Numbers;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Strict JSON: an array of row objects, baseline first, under the keys of the issue that pins them
 * ({@code run, model, path, format, baseline, steps, samples_per_second, throughput_ratio, config,
 * metrics.<name>.{final, best, best_step, at_baseline_end, delta, delta_pct}, target}); seed groups
 * add {@code runs}, {@code n}, {@code final_std} and {@code target.never}. A missing value is
 * {@code null}; {@code target} is left out without {@code --target}.
 */
public final class ComparisonJsonFormatter implements ComparisonFormatter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(Comparison comparison, boolean colour) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));
            json.writeStartArray();
            for (ComparisonRow row : comparison.rows()) {
                write(json, row, comparison.grouped());
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void write(JsonGenerator json, ComparisonRow row, boolean grouped) throws IOException {
        json.writeStartObject();
        json.writeStringField("run", row.run());
        if (grouped) {
            json.writeArrayFieldStart("runs");
            for (String member : row.runs()) {
                json.writeString(member);
            }
            json.writeEndArray();
            json.writeNumberField("n", row.n());
        }
        string(json, "model", row.model());
        string(json, "path", row.path());
        string(json, "format", row.format());
        json.writeBooleanField("baseline", row.baseline());
        integer(json, "steps", row.steps());
        number(json, "samples_per_second", row.samplesPerSecond());
        number(json, "throughput_ratio", row.throughputRatio());
        json.writeObjectFieldStart("config");
        for (Map.Entry<String, Optional<String>> e : row.config().entrySet()) {
            string(json, e.getKey(), e.getValue());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("metrics");
        for (Map.Entry<String, MetricComparison> e : row.metrics().entrySet()) {
            MetricComparison m = e.getValue();
            json.writeObjectFieldStart(e.getKey());
            number(json, "final", m.finalValue());
            number(json, "best", m.best());
            integer(json, "best_step", m.bestStep());
            number(json, "at_baseline_end", m.atBaselineEnd());
            number(json, "delta", m.delta());
            number(json, "delta_pct", m.deltaPct());
            if (grouped) {
                number(json, "final_std", m.finalStd());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        if (row.target().isPresent()) {
            TargetResult t = row.target().get();
            json.writeObjectFieldStart("target");
            json.writeStringField("metric", t.metric());
            json.writeFieldName("value");
            json.writeNumber(Numbers.repr(t.value()));
            integer(json, "step", t.step());
            number(json, "seconds", t.seconds());
            number(json, "speedup", t.speedup());
            if (t.never().isPresent()) {
                json.writeNumberField("never", t.never().getAsInt());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** A step or count: an integer when whole (a group's mean step may not be). */
    private static void integer(JsonGenerator json, String key, OptionalDouble value) throws IOException {
        if (value.isPresent()
                && value.getAsDouble() == Math.rint(value.getAsDouble())
                && Math.abs(value.getAsDouble()) < 1e15) {
            json.writeNumberField(key, (long) value.getAsDouble());
        } else {
            number(json, key, value);
        }
    }
}
