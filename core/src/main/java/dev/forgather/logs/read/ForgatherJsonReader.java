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
import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** Parts a large file is split into for parallel reading, at most; each at least {@link #MIN_PART_BYTES}. */
    private static final int MAX_PARTS = 8;

    private static final long MIN_PART_BYTES = 4L << 20;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final long minPartBytes;
    private final int bufferBytes;
    private final int maxParts;

    /** The reader, tuned for real logs. */
    public ForgatherJsonReader() {
        this(MIN_PART_BYTES, RecordScanner.BUFFER);
    }

    /** A reader that splits files into parts of {@code minPartBytes} and reads through a buffer of {@code bufferBytes}: for tests. */
    ForgatherJsonReader(long minPartBytes, int bufferBytes) {
        this(minPartBytes, bufferBytes, Math.min(Runtime.getRuntime().availableProcessors(), MAX_PARTS));
    }

    /** As {@link #ForgatherJsonReader(long, int)}, in up to {@code maxParts} parts whatever the cores: for tests. */
    ForgatherJsonReader(long minPartBytes, int bufferBytes, int maxParts) {
        this.minPartBytes = minPartBytes;
        this.bufferBytes = bufferBytes;
        this.maxParts = maxParts;
    }

    /** A run folder's {@code trainer_logs.json}. */
    @Override
    public Optional<Path> logIn(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Reads on from the end of the last complete record at each poll: see {@link ForgatherJsonTail}. */
    @Override
    public LogTail tail(Path log, RunName name, LogFormat format) {
        return new ForgatherJsonTail(this, log, name, format);
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

    /**
     * The run's settings that its folder records: the Hugging Face-style {@code trainer_state.json}
     * the Forgather trainer saves beside its log, and a {@code config.json} or
     * {@code training_args.json} there ({@link ConfigFiles#huggingFace}).
     */
    static void config(Path file, TrainingLogBuilder into) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            ConfigFiles.huggingFace(folder, true, into);
        }
    }

    @Override
    public void read(Path file, TrainingLogBuilder into) throws LogReadException {
        config(file, into);
        long size;
        long nuls;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            nuls = trailingNuls(file, channel, size);
            if (size - nuls > 0 && scanFast(file, channel, size - nuls, nuls, into)) {
                return;
            }
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
        readWithJackson(file, size - nuls, nuls, into);
    }

    /** Reads any JSON file with Jackson: the general path, and the one that words every error. */
    static void readWithJackson(Path file, long size, TrainingLogBuilder into) throws LogReadException {
        long nuls;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            nuls = trailingNuls(file, channel, size);
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
        readWithJackson(file, size - nuls, nuls, into);
    }

    /** Reads the first {@code size} bytes with Jackson; {@code nuls} NUL bytes follow them. */
    private static void readWithJackson(Path file, long size, long nuls, TrainingLogBuilder into)
            throws LogReadException {
        try (InputStream in = limited(Files.newInputStream(file), size);
                JsonParser parser = JSON.createParser(in)) {
            readArray(file, size, nuls, parser, into);
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
    }

    /**
     * How many NUL bytes end the file. A file the system allocated before the trainer wrote into
     * it (a crash, a power loss) ends in zeros where the records never arrived: a cut-off log, not
     * a damaged one. Throws when the file holds nothing else.
     */
    private static long trailingNuls(Path file, FileChannel channel, long size) throws IOException, LogReadException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - from));
            while (chunk.hasRemaining() && channel.read(chunk, from + chunk.position()) > 0) {
                // fill the chunk
            }
            int n = chunk.position();
            for (int i = n - 1; i >= 0; i--) {
                if (chunk.get(i) != 0) {
                    return size - (from + i + 1);
                }
            }
            if (n < end - from) {
                // The file shrank meanwhile (a resumed run truncating it): these bytes are gone, not
                // NUL; the read that follows sees what the file holds now.
                return 0;
            }
            end = from;
        }
        if (size > 0) {
            throw new LogReadException(file, "holds only NUL bytes (" + size + "): nothing was written to it");
        }
        return 0;
    }

    /** The first {@code limit} bytes of {@code in}. */
    private static InputStream limited(InputStream in, long limit) {
        return new java.io.FilterInputStream(in) {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(Math.min(n, left));
                left -= skipped;
                return skipped;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }
        };
    }

    /**
     * Reads the file with {@link RecordScanner}, in parallel parts when it is large. False when the
     * file is not in the trainer's plain shape: then {@code into} is emptied again and Jackson reads it.
     */
    boolean scanFast(Path file, FileChannel channel, long size, TrainingLogBuilder into) throws IOException {
        return scanFast(file, channel, size, 0, into);
    }

    /** As {@link #scanFast(Path, FileChannel, long, TrainingLogBuilder)}, for the first {@code size} bytes, before {@code nuls} NUL bytes. */
    private boolean scanFast(Path file, FileChannel channel, long size, long nuls, TrainingLogBuilder into)
            throws IOException {
        ScanEnd end = scan(channel, size, into);
        if (end == null) {
            return false;
        }
        warn(file, end.ending(size, nuls), into);
        return true;
    }

    /**
     * Where a scan of the whole file, or of its tail, stopped.
     *
     * @param recordEnd the byte offset just past the last complete record (just past {@code [}
     *     when there is none)
     * @param closed whether the closing {@code ]} was read
     * @param cutInsideRecord whether the file ends inside a record
     */
    record ScanEnd(long recordEnd, boolean closed, boolean cutInsideRecord) {
        /** What the reader says was ignored at the end of a file of {@code size} bytes and then {@code nuls} NULs; null when nothing. */
        String ending(long size, long nuls) {
            return !closed
                    ? (cutInsideRecord ? cutOff(size - recordEnd, nuls) : unclosed(nuls))
                    : nuls > 0 ? nulTail(nuls) : null;
        }
    }

    /**
     * Reads bytes {@code [from, size)} of the file into {@code into}, the builder that read what
     * lies before: {@code from} is a {@link ScanEnd#recordEnd()}, just past a record
     * ({@code afterRecord}) or past the opening {@code [}, or 0. Null when those bytes are not in
     * the trainer's plain shape.
     */
    ScanEnd scanTail(FileChannel channel, long from, boolean afterRecord, long size, TrainingLogBuilder into)
            throws IOException {
        try {
            RecordScanner.Part part = new RecordScanner(channel, from, size, true, bufferBytes, afterRecord).scan(into);
            return new ScanEnd(part.recordEnd, part.closed, part.cutInsideRecord);
        } catch (RecordScanner.Unsupported e) {
            into.abandonRecord();
            return null;
        }
    }

    /**
     * Reads the whole file with {@link RecordScanner}, in parallel parts when it is large, without
     * warning about its end; null when it is not in the trainer's plain shape (then {@code into}
     * is emptied again).
     */
    ScanEnd scan(FileChannel channel, long size, TrainingLogBuilder into) throws IOException {
        long[] bounds = split(channel, size);
        int parts = bounds.length - 1;
        RecordScanner.Part[] results = new RecordScanner.Part[parts];
        Throwable[] failures = new Throwable[parts];
        Thread[] workers = new Thread[parts];
        double recordsPerByte = recordsPerByte(channel, bounds[1]);
        for (int i = 1; i < parts; i++) {
            int part = i;
            workers[i] = new Thread(
                    () -> {
                        try {
                            TrainingLogBuilder builder = new TrainingLogBuilder();
                            builder.reserve(records(recordsPerByte, bounds[part + 1] - bounds[part]));
                            results[part] = new RecordScanner(
                                            channel, bounds[part], bounds[part + 1], part == parts - 1, bufferBytes)
                                    .estimating()
                                    .scan(builder);
                        } catch (IOException | RecordScanner.Unsupported | RuntimeException | OutOfMemoryError e) {
                            // Handed to the caller's thread, which reports it: never a stack trace from here.
                            failures[part] = e;
                        }
                    },
                    "forgather-read-" + i);
            workers[i].start();
        }
        try {
            // The first part fills the caller's builder itself: the arrays of a one-part file are not copied.
            into.reserve(records(recordsPerByte, bounds[1]));
            results[0] = new RecordScanner(channel, bounds[0], bounds[1], parts == 1, bufferBytes)
                    .estimating()
                    .scan(into);
        } catch (RecordScanner.Unsupported e) {
            failures[0] = e;
        }
        for (int i = 1; i < parts; i++) {
            try {
                workers[i].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            }
        }
        for (Throwable failure : failures) {
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                into.reset();
                return null;
            }
        }
        // The last complete record may lie in an earlier part, when the last part holds none.
        long recordEnd = results[0].recordEnd;
        List<TrainingLogBuilder> rest = new ArrayList<>(parts - 1);
        for (int i = 1; i < parts; i++) {
            if (results[i].builder.recordCount() > 0) {
                recordEnd = results[i].recordEnd;
            }
            rest.add(results[i].builder);
        }
        RecordScanner.Part last = results[parts - 1];
        // Joined column by column, each part's arrays let go once copied: the peak is the parts
        // and one column more, not the log twice (issue 14).
        Arrays.fill(results, 1, parts, null);
        into.append(rest);
        rest.clear();
        into.expect(0);
        return new ScanEnd(recordEnd, last.closed, last.cutInsideRecord);
    }

    /**
     * Records per byte, judged from the length of the file's first lines (at most its first
     * {@code bytes}); 0 when they are too few to tell. The trainer writes one record a line.
     */
    private static double recordsPerByte(FileChannel channel, long bytes) throws IOException {
        ByteBuffer sample = ByteBuffer.allocate((int) Math.min(bytes, 64 * 1024));
        int read = channel.read(sample, 0);
        int lines = 0;
        for (int i = 0; i < read; i++) {
            if (sample.get(i) == '\n') {
                lines++;
            }
        }
        return lines < 2 || read <= 0 ? 0 : (double) lines / read;
    }

    /** About how many records {@code bytes} of the file hold, 2 % to spare; 0 when unknown. */
    private static int records(double recordsPerByte, long bytes) {
        return (int) Math.min(Integer.MAX_VALUE - 16, (long) (bytes * recordsPerByte * 1.02));
    }

    /**
     * Where to cut a large file so that both cores read a part: at the start of a line that opens
     * a record ({@code \n{}), which in the trainer's output is always a record boundary. A part that
     * does not start at a record fails to scan and the whole file falls back to Jackson.
     */
    private long[] split(FileChannel channel, long size) throws IOException {
        int parts = (int) Math.min(maxParts, size / minPartBytes);
        if (parts <= 1) {
            return new long[] {0, size};
        }
        long[] bounds = new long[parts + 1];
        int n = 1;
        ByteBuffer window = ByteBuffer.allocate(64 * 1024);
        for (int i = 1; i < parts; i++) {
            long nominal = size / parts * i;
            long boundary = -1;
            for (long at = nominal; boundary < 0 && at < size; at += window.capacity() - 1) {
                window.clear();
                int read = channel.read(window, at);
                if (read <= 0) {
                    break;
                }
                byte[] bytes = window.array();
                for (int j = 0; j + 1 < read; j++) {
                    if (bytes[j] == '\n' && bytes[j + 1] == '{') {
                        boundary = at + j + 1;
                        break;
                    }
                }
            }
            if (boundary > bounds[n - 1]) {
                bounds[n++] = boundary;
            }
        }
        bounds[n++] = size;
        return Arrays.copyOf(bounds, n);
    }

    /**
     * The one warning line of a read: what was ignored at the end ({@code ending}, or null), and
     * how many values were not numbers; none when both are absent.
     */
    private static void warn(Path file, String ending, TrainingLogBuilder into) {
        String line = warning(file, ending, into);
        if (line != null) {
            into.warn(line);
        }
    }

    /** The line {@link #warn} gives; null when it gives none. */
    static String warning(Path file, String ending, TrainingLogBuilder into) {
        List<String> notes = new ArrayList<>();
        if (ending != null) {
            notes.add(ending);
        }
        into.ignoredValuesNote().ifPresent(notes::add);
        if (notes.isEmpty()) {
            return null;
        }
        return file + ": " + String.join("; ", notes) + "; read " + into.recordCount() + " records";
    }

    private static String cutOff(long ignored, long nuls) {
        if (nuls > 0) {
            return "ignored the last " + (ignored + nuls) + " bytes, a record cut off mid-write and then " + nuls
                    + " NUL bytes" + NUL_CAUSE;
        }
        return "ignored the last " + ignored + " bytes, a record cut off mid-write"
                + " (the run is still writing or was stopped)";
    }

    private static final String UNCLOSED = "no closing ']' (the run is still writing or was stopped)";
    private static final Pattern ONLY_UNCLOSED =
            Pattern.compile(".*: " + Pattern.quote(UNCLOSED) + "; read \\d+ records?");

    private static String unclosed(long nuls) {
        return nuls > 0 ? nulTail(nuls) : UNCLOSED;
    }

    /**
     * Whether {@code warning}, one of a log's {@link dev.forgather.logs.model.TrainingLog#warnings()},
     * says no more than that the log has no closing bracket: what every log says while its run is
     * writing it, and what a follower's {@code LogSnapshot.open()} already tells. Nothing was
     * ignored then; a live view need not keep saying it.
     */
    public static boolean saysOnlyThatItIsOpen(String warning) {
        return ONLY_UNCLOSED.matcher(warning).matches();
    }

    private static String nulTail(long nuls) {
        return "ignored the last " + nuls + " bytes, all NUL" + NUL_CAUSE;
    }

    /** Why a log ends in NUL bytes. */
    private static final String NUL_CAUSE = " (space allocated but never written: the run crashed or lost power)";

    private static void readArray(Path file, long size, long nuls, JsonParser parser, TrainingLogBuilder into)
            throws IOException, LogReadException {
        long recordEnd = 0; // byte offset just past the last complete record
        try {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (JsonProcessingException e) {
                if (e instanceof JsonEOFException) {
                    throw e;
                }
                throw Problems.at(file, e.getLocation(), "not a JSON array");
            }
            if (first == null) {
                throw new LogReadException(file, "empty file");
            }
            if (first != JsonToken.START_ARRAY) {
                throw Problems.at(file, parser.currentTokenLocation(), "not a JSON array");
            }
            recordEnd = parser.currentTokenLocation().getByteOffset() + 1;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                readRecord(parser, MetricNames.STEP, into);
                recordEnd = parser.currentTokenLocation().getByteOffset() + 1;
            }
            if (token != JsonToken.END_ARRAY) {
                throw Problems.at(
                        file, parser.currentTokenLocation(), "expected a record ({...}), found " + describe(token));
            }
            long end = parser.currentTokenLocation().getByteOffset() + 1;
            String after = "ignored " + (size + nuls - end) + " bytes after the closing ']'";
            try {
                warn(file, parser.nextToken() != null ? after : nuls > 0 ? nulTail(nuls) : null, into);
            } catch (JsonProcessingException e) {
                warn(file, after, into);
            }
        } catch (JsonProcessingException e) {
            into.abandonRecord();
            if (!isCutOff(file, e, size)) {
                JsonLocation where = e.getLocation();
                throw Problems.at(file, where, plainMessage(e));
            }
            if (into.recordCount() == 0 && recordEnd == 0) {
                throw new LogReadException(file, "not a JSON array");
            }
            long ignored = size - recordEnd;
            warn(file, hasPartialRecord(file, recordEnd, size) ? cutOff(ignored, nuls) : unclosed(nuls), into);
        }
    }

    /**
     * Reads one record, the parser just past its opening brace: every number by its key, the
     * step under {@code stepKey} ({@code global_step} here, {@code step} in Hugging Face's
     * {@code log_history}), the epoch and time by theirs; anything else is counted as ignored.
     * Both trainers write the same flat JSON objects, so both readers use this one.
     */
    static void readRecord(JsonParser parser, String stepKey, TrainingLogBuilder into) throws IOException {
        into.beginRecord();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT) {
                if (key.equals(stepKey)) {
                    step(parser, value, into);
                } else if (key.equals(MetricNames.EPOCH)) {
                    into.epoch(parser.getDoubleValue());
                } else if (key.equals(MetricNames.TIME)) {
                    into.timestamp(parser.getDoubleValue());
                } else {
                    into.value(key, parser.getDoubleValue());
                }
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                parser.skipChildren();
                into.ignoreValue();
            } else if (value == JsonToken.VALUE_STRING
                    || value == JsonToken.VALUE_TRUE
                    || value == JsonToken.VALUE_FALSE) {
                into.ignoreValue();
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
     * Sets the record's step from a number token: an integer a {@code long} holds, or a float with
     * an integral value in that range ({@code 10.0}). Anything else ({@code 1e30}, {@code 2.5},
     * {@code NaN}) is counted as ignored, never clamped or truncated.
     */
    static void step(JsonParser parser, JsonToken value, TrainingLogBuilder into) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                into.ignoreValue();
            } else {
                into.step(parser.getLongValue());
            }
            return;
        }
        double d = parser.getDoubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            into.step((long) d);
        } else {
            into.ignoreValue();
        }
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
            if (!skip(in, from)) {
                return true; // the file shrank meanwhile (a restarted run): it ends here
            }
            byte[] tail = in.readNBytes((int) (size - from));
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
            if (!skip(in, from)) {
                return false; // the file shrank meanwhile (a restarted run): nothing follows
            }
            byte[] buffer = new byte[8192];
            int n;
            long left = size - from;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
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

    /** Skips {@code n} bytes; false when the file ends first. */
    private static boolean skip(InputStream in, long n) throws IOException {
        try {
            in.skipNBytes(n);
            return true;
        } catch (java.io.EOFException e) {
            return false;
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
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

    /** Jackson's message in our words, without its source excerpt and location. */
    private static String plainMessage(JsonProcessingException e) {
        return Problems.json(e.getOriginalMessage());
    }
}
