package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.LogSnapshot.Change;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a log whose writer rewrites it whole (Hugging Face's {@code trainer_state.json} at each
 * save, Lightning's {@code metrics.csv} at each flush, all of it again when a new column appears)
 * or that is spread over files (an MLflow run's metric files): each poll stats the files, and
 * when any size, modification time or identity changed, reads the log again with its reader.
 * Whether records were only added is told from the records: the new log starts with the old one.
 */
final class WholeFileTail implements LogTail {
    private final LogFormat format;
    private final Path path;
    private final RunName name;

    private List<FileState> states;
    private LogSnapshot last;

    WholeFileTail(LogFormat format, Path path, RunName name) {
        this.format = format;
        this.path = path;
        this.name = name;
    }

    @Override
    public LogSnapshot poll() throws LogReadException {
        List<FileState> now = new ArrayList<>();
        Instant modified = Instant.EPOCH;
        List<Path> files = format.reader().files(path);
        for (int i = 0; i < files.size(); i++) {
            // The log's own file must be there; the others (a SQLite -wal) may come and go.
            FileState state = i == 0 ? FileState.of(files.get(i)) : FileState.ofMaybeAbsent(files.get(i));
            now.add(state);
            Instant time = state.modified().toInstant();
            if (time.isAfter(modified)) {
                modified = time;
            }
        }
        if (last != null && now.equals(states)) {
            if (last.change() != Change.UNCHANGED) {
                last = last.unchanged(last.open(), last.modified());
            }
            return last;
        }
        TrainingLogBuilder builder = new TrainingLogBuilder();
        format.read(path, builder);
        TrainingLog log = builder.build(path, name, format);
        Change change;
        int added;
        if (last == null) {
            change = Change.LOADED;
            added = log.recordCount();
        } else if (!log.startsWith(last.log())) {
            change = Change.REWRITTEN;
            added = log.recordCount();
        } else {
            added = log.recordCount() - last.log().recordCount();
            change = added > 0 ? Change.APPENDED : Change.UNCHANGED;
        }
        states = now;
        last = new LogSnapshot(log, change, added, log.finalRecord().isEmpty(), modified);
        return last;
    }
}
