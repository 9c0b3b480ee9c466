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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a TensorBoard run, its folder of event files, the way TensorBoard's own
 * {@code DirectoryWatcher} does: per event file it keeps the offset just past the last record
 * read whole and the file's identity, and at each poll reads only the bytes a file gained since
 * (a record cut off mid-write is read whole at the next poll), and a new file whole.
 *
 * <p>A file that shrank below its offset, was replaced (a new file key), disappeared, or whose
 * {@value #WINDOW} bytes before the offset are not the ones read, is read again from its first
 * byte, and the poll reports {@link Change#REWRITTEN}. So does a poll whose new values, merged in
 * wall-time order with the others, do not all come after them (a new file with earlier times):
 * the records before them are not what the previous snapshot holds.
 *
 * <p>Costs: a poll that finds nothing new lists the folder and stats each file. After a change,
 * only the new bytes are read and parsed; the run's values, kept in memory as read, are grouped
 * into records again (a pass over them, no I/O), since a record still open at the end may take
 * the next event's values.
 */
final class TensorBoardTail implements LogTail {
    /** Bytes before a file's offset that must be unchanged for it to count as grown, not rewritten. */
    static final int WINDOW = 64;

    private final Path log;
    private final RunName name;
    private final LogFormat format;

    private final TensorBoardReader.Tags tags = new TensorBoardReader.Tags();
    private final Map<Path, Followed> files = new HashMap<>();
    private List<FileState> states;
    private LogSnapshot last;

    /** One event file as read so far. */
    private static final class Followed {
        FileState state;
        TensorBoardReader.FileScalars scalars = new TensorBoardReader.FileScalars();
        byte[] window = new byte[0];
    }

    TensorBoardTail(Path log, RunName name, LogFormat format) {
        this.log = log;
        this.name = name;
        this.format = format;
    }

    @Override
    public LogSnapshot poll() throws LogReadException {
        List<Path> paths = TensorBoardReader.filesToRead(log);
        List<FileState> now = new ArrayList<>(paths.size());
        Instant modified = Instant.EPOCH;
        for (Path path : paths) {
            FileState state = FileState.of(path);
            now.add(state);
            if (state.modified().toInstant().isAfter(modified)) {
                modified = state.modified().toInstant();
            }
        }
        if (last != null && now.equals(states)) {
            if (last.change() != Change.UNCHANGED) {
                last = last.unchanged(last.open(), last.modified());
            }
            return last;
        }
        boolean rewritten = !files.keySet().stream().allMatch(paths::contains);
        files.keySet().retainAll(paths);
        List<TensorBoardReader.FileScalars> read = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            Path path = paths.get(i);
            FileState state = now.get(i);
            Followed file = files.get(path);
            if (file == null || file.state == null) {
                if (file == null) {
                    file = new Followed();
                    files.put(path, file);
                }
                readOn(path, file, state);
            } else if (!state.equals(file.state)) {
                if (!state.sameFileAs(file.state) || state.size() < file.scalars.end || !windowIntact(path, file)) {
                    rewritten = true;
                    file.scalars = new TensorBoardReader.FileScalars();
                }
                readOn(path, file, state);
            }
            read.add(file.scalars);
        }
        TrainingLogBuilder builder = new TrainingLogBuilder();
        TensorBoardReader.emit(log, paths, read, tags, builder);
        TrainingLog next = builder.build(log, name, format);
        Change change;
        int added;
        if (last == null) {
            change = Change.LOADED;
            added = next.recordCount();
        } else if (rewritten || !next.startsWith(last.log())) {
            change = Change.REWRITTEN;
            added = next.recordCount();
        } else {
            added = next.recordCount() - last.log().recordCount();
            change = added > 0 ? Change.APPENDED : Change.UNCHANGED;
        }
        states = now;
        last = new LogSnapshot(next, change, added, next.finalRecord().isEmpty(), modified);
        return last;
    }

    /** Reads {@code path} on from where its last read ended, and remembers the bytes before the new end. */
    private void readOn(Path path, Followed file, FileState state) throws LogReadException {
        try {
            TensorBoardReader.readFile(path, file.scalars.end, file.scalars, tags);
            file.window = bytesBefore(path, file.scalars.end);
        } catch (LogReadException e) {
            // Read from the start next time: what this read added may be half a file's worth.
            file.scalars = new TensorBoardReader.FileScalars();
            file.window = new byte[0];
            file.state = null;
            throw e;
        }
        file.state = state;
    }

    private static boolean windowIntact(Path path, Followed file) throws LogReadException {
        return Arrays.equals(file.window, bytesBefore(path, file.scalars.end));
    }

    /** The up to {@value #WINDOW} bytes before {@code end}. */
    private static byte[] bytesBefore(Path path, long end) throws LogReadException {
        int n = (int) Math.min(end, WINDOW);
        ByteBuffer buffer = ByteBuffer.allocate(n);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, end - n + buffer.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw Problems.of(path, e);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
