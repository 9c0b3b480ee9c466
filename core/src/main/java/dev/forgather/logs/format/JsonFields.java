package dev.forgather.logs.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The JSON rule every formatter follows (summary, check, compare): an absent value is
 * {@code null}, and so is a non-finite number (strict JSON never holds a bare {@code NaN}, as
 * jfr's {@code JSONWriter} does), while a finite one is written as Python's {@code repr} would.
 */
public final class JsonFields {
    private JsonFields() {}

    /** {@code "key": "value"}, or {@code null} when absent. */
    public static void string(JsonGenerator json, String key, Optional<String> value) throws IOException {
        json.writeFieldName(key);
        if (value.isPresent()) {
            json.writeString(value.get());
        } else {
            json.writeNull();
        }
    }

    /** {@code "key": 3000}, or {@code null} when absent. */
    public static void integer(JsonGenerator json, String key, OptionalLong value) throws IOException {
        json.writeFieldName(key);
        if (value.isPresent()) {
            json.writeNumber(value.getAsLong());
        } else {
            json.writeNull();
        }
    }

    /** {@code "key": 1.4422}, or {@code null} when absent or not finite. */
    public static void number(JsonGenerator json, String key, OptionalDouble value) throws IOException {
        json.writeFieldName(key);
        if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
            json.writeNumber(Numbers.repr(value.getAsDouble()));
        } else {
            json.writeNull();
        }
    }
}
