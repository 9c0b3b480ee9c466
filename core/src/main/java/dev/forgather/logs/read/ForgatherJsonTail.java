package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.LogSnapshot.Change;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Follows a Forgather {@code trainer_logs.json} as the trainer appends to it: each poll reads on
 * from the end of the last complete record, so a record cut off mid-write is read whole at the
 * next poll, into the same builder, whose snapshots share its arrays.
 *
 * <p>A poll starts over from the first byte when the file shrank below that offset, was replaced
 * by another file (a new file key), or the {@value #WINDOW} bytes before the offset are not the
 * ones read before: the trainer truncates its log and writes the kept records again when it
 * resumes from a checkpoint, and the records after the checkpoint differ at least in their times.
 * A file that is not in the trainer's plain shape (nested values, say) is read whole, with
 * Jackson, at each change.
 */
final class ForgatherJsonTail implements LogTail {
    /** Bytes before the offset that must be unchanged for the file to count as grown, not rewritten. */
    static final int WINDOW = 4096;

    private final ForgatherJsonReader reader;
    private final Path file;
    private final RunName name;
    private final LogFormat format;

    private FileState state;
    private LogSnapshot last;
    /** Null before the first read, and after a failed tail read, which may have left records half added. */
    private TrainingLogBuilder builder;
    /** Where the next read starts: just past the last complete record, or past '[', or 0. */
    private long offset;
    /** The bytes just before {@link #offset}, as they were read. */
    private byte[] window = new byte[0];
    /** The file is not in the trainer's plain shape: read it whole, with Jackson. */
    private boolean wholeReads;

    ForgatherJsonTail(ForgatherJsonReader reader, Path file, RunName name, LogFormat format) {
        this.reader = reader;
        this.file = file;
        this.name = name;
        this.format = format;
    }

    @Override
    public LogSnapshot poll() throws LogReadException {
        FileState now = FileState.of(file);
        if (last != null && now.equals(state)) {
            if (last.change() != Change.UNCHANGED) {
                last = last.unchanged(last.open(), last.modified());
            }
            return last;
        }
        for (int attempt = 0; ; attempt++) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                // Replaced between the stat and the open? Then the channel may be either file: again.
                FileState opened = FileState.of(file);
                if (opened.sameFileAs(now) || attempt == 3) {
                    return read(channel, now);
                }
                now = opened;
            } catch (IOException e) {
                throw Problems.of(file, e);
            }
        }
    }

    private LogSnapshot read(FileChannel channel, FileState now) throws IOException, LogReadException {
        {
            long size = channel.size();
            LogSnapshot next;
            if (last == null) {
                next = readWhole(channel, size, Change.LOADED, now);
            } else if (!now.sameFileAs(state) || size < offset || !windowIntact(channel)) {
                next = readWhole(channel, size, Change.REWRITTEN, now);
            } else if (wholeReads || builder == null) {
                next = readWhole(channel, size, null, now);
            } else {
                next = readTail(channel, size, now);
            }
            state = now;
            last = next;
            return next;
        }
    }

    /**
     * Reads the file from its first byte into a new builder.
     *
     * @param change what to report; null to tell from the records whether the file grew or was rewritten
     */
    private LogSnapshot readWhole(FileChannel channel, long size, Change change, FileState now)
            throws IOException, LogReadException {
        TrainingLogBuilder fresh = new TrainingLogBuilder();
        ForgatherJsonReader.config(file, fresh);
        long end = 0;
        boolean closed = false;
        String note = null;
        if (!blank(channel, size)) {
            ForgatherJsonReader.ScanEnd scanned = wholeReads ? null : reader.scan(channel, size, fresh);
            if (scanned == null) {
                wholeReads = true;
                ForgatherJsonReader.readWithJackson(file, size, fresh);
                closed = endsWithBracket(channel, size);
            } else {
                end = scanned.recordEnd();
                closed = scanned.closed();
                note = ForgatherJsonReader.warning(file, scanned.ending(size, 0), fresh);
            }
        }
        TrainingLog log = fresh.snapshot(file, name, format, note == null ? List.of() : List.of(note));
        if (change == null) {
            TrainingLog before = last.log();
            change = !log.startsWith(before)
                    ? Change.REWRITTEN
                    : log.recordCount() > before.recordCount() ? Change.APPENDED : Change.UNCHANGED;
        }
        int added = switch (change) {
            case APPENDED -> log.recordCount() - last.log().recordCount();
            case UNCHANGED -> 0;
            default -> log.recordCount();
        };
        builder = wholeReads ? null : fresh;
        offset = end;
        window = read(channel, Math.max(0, end - WINDOW), (int) Math.min(end, WINDOW));
        return new LogSnapshot(log, change, added, !closed, now.modified().toInstant());
    }

    /** Reads what the trainer appended since the last poll, into the builder that read the rest. */
    private LogSnapshot readTail(FileChannel channel, long size, FileState now) throws IOException, LogReadException {
        int before = builder.recordCount();
        ForgatherJsonReader.ScanEnd scanned;
        try {
            scanned = reader.scanTail(channel, offset, before > 0, size, builder);
        } catch (IOException | RuntimeException e) {
            // The builder may hold some of the new records: the next poll reads the file again.
            builder = null;
            throw e;
        }
        if (scanned == null) {
            // Something the scanner does not read (e.g. bytes after the closing bracket): Jackson
            // reads it, and words what is wrong. The builder keeps the records the scanner added.
            builder = null;
            return readWhole(channel, size, null, now);
        }
        int added = builder.recordCount() - before;
        offset = scanned.recordEnd();
        window = read(channel, Math.max(0, offset - WINDOW), (int) Math.min(offset, WINDOW));
        String note = ForgatherJsonReader.warning(file, scanned.ending(size, 0), builder);
        TrainingLog log = builder.snapshot(file, name, format, note == null ? List.of() : List.of(note));
        return new LogSnapshot(
                log,
                added > 0 ? Change.APPENDED : Change.UNCHANGED,
                added,
                !scanned.closed(),
                now.modified().toInstant());
    }

    private boolean windowIntact(FileChannel channel) throws IOException {
        return Arrays.equals(window, read(channel, offset - window.length, window.length));
    }

    /** Whether the file holds nothing but white space (the trainer has just created it). */
    private static boolean blank(FileChannel channel, long size) throws IOException {
        if (size > 64) {
            return false;
        }
        for (byte b : read(channel, 0, (int) size)) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Whether the last byte that is not white space is the closing bracket. */
    private static boolean endsWithBracket(FileChannel channel, long size) throws IOException {
        int n = (int) Math.min(size, 64);
        byte[] tail = read(channel, size - n, n);
        for (int i = tail.length - 1; i >= 0; i--) {
            byte b = tail[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == ']';
            }
        }
        return false;
    }

    /** Bytes {@code [from, from + n)}; fewer when the file ends first. */
    private static byte[] read(FileChannel channel, long from, int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, from + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.position() == n ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
    }
}
