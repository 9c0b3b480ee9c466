package dev.forgather.logs.read;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.tensorboard.Event;
import dev.forgather.logs.read.tensorboard.HParamValue;
import dev.forgather.logs.read.tensorboard.HParamsPluginData;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.zip.CRC32C;

/**
 * Reads the scalars of a TensorBoard run: the {@code events.out.tfevents.*} files of one folder.
 *
 * <p><b>Which files.</b> A run is a folder: Lightning's {@code fit()} and {@code test()} each
 * write a file into it, Keras adds a {@code .profile-empty} one, and a restarted run adds a new
 * file beside the old one. So given a folder, or any event file in it, the reader reads every
 * {@code events.out.tfevents.*} file of that folder (not its subfolders) as one run, their events
 * merged in wall-time order: each file's events in the order written, and of the files' next
 * events the earliest first (on a tie, the file first in name order). A file with another name
 * is read alone.
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
 * time is the {@code wall_time} of its first value; every value keeps its own event's
 * {@code wall_time} ({@link dev.forgather.logs.model.Series#timestamp}), which may be seconds
 * later (a validation loop's loss, logged at the step of the training loss before it).
 *
 * <p><b>Config.</b> The hyperparameters of the hparams plugin's {@code _hparams_/session_start_info}
 * summary (PyTorch's {@code add_hparams}, Lightning's {@code log_hyperparams}), and a Lightning
 * {@code hparams.yaml} in the run's folder, go into the log's config.
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
        Tags tags = new Tags();
        List<FileScalars> read = new ArrayList<>();
        for (Path file : files) {
            FileScalars scalars = new FileScalars();
            readFile(file, 0, scalars, tags);
            read.add(scalars);
        }
        emit(fileOrFolder, files, read, tags, into);
    }

    /**
     * What the files hold, as one run: the scalars of all of them merged in wall-time order into
     * records, the hyperparameters they (and a Lightning {@code hparams.yaml} beside them) record
     * into the config, and one warning naming what had to be skipped.
     *
     * @throws LogReadException when nothing in any file is an event
     */
    static void emit(Path fileOrFolder, List<Path> files, List<FileScalars> read, Tags tags, TrainingLogBuilder into)
            throws LogReadException {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FileDamage damage = read.get(i).damage;
            if (damage.any()) {
                problems.add((files.size() > 1 ? files.get(i).getFileName() + ": " : "") + damage);
            }
        }
        refuseWhenNothingIsEvents(files, read);
        Path folder = Files.isDirectory(fileOrFolder)
                ? fileOrFolder
                : fileOrFolder.toAbsolutePath().getParent();
        if (folder != null) {
            ConfigFiles.lightningHparams(folder, into);
        }
        for (FileScalars file : read) {
            file.hparams.forEach(into::config);
        }
        tags.emit(read, into);
        if (!problems.isEmpty()) {
            Path where = files.size() > 1 ? fileOrFolder : files.get(0);
            into.warn(where + ": " + String.join("; ", problems) + "; read " + into.recordCount() + " records");
        }
    }

    /** Follows the run reading only what each event file gained, and each new file whole. */
    @Override
    public LogTail tail(Path log, RunName name, LogFormat format) {
        return new TensorBoardTail(log, name, format);
    }

    static List<Path> filesToRead(Path fileOrFolder) throws LogReadException {
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
    private static void refuseWhenNothingIsEvents(List<Path> files, List<FileScalars> read) throws LogReadException {
        if (read.stream().anyMatch(f -> f.damage.intactRecords > 0)) {
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            if (read.get(i).damage.lfsPointer) {
                throw new LogReadException(files.get(i), "a Git LFS pointer: run git lfs pull");
            }
        }
        for (int i = 0; i < files.size(); i++) {
            if (read.get(i).damage.damagedRecords > 0) {
                throw new LogReadException(files.get(i), "not a TensorBoard event file");
            }
        }
    }

    /** The summary in which TensorBoard's hparams plugin records a session's hyperparameters. */
    private static final String HPARAMS_TAG = "_hparams_/session_start_info";

    /** How every Git LFS pointer file starts (git-lfs's spec). */
    private static final byte[] LFS_POINTER =
            "version https://git-lfs.github.com/spec/".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads the records of {@code file} from byte {@code from} (0, or where an earlier read of it
     * ended) to its end into {@code into}, and sets {@code into.end} past the last record read
     * whole: a record cut off by the end of the file is read from its start the next time.
     */
    static void readFile(Path file, long from, FileScalars into, Tags tags) throws LogReadException {
        FileDamage damage = into.damage;
        damage.tornBytes = 0;
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Window window = new Window(channel);
            long size = channel.size();
            long pos = from;
            if (from == 0 && size >= LFS_POINTER.length) {
                window.load(0, LFS_POINTER.length);
                if (Arrays.equals(
                        window.bytes,
                        window.offset(0),
                        window.offset(0) + LFS_POINTER.length,
                        LFS_POINTER,
                        0,
                        LFS_POINTER.length)) {
                    damage.lfsPointer = true;
                    into.end = size;
                    return;
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
                } else if (!into.addEvent(window.bytes, window.offset(pos + HEADER_BYTES), (int) length, tags)) {
                    damage.damagedRecords++;
                } else {
                    damage.intactRecords++;
                }
                pos += total;
            }
            into.end = pos;
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
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
    static final class FileDamage {
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
            int i = offset(pos);
            return (intAt(bytes, i) & 0xFFFFFFFFL) | ((long) intAt(bytes, i + 4) << 32);
        }

        int intAt(long pos) {
            return intAt(bytes, offset(pos));
        }

        /** Little-endian, without a ByteBuffer per call (5 % of a read's samples). */
        private static int intAt(byte[] b, int i) {
            return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
        }
    }

    /** The tags of a run's files, numbered in order of first appearance, until the names are known. */
    static final class Tags {
        private final List<String> tags = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        /**
         * Tag bytes seen, by tag index, to find a tag without decoding its UTF-8 again; null for a
         * tag that only protobuf's path has met so far. {@link #slots} is one past the last set.
         */
        private byte[][] bytes = new byte[8][];

        private int slots;

        private int last = -1;

        /**
         * The index of the tag with these bytes; -1 if they are not UTF-8 or are the hyperparameters tag. A new tag is registered
         * only when {@code register} (the adding pass), else -2 says it is new and valid: an event
         * that protobuf then refuses must leave no tag behind. The tag after the last one found is
         * tried first: writers log their tags in the same order at every step.
         */
        int ofBytes(byte[] b, int start, int length, boolean register) {
            int n = slots;
            int i = last + 1 < n ? last + 1 : 0;
            for (int k = 0; k < n; k++) {
                byte[] known = bytes[i];
                if (known != null && known.length == length && sameBytes(known, b, start)) {
                    last = i;
                    return i;
                }
                if (++i == n) {
                    i = 0;
                }
            }
            String tag;
            try {
                tag = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(ByteBuffer.wrap(b, start, length))
                        .toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return -1;
            }
            if (tag.equals(HPARAMS_TAG)) {
                // Hyperparameters, not a scalar: protobuf's path reads them.
                return -1;
            }
            if (!register) {
                return -2;
            }
            int index = of(tag);
            if (index >= bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(index + 1, bytes.length * 2));
            }
            bytes[index] = Arrays.copyOfRange(b, start, start + length);
            slots = Math.max(slots, index + 1);
            last = index;
            return index;
        }

        /** Whether {@code known} is the bytes at {@code start} of {@code b}: a loop, for tags of a few bytes. */
        private static boolean sameBytes(byte[] known, byte[] b, int start) {
            for (int j = 0; j < known.length; j++) {
                if (known[j] != b[start + j]) {
                    return false;
                }
            }
            return true;
        }

        int of(String tag) {
            Integer i = index.get(tag);
            if (i == null) {
                i = tags.size();
                tags.add(tag);
                index.put(tag, i);
            }
            return i;
        }

        /**
         * Groups the scalars of every file into records, in wall-time order across the files:
         * each file's events in the order written, and of the files' next events the earliest
         * first (on a tie, the file first in name order). A run's files overlap in time when two
         * writers log to one folder at once (Lightning's {@code fit()} and {@code test()}
         * loggers), and a restarted run's new file may start with steps the old one has.
         */
        void emit(List<FileScalars> files, TrainingLogBuilder into) {
            String[] names = CanonicalNames.aliased(tags, into);
            RecordGrouper grouper = new RecordGrouper(into, false, true);
            int[] numbers = new int[names.length];
            for (int t = 0; t < names.length; t++) {
                numbers[t] = grouper.index(names[t]);
            }
            if (files.size() == 1) {
                // One file (most runs): its values in the order written, no merging.
                FileScalars file = files.get(0);
                int[] metric = file.metric;
                long[] steps = file.steps;
                double[] times = file.times;
                double[] values = file.values;
                for (int i = 0, n = file.size; i < n; i++) {
                    grouper.add(steps[i], times[i], numbers[metric[i]], values[i]);
                }
                grouper.finish();
                return;
            }
            int[] next = new int[files.size()];
            while (true) {
                int pick = -1;
                double earliest = Double.POSITIVE_INFINITY;
                for (int f = 0; f < next.length; f++) {
                    FileScalars file = files.get(f);
                    if (next[f] < file.size && (pick < 0 || file.times[next[f]] < earliest)) {
                        pick = f;
                        earliest = file.times[next[f]];
                    }
                }
                if (pick < 0) {
                    break;
                }
                FileScalars file = files.get(pick);
                int i = next[pick]++;
                grouper.add(file.steps[i], file.times[i], numbers[file.metric[i]], file.values[i]);
            }
            grouper.finish();
        }
    }

    /**
     * The scalars of one event file in the order written, the hyperparameters it records, what
     * it lacked, and where the last record read whole ends.
     */
    static final class FileScalars extends ScalarPoints {
        final FileDamage damage = new FileDamage();
        final Map<String, String> hparams = new LinkedHashMap<>();
        long end;

        /** Whether events of the common shape are decoded by hand; false in tests, to compare. */
        private final boolean handDecode;

        /** How many events were decoded by hand (for tests). */
        int handDecoded;

        FileScalars() {
            this(true);
        }

        FileScalars(boolean handDecode) {
            this.handDecode = handDecode;
        }

        /** Adds the scalars and hyperparameters of one event; false when the bytes are not an {@code Event}. */
        boolean addEvent(byte[] bytes, int offset, int length, Tags tags) {
            if (handDecode && addPlainEvent(bytes, offset, length, tags)) {
                handDecoded++;
                return true;
            }
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
                if (value.getTag().equals(HPARAMS_TAG)) {
                    readHparams(value);
                    continue;
                }
                OptionalDouble scalar = scalarOf(value);
                if (scalar.isPresent()) {
                    add(tags.of(value.getTag()), event.getStep(), event.getWallTime(), scalar.getAsDouble());
                }
            }
            return true;
        }

        /** What {@link #plainValue} makes of a value: not of the common shape, taken, or of a tag not seen before. */
        private static final int REFUSED = 0;

        private static final int TAKEN = 1;
        private static final int NEW_TAG = 2;

        /** {@link #plainValue}'s modes: only check; add unless the tag is new; add, registering new tags. */
        private static final int CHECK = 0;

        private static final int ADD_KNOWN = 1;
        private static final int ADD = 2;

        /**
         * The event of the common shape decoded by hand: {@code wall_time}, {@code step} and a
         * {@code summary} whose values hold a {@code tag} and a {@code simple_value} (and maybe a
         * {@code node_name} or {@code metadata}, which do not change the scalar). Anything else —
         * a tensor, a histogram, another kind of event, a field twice where protobuf would merge or
         * override, bytes protobuf might refuse — returns false before anything is added, and
         * protobuf-java reads the event instead. Decoding these few fields by hand avoids an
         * {@code Event}, a {@code Summary}, their builders and lists, and a UTF-8 decode of the same
         * tag per event: protobuf-java was a quarter of a read's samples.
         *
         * <p>The values are read once, and added as they are read when every tag is known (every
         * event but a tag's first): one that is not of the common shape takes back what its event
         * added. An event with a new tag is read twice, checked whole before its tags are
         * registered, so that an event protobuf then refuses leaves no tag behind. Varints of one
         * byte (keys, short lengths) are read in place: a call per field was a tenth of the
         * samples, more with the client compiler the launcher uses.
         */
        private boolean addPlainEvent(byte[] b, int offset, int length, Tags tags) {
            int end = offset + length;
            int p = offset;
            double wallTime = 0;
            long step = 0;
            int summaryStart = -1;
            int summaryEnd = -1;
            while (p < end) {
                long key = key(b, p, end);
                if (key < 0) {
                    return false;
                }
                p = varintEnd;
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (field == 1 && wire == 1) {
                    if (end - p < 8) {
                        return false;
                    }
                    wallTime = Double.longBitsToDouble(
                            Window.intAt(b, p) & 0xFFFFFFFFL | (long) Window.intAt(b, p + 4) << 32);
                    p += 8;
                } else if (field == 2 && wire == 0) {
                    // varint's rules, in place: at most ten bytes, and Long.MIN_VALUE refused.
                    long v = 0;
                    for (int shift = 0; ; shift += 7) {
                        if (p >= end || shift >= 64) {
                            return false;
                        }
                        byte x = b[p++];
                        v |= (long) (x & 0x7f) << shift;
                        if (x >= 0) {
                            break;
                        }
                    }
                    if (v == Long.MIN_VALUE) {
                        return false;
                    }
                    step = v;
                } else if (field == 5 && wire == 2 && summaryStart < 0) {
                    long n;
                    if (p < end && b[p] >= 0) {
                        n = b[p++];
                    } else {
                        n = varint(b, p, end);
                        p = varintEnd;
                    }
                    if (n < 0 || n > end - p) {
                        return false;
                    }
                    summaryStart = p;
                    summaryEnd = p + (int) n;
                    p = summaryEnd;
                } else {
                    // Another kind of event, a repeated summary (merged by protobuf), a field
                    // number this does not know, or a wire type that does not fit.
                    return false;
                }
            }
            if (p != end) {
                return false;
            }
            if (summaryStart < 0) {
                return false;
            }
            int first = size;
            switch (plainValues(b, summaryStart, summaryEnd, ADD_KNOWN, step, wallTime, tags)) {
                case TAKEN:
                    return true;
                case NEW_TAG:
                    size = first;
                    break;
                default:
                    size = first;
                    return false;
            }
            if (plainValues(b, summaryStart, summaryEnd, CHECK, step, wallTime, tags) == REFUSED) {
                return false;
            }
            return plainValues(b, summaryStart, summaryEnd, ADD, step, wallTime, tags) == TAKEN;
        }

        /**
         * The {@code Summary.Value}s of a summary, each by {@link #plainValue}: {@link #REFUSED} at
         * the first refused, {@link #NEW_TAG} at the first of a new tag when adding only known
         * ones, else {@link #TAKEN}.
         */
        private int plainValues(byte[] b, int p, int end, int mode, long step, double wallTime, Tags tags) {
            while (p < end) {
                int n;
                if (b[p] == ((1 << 3) | 2) && p + 1 < end && b[p + 1] >= 0) {
                    n = b[p + 1];
                    p += 2;
                } else {
                    long key = varint(b, p, end);
                    if (key != ((1 << 3) | 2)) {
                        return REFUSED;
                    }
                    long length = varint(b, varintEnd, end);
                    if (length < 0) {
                        return REFUSED;
                    }
                    p = varintEnd;
                    if (length > end - p) {
                        return REFUSED;
                    }
                    n = (int) length;
                }
                if (n > end - p) {
                    return REFUSED;
                }
                int result = plainValue(b, p, p + n, mode, step, wallTime, tags);
                if (result != TAKEN) {
                    return result;
                }
                p += n;
            }
            return TAKEN;
        }

        /**
         * One {@code Summary.Value}: a {@code tag} once, a {@code simple_value} once, at most a
         * {@code node_name} and a {@code metadata}. Added in modes {@link #ADD_KNOWN} (unless its
         * tag is new: {@link #NEW_TAG}) and {@link #ADD}.
         */
        private int plainValue(byte[] b, int p, int end, int mode, long step, double wallTime, Tags tags) {
            int tagStart = -1;
            int tagLength = 0;
            boolean hasValue = false;
            float value = 0;
            boolean nodeName = false;
            boolean metadata = false;
            while (p < end) {
                long key = key(b, p, end);
                if (key < 0) {
                    return REFUSED;
                }
                p = varintEnd;
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (field == 2 && wire == 5 && !hasValue) {
                    if (end - p < 4) {
                        return REFUSED;
                    }
                    value = Float.intBitsToFloat(Window.intAt(b, p));
                    hasValue = true;
                    p += 4;
                } else if (wire == 2
                        && ((field == 1 && tagStart < 0) || (field == 7 && !nodeName) || (field == 9 && !metadata))) {
                    long n;
                    if (p < end && b[p] >= 0) {
                        n = b[p++];
                    } else {
                        n = varint(b, p, end);
                        p = varintEnd;
                    }
                    if (n < 0 || n > end - p) {
                        return REFUSED;
                    }
                    if (field == 1) {
                        tagStart = p;
                        tagLength = (int) n;
                    } else if (field == 7) {
                        // A string protobuf checks as UTF-8: ASCII only here, else protobuf.
                        for (int i = p; i < p + n; i++) {
                            if (b[i] < 0) {
                                return REFUSED;
                            }
                        }
                        nodeName = true;
                    } else {
                        // Metadata (plugin data) is a message protobuf would parse and could
                        // refuse; only the simplest, absent or empty, is taken here.
                        if (n != 0) {
                            return REFUSED;
                        }
                        metadata = true;
                    }
                    p += (int) n;
                } else {
                    return REFUSED;
                }
            }
            if (!hasValue) {
                // No scalar (or a tensor, a histogram): protobuf's path decides.
                return REFUSED;
            }
            int index = tags.ofBytes(b, Math.max(tagStart, 0), tagStart < 0 ? 0 : tagLength, mode == ADD);
            if (index == -1) {
                return REFUSED;
            }
            if (mode == CHECK) {
                return TAKEN;
            }
            if (index == -2) {
                return NEW_TAG;
            }
            add(index, step, wallTime, value);
            return TAKEN;
        }

        /**
         * A field's key (its number times 8 plus its wire type) at {@code p}, read as {@link
         * #varint} reads it, {@link #varintEnd} set; a key of one byte, as every field of
         * SummaryWriter's events has, without the loop. Small enough for the client compiler to
         * inline, so that the hand decoding's loops cost no call per field.
         */
        private long key(byte[] b, int p, int end) {
            int key = b[p];
            if (key >= 0) {
                varintEnd = p + 1;
                return key;
            }
            return varint(b, p, end);
        }

        /** Where the last {@link #varint} ended, and its value. */
        private int varintEnd;

        private long varintValue;

        /**
         * Reads a varint at {@code p}: sets {@link #varintEnd} and {@link #varintValue}; returns the
         * value, or Long.MIN_VALUE when it runs past {@code end} or past ten bytes. Callers that
         * need a non-negative value (keys, lengths) treat any negative return as malformed.
         */
        private long varint(byte[] b, int p, int end) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (p >= end) {
                    return Long.MIN_VALUE;
                }
                byte x = b[p++];
                value |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    varintEnd = p;
                    varintValue = value;
                    return value;
                }
            }
            return Long.MIN_VALUE;
        }

        /**
         * The hyperparameters of a {@code _hparams_/session_start_info} summary: numbers as
         * Python writes them ({@code 512}, {@code 0.001}), strings as they are, booleans as
         * {@code true}/{@code false}. Plugin data that does not parse is skipped.
         */
        private void readHparams(Summary.Value value) {
            if (!value.hasMetadata()
                    || !value.getMetadata().getPluginData().getPluginName().equals("hparams")) {
                return;
            }
            HParamsPluginData data;
            try {
                data = HParamsPluginData.parseFrom(
                        value.getMetadata().getPluginData().getContent());
            } catch (InvalidProtocolBufferException e) {
                return;
            }
            if (!data.hasSessionStartInfo()) {
                return;
            }
            for (Map.Entry<String, HParamValue> hparam :
                    new TreeMap<>(data.getSessionStartInfo().getHparamsMap()).entrySet()) {
                HParamValue v = hparam.getValue();
                String text = switch (v.getKindCase()) {
                    case NUMBER_VALUE -> PythonFloat.repr(v.getNumberValue());
                    case STRING_VALUE -> v.getStringValue();
                    case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                    case NULL_VALUE -> "null";
                    default -> null;
                };
                if (text != null) {
                    hparams.put(hparam.getKey(), text);
                }
            }
        }
    }
}
