package dev.forgather.logs.read;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.tensorboard.Event;
import dev.forgather.logs.read.tensorboard.Summary;
import dev.forgather.logs.read.tensorboard.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
import java.util.zip.CRC32C;

/**
 * Reads the scalars of a TensorBoard run: the {@code events.out.tfevents.*} files of one folder.
 *
 * <p><b>Which files.</b> A run is a folder: a restarted run adds a new event file beside the old
 * one, so given a folder, or any event file in it, the reader reads every
 * {@code events.out.tfevents.*} file of that folder (not its subfolders) in file-name order, which
 * is the order they were started in (the name holds the start time). A file with another name is
 * read alone.
 *
 * <p><b>Framing.</b> Each file is a sequence of TFRecords: the data length (uint64, little-endian),
 * the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data. Each record's data
 * is one {@code Event} protocol buffer (the messages in {@code src/main/proto/tensorboard}). A
 * record whose data checksum fails is skipped; one whose length checksum fails is skipped by
 * searching forward for the next intact record; a record cut off by the end of the file (a run
 * still writing, or killed) ends the file. Such records are counted and reported in one warning;
 * they never stop the read.
 *
 * <p><b>Values.</b> Scalar summaries in both forms are read: the old {@code simple_value} (written
 * by PyTorch's {@code SummaryWriter}, tensorboardX, TF1) and the newer rank-0 {@code tensor} (TF2's
 * {@code tf.summary.scalar}), whether in the typed fields or in {@code tensor_content}. float32
 * values are widened exactly to double. Non-scalar values (text, histograms, images) are skipped.
 *
 * <p><b>Names and records.</b> Tags are mapped by {@link CanonicalNames} ({@code train/loss} is
 * {@code loss}, {@code eval/loss} is {@code eval_loss}, {@code train/epoch} sets the epoch); the
 * tags stay usable as aliases. Writers add one event per value, each with its own
 * {@code wall_time}, so the values of one logging call are grouped back into one record by
 * {@link RecordGrouper}: same step, no name twice, training and evaluation values apart, and the
 * epoch (which the Hugging Face and Lightning loggers write last) closing the record. A record's
 * time is the {@code wall_time} of its first value.
 */
public final class TensorBoardReader implements LogReader {
    /** Every event file's name starts with this. */
    public static final String FILE_PREFIX = "events.out.tfevents.";

    private static final int HEADER_BYTES = 12;
    private static final int FOOTER_BYTES = 4;
    private static final int MASK_DELTA = 0xa282ead8;
    /** A sanity bound for an accepted first record's length when the name does not say. */
    private static final long PLAUSIBLE_FIRST_RECORD = 1 << 20;

