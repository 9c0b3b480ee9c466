package dev.forgather.logs.check;

import static dev.forgather.logs.format.JsonFields.integer;
import static dev.forgather.logs.format.JsonFields.number;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Strict JSON, always an array with one object per run: {@code run}, {@code model}, {@code path},
 * {@code format}, {@code verdict} and {@code findings}, each finding with {@code detector},
 * {@code severity}, {@code metric}, {@code first_step}, {@code last_step}, {@code value},
 * {@code threshold} and {@code message}. Absent and non-finite values are {@code null}.
 */
final class CheckJsonFormatter implements CheckFormatter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(List<CheckResult> results) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));
            json.writeStartArray();
            for (CheckResult result : results) {
                write(json, result);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void write(JsonGenerator json, CheckResult result) throws IOException {
        json.writeStartObject();
        json.writeStringField("run", result.log().runName());
        json.writeStringField("model", result.log().modelName().orElse(null));
        json.writeStringField("path", result.log().path().toString());
        json.writeStringField("format", result.log().format().id());
        json.writeStringField("verdict", result.verdict().label());
        json.writeArrayFieldStart("findings");
        for (Finding f : result.findings()) {
            json.writeStartObject();
            json.writeStringField("detector", f.detector());
            json.writeStringField("severity", f.severity().label());
            json.writeStringField("metric", f.metric().orElse(null));
            integer(json, "first_step", f.firstStep());
            integer(json, "last_step", f.lastStep());
            number(json, "value", OptionalDouble.of(f.value()));
            number(json, "threshold", f.threshold());
            json.writeStringField("message", f.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
