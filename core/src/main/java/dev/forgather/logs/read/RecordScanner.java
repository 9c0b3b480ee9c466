package dev.forgather.logs.read;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The hot path of {@link ForgatherJsonReader}: a scanner for the shape the trainer writes — an
 * array of flat objects whose values are numbers, {@code NaN}/{@code Infinity}, strings, booleans
 * or nulls — straight from file bytes into a {@link TrainingLogBuilder}, without tokens, strings
 * or boxed numbers. Decimal numbers of up to 15 significant digits with a power of ten up to 22
 * are converted exactly with one IEEE multiply or divide (Clinger's fast path); longer ones go to
 * Jackson's FastDoubleParser.
 *
 * <p>Measured on the 1,000,000-record benchmark log, Jackson's streaming parser alone needs about
 * 550 ms warm, on one core; this scanner reads a part of a file, so that two cores share the work
 * (see BENCHMARKS.md). It understands only what the trainer writes: anything else (nested values,
 * escaped keys, damaged bytes) raises {@link Unsupported}, and the reader falls back to Jackson,
 * which reads every valid JSON file and words every error.
 */
final class RecordScanner {
    /** The input is not in the trainer's plain shape; read it with Jackson instead. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** Thrown by the parsing methods when they run past the bytes loaded so far. */
    private static final class NeedMore extends Exception {
        private static final long serialVersionUID = 1L;

        NeedMore() {
            super(null, null, false, false);
        }
    }

    private static final NeedMore NEED_MORE = new NeedMore();
    private static final Unsupported UNSUPPORTED = new Unsupported();
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final long MAX_EXACT = 1L << 53;
    /** Longer numbers go to Jackson, which enforces its own limit (1000 characters). */
    private static final int MAX_NUMBER_CHARS = 100;
    /** Bytes read at a time: large enough that refills are rare, small enough that memory follows the records, not the file. */
    static final int BUFFER = 8 << 20;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /** What one scanned part of the file held. */
    static final class Part {
        final TrainingLogBuilder builder;
        /** Byte offset just past the last complete record (or past '[' when there is none). */
        long recordEnd;
        /** Whether the closing ']' was seen. */
        boolean closed;
        /** Whether the file ended inside a record. */
        boolean cutInsideRecord;

        Part(TrainingLogBuilder builder) {
            this.builder = builder;
        }
    }

    private final FileChannel channel;
    private final long from;
    private final long to;
    private final boolean last;
    private final int maxBuffer;
    private final boolean startsAfterRecord;

    private byte[] buf;
    private int pos;
    private int limit;
    private long bufStart;
    private boolean eof;

    /** The value {@link #readNumber} read last; a field, so the hot path returns no boxed pair. */
    private double number;

    private char[] chars = new char[32];

    /** The builder to tell, at each refill, how many records the part holds by the bytes read so far; null: none. */
    private TrainingLogBuilder estimated;

    private int recordsBefore;
    private boolean estimating;

    /** What a key is for: an axis, or a metric with its builder handle (>= 0). */
    private static final int STEP = -1;

    private static final int EPOCH = -2;
    private static final int TIME = -3;
    private static final int UNKNOWN = Integer.MIN_VALUE;

    private byte[][] keys = new byte[16][];
    private String[] keyNames = new String[16];
    private int[] roles = new int[16];
    private int keyCount;
    private int lastKey = -1;
    private int[] nextKey = new int[16];

    /**
     * A scanner for bytes {@code [from, to)} of the file.
     *
     * @param from the file's start, or the first byte of a record
     * @param last whether {@code to} is the end of the file (else a record starts there)
     * @param bufferBytes how many bytes to read at a time (the buffer grows for a longer record)
     */
    RecordScanner(FileChannel channel, long from, long to, boolean last, int bufferBytes) {
        this(channel, from, to, last, bufferBytes, false);
    }

    /**
     * A scanner for bytes {@code [from, to)}, where {@code from} may also be just past a record's
     * closing brace ({@code startsAfterRecord}), so that a follower reads on from where the last
     * complete record ended: the comma that follows it, then the next records.
     */
    RecordScanner(FileChannel channel, long from, long to, boolean last, int bufferBytes, boolean startsAfterRecord) {
        this.startsAfterRecord = startsAfterRecord;
        this.channel = channel;
        this.from = from;
        this.to = to;
        this.last = last;
        this.maxBuffer = bufferBytes;
        this.buf = new byte[(int) Math.min(to - from + 1, Math.min(bufferBytes, 1 << 20))];
        this.bufStart = from;
        Arrays.fill(nextKey, -1);
    }

    /**
     * Has the scan tell its builder, as it reads, how many records to expect: what the part's
     * records so far make of its length ({@link TrainingLogBuilder#expect}), so that columns
     * grow once to about their final size. For a whole part, not a follower's tail.
     */
    RecordScanner estimating() {
        estimating = true;
        return this;
    }

    /** Scans the part into {@code builder}; on {@link Unsupported} the builder holds an unusable partial read. */
    Part scan(TrainingLogBuilder builder) throws IOException, Unsupported {
        Part part = new Part(builder);
        TrainingLogBuilder into = part.builder;
        if (estimating) {
            estimated = into;
            recordsBefore = into.recordCount();
        }
        load(0);
        if (from == 0) {
            while (true) {
                try {
                    skipWhitespace();
                    break;
                } catch (NeedMore e) {
                    if (eof || bufStart + limit >= to) {
                        throw UNSUPPORTED;
                    }
                    load(pos);
                }
            }
            if (buf[pos] != '[') {
                throw UNSUPPORTED;
            }
            pos++;
        }
        part.recordEnd = bufStart + pos;
        boolean afterRecord = startsAfterRecord;
        while (true) {
            int resume = pos;
            try {
                skipWhitespace();
                byte b = buf[pos];
                if (b == ']') {
                    pos++;
                    part.closed = true;
                    expectOnlyWhitespaceToTheEnd();
                    return part;
                }
                if (afterRecord) {
                    if (b != ',') {
                        throw UNSUPPORTED;
                    }
                    pos++;
                    afterRecord = false;
                    continue;
                }
                if (b != '{') {
                    throw UNSUPPORTED;
                }
                pos++;
                readRecord(into);
                part.recordEnd = bufStart + pos;
                afterRecord = true;
            } catch (NeedMore e) {
                into.abandonRecord();
                pos = resume;
                if (eof || bufStart + limit >= to) {
                    // The part ends here: a record that starts before its end was cut off.
                    if (!last) {
                        if (hasContent(resume)) {
                            throw UNSUPPORTED;
                        }
                        return part;
                    }
                    part.cutInsideRecord = hasContent(resume);
                    return part;
                }
                load(resume);
            }
        }
    }

    /** Whether anything but white space and commas lies between {@code start} and the end of the loaded bytes. */
    private boolean hasContent(int start) {
        for (int i = start; i < limit; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != ',') {
                return true;
            }
        }
        return false;
    }

    private void expectOnlyWhitespaceToTheEnd() throws IOException, Unsupported {
        while (true) {
            for (; pos < limit; pos++) {
                byte b = buf[pos];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    throw UNSUPPORTED;
                }
            }
            if (eof || bufStart + limit >= to) {
                return;
            }
            load(pos);
        }
    }

    /** Keeps the bytes from {@code keep} on, and fills the rest of the buffer from the file. */
    private void load(int keep) throws IOException {
        if (estimated != null) {
            expect(bufStart + keep - from);
        }
        int kept = limit - keep;
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, kept);
            bufStart += keep;
        } else if (kept == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if (buf.length < maxBuffer && kept > buf.length / 2) {
            buf = Arrays.copyOf(buf, Math.min(maxBuffer, buf.length * 2));
        }
        pos -= keep;
        limit = kept;
        long position = bufStart + limit;
        int want = (int) Math.min(buf.length - limit, to - position);
        ByteBuffer target = ByteBuffer.wrap(buf, limit, want);
        while (target.hasRemaining()) {
            int n = channel.read(target, position + target.position() - limit);
            if (n < 0) {
                eof = true;
                break;
            }
        }
        limit = target.position();
        if (bufStart + limit >= to) {
            eof = eof || last;
        }
    }

    /** Tells the builder how many records the part holds if the rest is like its first {@code scanned} bytes. */
    private void expect(long scanned) {
        int records = estimated.recordCount() - recordsBefore;
        if (scanned >= 1 << 20 && records > 0) {
            long expected = recordsBefore + (long) ((double) records * (to - from) / scanned);
            estimated.expect((int) Math.min(expected, Integer.MAX_VALUE - 16));
        }
    }

    private void readRecord(TrainingLogBuilder into) throws NeedMore, Unsupported {
        into.beginRecord();
        int previous = -1;
        skipWhitespace();
        if (buf[pos] == '}') {
            pos++;
            into.endRecord();
            return;
        }
        while (true) {
            if (buf[pos] != '"') {
                throw UNSUPPORTED;
            }
            pos++;
            int key = readKey(previous);
            previous = key;
            skipOptionalWhitespace();
            if (buf[pos] != ':') {
                throw UNSUPPORTED;
            }
            pos++;
            skipWhitespace();
            readValue(into, key);
            skipOptionalWhitespace();
            byte b = buf[pos++];
            if (b == '}') {
                into.endRecord();
                return;
            }
            if (b != ',') {
                throw UNSUPPORTED;
            }
            skipWhitespace();
        }
    }

    /** Reads a key after its opening quote; keys usually come in the same order, so the guess is checked first. */
    private int readKey(int previous) throws NeedMore, Unsupported {
        int guess = previous < 0 ? lastKey : nextKey[previous];
        if (guess >= 0) {
            // A byte loop rather than Arrays.equals: keys are short, and C1 calls out for the latter.
            byte[] key = keys[guess];
            byte[] buf = this.buf;
            int p = pos;
            int end = p + key.length;
            if (end < limit && buf[end] == '"') {
                int i = 0;
                while (i < key.length && key[i] == buf[p + i]) {
                    i++;
                }
                if (i == key.length) {
                    pos = end + 1;
                    return guess;
                }
            }
        }
        int start = pos;
        while (true) {
            if (pos >= limit) {
                throw NEED_MORE;
            }
            byte b = buf[pos];
            if (b == '"') {
                break;
            }
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                throw UNSUPPORTED;
            }
            pos++;
        }
        int length = pos - start;
        pos++;
        for (int k = 0; k < keyCount; k++) {
            if (matches(keys[k], start, length)) {
                link(previous, k);
                return k;
            }
        }
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keyCount * 2);
            keyNames = Arrays.copyOf(keyNames, keyCount * 2);
            roles = Arrays.copyOf(roles, keyCount * 2);
            nextKey = Arrays.copyOf(nextKey, keyCount * 2);
            Arrays.fill(nextKey, keyCount, nextKey.length, -1);
        }
        if (!isUtf8(buf, start, length)) {
            throw UNSUPPORTED;
        }
        keys[keyCount] = Arrays.copyOfRange(buf, start, start + length);
        keyNames[keyCount] = new String(buf, start, length, StandardCharsets.UTF_8);
        roles[keyCount] = switch (keyNames[keyCount]) {
            case MetricNames.STEP -> STEP;
            case MetricNames.EPOCH -> EPOCH;
            case MetricNames.TIME -> TIME;
            default -> UNKNOWN;
        };
        link(previous, keyCount);
        return keyCount++;
    }

    /** Whether the bytes are valid UTF-8, as Jackson requires of a key. */
    private static boolean isUtf8(byte[] bytes, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (bytes[i] < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, start, length));
                    return true;
                } catch (java.nio.charset.CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private void link(int previous, int key) {
        if (previous < 0) {
            lastKey = key;
        } else {
            nextKey[previous] = key;
        }
    }

    private boolean matches(byte[] key, int start, int length) {
        return key.length == length && Arrays.equals(key, 0, length, buf, start, start + length);
    }

    private void readValue(TrainingLogBuilder into, int key) throws NeedMore, Unsupported {
        if (pos >= limit) {
            throw NEED_MORE;
        }
        byte b = buf[pos];
        if (b == '"') {
            skipString();
            into.ignoreValue();
            return;
        }
        if (b == 't') {
            literal("true");
            into.ignoreValue();
            return;
        }
        if (b == 'f') {
            literal("false");
            into.ignoreValue();
            return;
        }
        if (b == 'n') {
            literal("null");
            return;
        }
        if (b == '{' || b == '[') {
            throw UNSUPPORTED;
        }
        int role = roles[key];
        if (role == STEP) {
            long whole = readLong();
            if (whole == Long.MIN_VALUE) {
                // Not a plain integer of up to 18 digits (10.0, 1e30, a 19-digit step): rare,
                // and Jackson's rules for it are the reference.
                throw UNSUPPORTED;
            }
            into.step(whole);
            return;
        }
        readNumber();
        if (role >= 0) {
            into.value(role, number);
        } else if (role == EPOCH) {
            into.epoch(number);
        } else if (role == TIME) {
            into.timestamp(number);
        } else {
            roles[key] = into.metric(keyNames[key]);
            into.value(roles[key], number);
        }
    }

    /** Reads an integer into the return value, or any number into {@link #number} and returns MIN_VALUE. */
    private long readLong() throws NeedMore, Unsupported {
        int start = pos;
        boolean negative = false;
        if (buf[pos] == '-') {
            negative = true;
            pos++;
        }
        long value = 0;
        int digits = 0;
        while (true) {
            if (pos >= limit) {
                throw NEED_MORE;
            }
            byte b = buf[pos];
            if (b >= '0' && b <= '9' && digits < 18) {
                value = value * 10 + (b - '0');
                digits++;
                pos++;
            } else {
                break;
            }
        }
        byte b = buf[pos];
        if (digits > 0
                && b != '.'
                && b != 'e'
                && b != 'E'
                && !(b >= '0' && b <= '9')
                && !(digits > 1 && buf[start + (negative ? 1 : 0)] == '0')) {
            return negative ? -value : value;
        }
        pos = start;
        readNumber();
        return Long.MIN_VALUE;
    }

    /** Reads a JSON number, {@code NaN}, {@code Infinity} or {@code -Infinity} into {@link #number}. */
    private void readNumber() throws NeedMore, Unsupported {
        byte[] buf = this.buf;
        int limit = this.limit;
        int p = pos;
        int start = p;
        boolean negative = false;
        byte b = buf[p];
        if (b == '-') {
            negative = true;
            p++;
            if (p >= limit) {
                throw NEED_MORE;
            }
            b = buf[p];
        }
        if (b == 'N' && !negative) {
            pos = p;
            literal("NaN");
            number = Double.NaN;
            return;
        }
        if (b == 'I') {
            pos = p;
            literal("Infinity");
            number = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean exact = true;
        int intStart = p;
        while (true) {
            if (p >= limit) {
                throw NEED_MORE;
            }
            b = buf[p];
            if (b < '0' || b > '9') {
                break;
            }
            if (significant < 18) {
                mantissa = mantissa * 10 + (b - '0');
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                exponent++;
                exact = exact && b == '0';
            }
            p++;
        }
        int intDigits = p - intStart;
        if (intDigits == 0 || (intDigits > 1 && buf[intStart] == '0')) {
            throw UNSUPPORTED;
        }
        if (b == '.') {
            p++;
            int fracStart = p;
            while (true) {
                if (p >= limit) {
                    throw NEED_MORE;
                }
                b = buf[p];
                if (b < '0' || b > '9') {
                    break;
                }
                if (significant < 18) {
                    mantissa = mantissa * 10 + (b - '0');
                    if (mantissa != 0) {
                        significant++;
                    }
                    exponent--;
                } else {
                    exact = exact && b == '0';
                }
                p++;
            }
            if (p == fracStart) {
                throw UNSUPPORTED;
            }
        }
        if (b == 'e' || b == 'E') {
            p++;
            if (p >= limit) {
                throw NEED_MORE;
            }
            b = buf[p];
            boolean negativeExponent = false;
            if (b == '-' || b == '+') {
                negativeExponent = b == '-';
                p++;
            }
            int expStart = p;
            int e = 0;
            while (true) {
                if (p >= limit) {
                    throw NEED_MORE;
                }
                b = buf[p];
                if (b < '0' || b > '9') {
                    break;
                }
                if (e < 100_000) {
                    e = e * 10 + (b - '0');
                }
                p++;
            }
            if (p == expStart) {
                throw UNSUPPORTED;
            }
            exponent += negativeExponent ? -e : e;
        }
        pos = p;
        if (p - start > MAX_NUMBER_CHARS) {
            // Jackson refuses numbers past its length limit; let it word that.
            throw UNSUPPORTED;
        }
        if (exact && mantissa <= MAX_EXACT && exponent >= -22 && exponent <= 22) {
            double value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
            number = negative ? -value : value;
            return;
        }
        // Python writes most floats with 16-17 digits: too many for the fast path above, but
        // exact in the mantissa read so far.
        double value = exact && mantissa != 0 ? EiselLemire.toDouble(mantissa, exponent, negative) : Double.NaN;
        if (!Double.isNaN(value)) {
            number = value;
        } else {
            // The rest (more than 18 digits, subnormal or out of range): Jackson's bundled
            // FastDoubleParser converts them exactly, without a String per number.
            int length = p - start;
            if (chars.length < length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            for (int i = 0; i < length; i++) {
                chars[i] = (char) buf[start + i];
            }
            number = NumberInput.parseDouble(chars, 0, length, true);
        }
    }

    private void literal(String word) throws NeedMore, Unsupported {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= limit) {
                throw NEED_MORE;
            }
            if (buf[pos++] != word.charAt(i)) {
                throw UNSUPPORTED;
            }
        }
    }

    /**
     * Skips a string value. Anything Jackson might refuse (bytes outside ASCII, which it checks as
     * UTF-8; an escape it does not know) is left to Jackson, so that both read the same.
     */
    private void skipString() throws NeedMore, Unsupported {
        pos++;
        while (true) {
            if (pos >= limit) {
                throw NEED_MORE;
            }
            byte b = buf[pos++];
            if (b == '"') {
                return;
            }
            if (b == '\\') {
                if (pos >= limit) {
                    throw NEED_MORE;
                }
                byte e = buf[pos++];
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (pos >= limit) {
                            throw NEED_MORE;
                        }
                        if (Character.digit(buf[pos++], 16) < 0) {
                            throw UNSUPPORTED;
                        }
                    }
                } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
                        && e != 't') {
                    throw UNSUPPORTED;
                }
            } else if (b < 0x20) {
                // Control characters, and (negative as bytes) everything outside ASCII.
                throw UNSUPPORTED;
            }
        }
    }

    /**
     * {@link #skipWhitespace}, small enough for C1 to inline, for where the trainer writes none
     * (after a key, after a value): any byte above the space is not white space.
     */
    private void skipOptionalWhitespace() throws NeedMore {
        int p = pos;
        if (p < limit && buf[p] > ' ') {
            return;
        }
        skipWhitespace();
    }

    private void skipWhitespace() throws NeedMore {
        // Locals rather than fields in the loops: a CLI run is mostly C1 code, which reloads and
        // stores a field on every use.
        byte[] buf = this.buf;
        int limit = this.limit;
        int p = pos;
        while (true) {
            if (p >= limit) {
                pos = p;
                throw NEED_MORE;
            }
            byte b = buf[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                pos = p;
                return;
            }
            p++;
        }
    }
}