    /**
     * Accepts a file named {@code events.out.tfevents.*}, or a file of another name whose first 12
     * bytes are a TFRecord header with a valid checksum, or a folder holding event files.
     */
    @Override
    public boolean accepts(Path file, byte[] head) {
        if (Files.isDirectory(file)) {
            return !eventFilesIn(file).isEmpty();
        }
        Path name = file.getFileName();
        if (name != null && name.toString().startsWith(FILE_PREFIX)) {
            return true;
        }
        if (head.length < HEADER_BYTES) {
            return false;
        }
        ByteBuffer header = ByteBuffer.wrap(head, 0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long length = header.getLong(0);
        return length > 0 && length < PLAUSIBLE_FIRST_RECORD && header.getInt(8) == maskedCrc(head, 0, 8);
    }

    /** The folder itself, when it holds event files: a run is all the event files of its folder. */
    @Override
    public Optional<Path> logIn(Path folder) {
        return eventFilesIn(folder).isEmpty() ? Optional.empty() : Optional.of(folder);
    }

    /** The run's folder and its event files, so that a follower notices a new file and growth of each. */
    @Override
    public List<Path> files(Path log) throws LogReadException {
        List<Path> files = new ArrayList<>();
        files.add(Files.isDirectory(log) ? log : log.toAbsolutePath().getParent());
        files.addAll(filesToRead(log));
        return files;
    }

    /** The newest modification time of the run's event files. */
    @Override
    public FileTime modified(Path log) {
        List<Path> files = Files.isDirectory(log) ? eventFilesIn(log) : List.of(log);
        FileTime newest = FileTime.fromMillis(0);
        for (Path file : files) {
            FileTime time = LogReader.super.modified(file);
            if (time.compareTo(newest) > 0) {
                newest = time;
            }
        }
        return newest;
    }

    @Override
    public void read(Path fileOrFolder, TrainingLogBuilder into) throws LogReadException {
        List<Path> files = filesToRead(fileOrFolder);
        Scalars scalars = new Scalars();
        List<String> problems = new ArrayList<>();
        List<FileDamage> damages = new ArrayList<>();
        for (Path file : files) {
            FileDamage damage = readFile(file, scalars);
            damages.add(damage);
            if (damage.any()) {
                problems.add((files.size() > 1 ? file.getFileName() + ": " : "") + damage);
            }
        }
        refuseWhenNothingIsEvents(files, damages);
        scalars.emit(into);
        if (!problems.isEmpty()) {
            Path where = files.size() > 1 ? fileOrFolder : files.get(0);
            into.warn(where + ": " + String.join("; ", problems) + "; read " + into.recordCount() + " records");
        }
    }

    private static List<Path> filesToRead(Path fileOrFolder) throws LogReadException {
        if (Files.isDirectory(fileOrFolder)) {
            List<Path> files = eventFilesIn(fileOrFolder);
            if (files.isEmpty()) {
                throw new LogReadException(fileOrFolder, "no " + FILE_PREFIX + "* files in this folder");
            }
            return files;
        }
        if (!Files.exists(fileOrFolder)) {
            throw new LogReadException(fileOrFolder, "no such file");
        }
        Path name = fileOrFolder.getFileName();
        Path folder = fileOrFolder.toAbsolutePath().getParent();
        if (name == null || folder == null || !name.toString().startsWith(FILE_PREFIX)) {
            return List.of(fileOrFolder);
        }
        List<Path> siblings = new ArrayList<>();
        for (Path sibling : eventFilesIn(folder)) {
            siblings.add(fileOrFolder.resolveSibling(sibling.getFileName()));
        }
        return siblings.isEmpty() ? List.of(fileOrFolder) : siblings;
    }

    private static List<Path> eventFilesIn(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, FILE_PREFIX + "*")) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable folder has no event files we can use.
        }
        files.sort(null);
        return files;
    }

    /**
     * Refuses a run none of whose files holds a single intact record but some hold bytes that are
     * not records: random bytes, or a Git LFS pointer (a clone without git-lfs), rather than a
     * run that has not written anything yet.
     */
    private static void refuseWhenNothingIsEvents(List<Path> files, List<FileDamage> damages) throws LogReadException {
        if (damages.stream().anyMatch(d -> d.intactRecords > 0)) {
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            if (damages.get(i).lfsPointer) {
                throw new LogReadException(files.get(i), "a Git LFS pointer: run git lfs pull");
            }
        }
        for (int i = 0; i < files.size(); i++) {
            if (damages.get(i).damagedRecords > 0) {
                throw new LogReadException(files.get(i), "not a TensorBoard event file");
            }
        }
    }

    /** How every Git LFS pointer file starts (git-lfs's spec). */
    private static final byte[] LFS_POINTER =
            "version https://git-lfs.github.com/spec/".getBytes(StandardCharsets.US_ASCII);

    private static FileDamage readFile(Path file, Scalars into) throws LogReadException {
        FileDamage damage = new FileDamage();
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Window window = new Window(channel);
            long size = channel.size();
            long pos = 0;
            if (size >= LFS_POINTER.length) {
                window.load(0, LFS_POINTER.length);
                if (Arrays.equals(
                        window.bytes,
                        window.offset(0),
                        window.offset(0) + LFS_POINTER.length,
                        LFS_POINTER,
                        0,
                        LFS_POINTER.length)) {
                    damage.lfsPointer = true;
                    return damage;
                }
            }
            while (pos < size) {
                if (size - pos < HEADER_BYTES + FOOTER_BYTES) {
                    damage.tornBytes = size - pos;
                    break;
                }
                window.load(pos, HEADER_BYTES);
                long length = window.longAt(pos);
                if (window.intAt(pos + 8) != masked(crc, window, pos, 8)) {
                    damage.damagedRecords++;
                    long next = resync(window, crc, pos + 1, size);
                    damage.skippedBytes += next - pos;
                    pos = next;
                    continue;
                }
                long total = HEADER_BYTES + length + FOOTER_BYTES;
                if (length < 0 || total > size - pos) {
                    damage.tornBytes = size - pos;
                    break;
                }
                if (total > Integer.MAX_VALUE - 64) {
                    throw new LogReadException(file, "a record of " + length + " bytes is too large to read");
                }
                window.load(pos, (int) total);
                if (window.intAt(pos + HEADER_BYTES + length)
                        != masked(crc, window, pos + HEADER_BYTES, (int) length)) {
                    damage.damagedRecords++;
                } else if (!into.addEvent(window.bytes, window.offset(pos + HEADER_BYTES), (int) length)) {
                    damage.damagedRecords++;
                } else {
                    damage.intactRecords++;
                }
                pos += total;
            }
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
        return damage;
    }

    /**
     * The offset of the next intact record at or after {@code from}: a header whose checksum holds
     * and whose data fits the file and passes its own checksum; {@code size} when there is none.
     */
    private static long resync(Window window, CRC32C crc, long from, long size) throws IOException {
        for (long p = from; p + HEADER_BYTES + FOOTER_BYTES <= size; p++) {
            window.load(p, HEADER_BYTES);
            if (window.intAt(p + 8) != masked(crc, window, p, 8)) {
                continue;
            }
            long length = window.longAt(p);
            long total = HEADER_BYTES + length + FOOTER_BYTES;
            if (length < 0 || total > size - p || total > Integer.MAX_VALUE - 64) {
                continue;
            }
            window.load(p, (int) total);
            if (window.intAt(p + HEADER_BYTES + length) == masked(crc, window, p + HEADER_BYTES, (int) length)) {
                return p;
            }
        }
        return size;
    }

    private static int masked(CRC32C crc, Window window, long pos, int length) {
        crc.reset();
        crc.update(window.bytes, window.offset(pos), length);
        return mask((int) crc.getValue());
    }

    private static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return mask((int) crc.getValue());
    }

    /** TFRecord's checksum masking: rotate right by 15 bits, add a constant. */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /**
     * The value of a scalar summary: {@code simple_value}, or a tensor holding exactly one number.
     * Empty for anything else (text, histograms, images).
     */
    static OptionalDouble scalarOf(Summary.Value value) {
        if (value.hasSimpleValue()) {
            return OptionalDouble.of(value.getSimpleValue());
        }
        if (!value.hasTensor()) {
            return OptionalDouble.empty();
        }
        TensorProto t = value.getTensor();
        ByteString content = t.getTensorContent();
        ByteBuffer raw = content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int n = content.size();
        switch (t.getDtype()) {
            case 1: // DT_FLOAT
                return one(t.getFloatValCount(), () -> t.getFloatVal(0), n, 4, () -> raw.getFloat(0));
            case 2: // DT_DOUBLE
                return one(t.getDoubleValCount(), () -> t.getDoubleVal(0), n, 8, () -> raw.getDouble(0));
            case 3: // DT_INT32
                return one(t.getIntValCount(), () -> t.getIntVal(0), n, 4, () -> raw.getInt(0));
            case 4: // DT_UINT8
                return one(t.getIntValCount(), () -> t.getIntVal(0), n, 1, () -> raw.get(0) & 0xff);
            case 5: // DT_INT16
                return one(t.getIntValCount(), () -> t.getIntVal(0), n, 2, () -> raw.getShort(0));
            case 6: // DT_INT8
                return one(t.getIntValCount(), () -> t.getIntVal(0), n, 1, () -> raw.get(0));
            case 9: // DT_INT64
                return one(t.getInt64ValCount(), () -> t.getInt64Val(0), n, 8, () -> raw.getLong(0));
            case 10: // DT_BOOL
                return one(t.getBoolValCount(), () -> t.getBoolVal(0) ? 1 : 0, n, 1, () -> raw.get(0) != 0 ? 1 : 0);
            case 14: // DT_BFLOAT16: the upper half of a float32
                return one(
                        t.getHalfValCount(),
                        () -> Float.intBitsToFloat(t.getHalfVal(0) << 16),
                        n,
                        2,
                        () -> Float.intBitsToFloat((raw.getShort(0) & 0xffff) << 16));
            case 19: // DT_HALF
                return one(
                        t.getHalfValCount(),
                        () -> halfToDouble(t.getHalfVal(0)),
                        n,
                        2,
                        () -> halfToDouble(raw.getShort(0)));
            case 22: // DT_UINT32
                return one(
                        t.getUint32ValCount(),
                        () -> Integer.toUnsignedLong(t.getUint32Val(0)),
                        n,
                        4,
                        () -> Integer.toUnsignedLong(raw.getInt(0)));
            default:
                return OptionalDouble.empty();
        }
    }

    /** The one value of a tensor, from its typed field or its packed content; empty if not exactly one. */
    private static OptionalDouble one(
            int typedCount, DoubleSupplier typed, int contentBytes, int width, DoubleSupplier packed) {
        if (typedCount == 1 && contentBytes == 0) {
            return OptionalDouble.of(typed.getAsDouble());
        }
        if (typedCount == 0 && contentBytes == width) {
            return OptionalDouble.of(packed.getAsDouble());
        }
        return OptionalDouble.empty();
    }

    /** IEEE 754 binary16 to double, exactly. */
    static double halfToDouble(int bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            return fraction == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * Math.scalb((double) fraction, -24);
        }
        return sign * Math.scalb((double) (fraction | 0x400), exponent - 25);
    }

    /** What one file lacked. */
    private static final class FileDamage {
        int damagedRecords;
        int intactRecords;
        boolean lfsPointer;
        long skippedBytes;
        long tornBytes;

        boolean any() {
            return damagedRecords > 0 || tornBytes > 0 || lfsPointer;
        }

        @Override
        public String toString() {
            if (lfsPointer) {
                return "a Git LFS pointer, not events (run git lfs pull)";
            }
            List<String> parts = new ArrayList<>();
            if (damagedRecords > 0) {
                parts.add("skipped " + damagedRecords + " damaged record" + (damagedRecords == 1 ? "" : "s")
                        + " (bad checksum or contents)");
            }
            if (tornBytes > 0) {
                parts.add("ignored the last " + tornBytes + " bytes, a record cut off mid-write"
                        + " (the run is still writing or was stopped)");
            }
            return String.join(", ", parts);
        }
    }

    /** A read-ahead buffer over a file, so that a record is checked and parsed in place. */
    private static final class Window {
        private final FileChannel channel;
        byte[] bytes = new byte[1 << 16];
        private long start;
        private int length;

        Window(FileChannel channel) {
            this.channel = channel;
        }

        /** Makes bytes {@code [pos, pos + n)} available; the caller has checked they exist. */
        void load(long pos, int n) throws IOException {
            if (pos >= start && pos + n <= start + length) {
                return;
            }
            if (n > bytes.length) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = pos;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, at);
                if (read < 0) {
                    break;
                }
                at += read;
            }
            start = pos;
            length = buffer.position();
            if (length < n) {
                throw new IOException("file shrank while being read");
            }
        }

        int offset(long pos) {
            return (int) (pos - start);
        }

        long longAt(long pos) {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(offset(pos));
        }

        int intAt(long pos) {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(offset(pos));
        }
    }

    /** Every scalar of the run in file order, until the names are known. */
    private static final class Scalars extends ScalarPoints {
        private final List<String> tags = new ArrayList<>();
        private final Map<String, Integer> tagIndex = new HashMap<>();

        /** Adds the scalars of one event; false when the bytes are not an {@code Event}. */
        boolean addEvent(byte[] bytes, int offset, int length) {
            Event event;
            try {
                event = Event.parseFrom(ByteBuffer.wrap(bytes, offset, length));
            } catch (InvalidProtocolBufferException e) {
                return false;
            }
            if (!event.hasSummary()) {
                return true;
            }
            for (Summary.Value value : event.getSummary().getValueList()) {
                OptionalDouble scalar = scalarOf(value);
                if (scalar.isPresent()) {
                    add(value.getTag(), event.getStep(), event.getWallTime(), scalar.getAsDouble());
                }
            }
            return true;
        }

        private void add(String tag, long step, double time, double value) {
            Integer index = tagIndex.get(tag);
            if (index == null) {
                index = tags.size();
                tags.add(tag);
                tagIndex.put(tag, index);
            }
            add(index, step, time, value);
        }

        void emit(TrainingLogBuilder into) {
            Map<String, String> canonical = CanonicalNames.of(tags);
            String[] names = new String[tags.size()];
            for (int i = 0; i < names.length; i++) {
                String tag = tags.get(i);
                names[i] = canonical.getOrDefault(tag, tag);
                into.alias(tag, names[i]);
            }
            RecordGrouper grouper = new RecordGrouper(into, false, true);
            for (int i = 0; i < size; i++) {
                grouper.add(steps[i], times[i], names[metric[i]], values[i]);
            }
            grouper.finish();
        }
    }
}
