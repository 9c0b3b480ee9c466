package dev.forgather.logs.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the Forgather trainer's {@code trainer_logs.json}: a JSON array of flat records, written
 * as {@code [}, newline, records joined by {@code ,} and a newline, and {@code ]} only when
 * training ends.
 *
 * <p>A log that is still being written, or whose run was killed, has no closing bracket and may
 * end inside a record. Every complete record is kept; the cut-off tail is reported as a warning.
 * Values are Python {@code json.dumps} output: integers where floats are meant, exponents, and the
 * bare tokens {@code NaN}, {@code Infinity} and {@code -Infinity}. Keys with numbers are kept under
 * their own name; strings, booleans, nulls and nested values are skipped.
 */
public final class ForgatherJsonReader implements LogReader {
    /** The file name the trainer writes. */
    public static final String FILE_NAME = "trainer_logs.json";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    @Override
    public String format() {
        return "forgather";
    }

    @Override
    public boolean accepts(Path file, byte[] head) {
        Path name = file.getFileName();
        if (name == null || !name.toString().endsWith(".json")) {
            return false;
        }
        for (byte b : head) {
            if (!isWhitespace(b)) {
                return b == '[';
            }
        }
        return name.toString().equals(FILE_NAME);
    }

    @Override
    public void read(Path file, TrainingLogBuilder into) throws LogReadException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            readArray(file, size, parser, into);
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
    }

    private static void readArray(Path file, long size, JsonParser parser, TrainingLogBuilder into)
            throws IOException, LogReadException {
        long recordEnd = 0;  // byte offset just past the last complete record
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new LogReadException(file, "empty file");
            }
            if (first != JsonToken.START_ARRAY) {
                throw at(file, parser.currentTokenLocation(), "not a JSON array");
            }
            recordEnd = parser.currentTokenLocation().getByteOffset() + 1;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                readRecord(parser, into);
                recordEnd = parser.currentTokenLocation().getByteOffset() + 1;
            }
            if (token != JsonToken.END_ARRAY) {
                throw at(file, parser.currentTokenLocation(), "expected a record ({...}), found " + describe(token));
            }
            long end = parser.currentTokenLocation().getByteOffset() + 1;
            try {
                if (parser.nextToken() != null) {
                    into.warn(file + ": ignored " + (size - end) + " bytes after the closing ']'");
                }
            } catch (JsonProcessingException e) {
                into.warn(file + ": ignored " + (size - end) + " bytes after the closing ']'");
            }
        } catch (JsonProcessingException e) {
            into.abandonRecord();
            if (!isCutOff(file, e, size)) {
                JsonLocation where = e.getLocation();
                throw at(file, where, plainMessage(e));
            }
            if (into.recordCount() == 0 && recordEnd == 0) {
                throw new LogReadException(file, "not a JSON array");
            }
            long ignored = size - recordEnd;
            if (hasPartialRecord(file, recordEnd, size)) {
                into.warn(file + ": ignored the last " + ignored + " bytes, a record cut off mid-write"
                        + " (the run is still writing or was stopped); read " + into.recordCount() + " records");
            } else {
                into.warn(file + ": no closing ']' (the run is still writing or was stopped); read "
                        + into.recordCount() + " records");
            }
        }
    }

    private static void readRecord(JsonParser parser, TrainingLogBuilder into) throws IOException {
        into.beginRecord();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT) {
                switch (key) {
                    case TrainingLog.GLOBAL_STEP -> into.step(value == JsonToken.VALUE_NUMBER_INT
                            ? parser.getLongValue() : (long) parser.getDoubleValue());
                    case TrainingLog.EPOCH -> into.epoch(parser.getDoubleValue());
                    case TrainingLog.TIMESTAMP -> into.timestamp(parser.getDoubleValue());
                    default -> into.value(key, parser.getDoubleValue());
                }
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (value == null) {
                throw new JsonEOFException(parser, null, "end of input inside a record");
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonEOFException(parser, token, "end of input inside a record");
        }
        into.endRecord();
    }

    /**
     * Whether a parse error is the file simply ending: end of input inside the array, or a token
     * that runs into the end of the file (e.g. {@code Na} of a {@code NaN}, {@code 1.5e} of a number).
     */
    private static boolean isCutOff(Path file, JsonProcessingException e, long size) throws IOException {
        if (e instanceof JsonEOFException) {
            return true;
        }
        JsonLocation where = e.getLocation();
        if (where == null || where.getByteOffset() < 0) {
            return false;
        }
        if (where.getByteOffset() >= size) {
            return true;
        }
        long from = Math.max(0, where.getByteOffset() - 1);
        if (size - from > 64) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            byte[] tail = in.readAllBytes();
            int i = 0;
            while (i < tail.length && isWhitespace(tail[i])) {
                i++;
            }
            for (; i < tail.length; i++) {
                byte b = tail[i];
                if (isWhitespace(b) || b == ',' || b == '}' || b == ']' || b == '{' || b == '[') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Whether anything but white space and commas follows the last complete record. */
    private static boolean hasPartialRecord(Path file, long from, long size) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (!isWhitespace(b) && b != ',') {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static LogReadException at(Path file, JsonLocation where, String problem) {
        if (where == null || where.getLineNr() < 1) {
            return new LogReadException(file, problem);
        }
        return new LogReadException(file, where.getLineNr(), where.getColumnNr(), problem);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            default -> token.asString();
        };
    }

    /** Jackson's message without its source excerpt and location, lowercased to compose. */
    private static String plainMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "invalid JSON";
        }
        int cut = message.indexOf('\n');
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        if (message.startsWith("Unexpected character ('")) {
            int end = message.indexOf("' (code");
            return end > 0 ? "unexpected character '" + message.substring(23, end) + "'" : "unexpected character";
        }
        message = message.strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
