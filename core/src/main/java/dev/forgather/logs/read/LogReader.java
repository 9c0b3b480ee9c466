package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

/**
 * All that one log format knows: how to recognise its files, where its runs are in a folder, how
 * a run is named, and how it is read into a {@link TrainingLogBuilder}. Each format's quirks stay
 * in its reader; the model it fills is format-neutral. {@link LogFormat} lists the readers;
 * discovery and loading only loop over it.
 */
public interface LogReader {
    /**
     * Whether this reader is for {@code file}, judged from its name and first bytes. For formats
     * whose run is a folder (TensorBoard, MLflow's file store) {@code file} may be that folder,
     * and {@link #read} accepts it too.
     *
     * @param head up to the first {@link LogFormat#HEAD_BYTES} bytes of the file (fewer for a
     *     shorter file; empty for a folder)
     */
    boolean accepts(Path file, byte[] head);

    /**
     * The log of this format that stands for the run whose folder is {@code folder}: a file in it,
     * or the folder itself for formats whose run is a folder; empty when it holds none.
     */
    Optional<Path> logIn(Path folder);

    /**
     * The runs of this format that a search of a folder tree finds in {@code folder} itself (not in
     * its subfolders), each as the path {@link #read} takes. Usually {@link #logIn}; a format may
     * leave out what another folder already stands for (a Hugging Face checkpoint inside its run).
     */
    default List<Path> runsIn(Path folder) {
        return logIn(folder).stream().toList();
    }

    /**
     * Whether {@code path}, which is no file, names a run inside one of this format's files (a run
     * of an MLflow database, {@code mlflow.db/<experiment id>/<run id>}).
     */
    default boolean namesRunWithin(Path path) {
        return false;
    }

    /** Whether a search of a folder tree need not look below {@code folder} (an MLflow run's own files). */
    default boolean endsSearch(Path folder) {
        return false;
    }

    /** The model and run that {@code log}, a path {@link #logIn} or {@link #runsIn} gave, belongs to. */
    default RunName name(Path log) {
        return RunFolders.name(
                Files.isDirectory(log) ? log : log.toAbsolutePath().getParent());
    }

    /** When the run was last written to: the newest modification time of its files. */
    default FileTime modified(Path log) {
        try {
            return Files.getLastModifiedTime(log);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * The files whose size, modification time or identity changes when the log at {@code log}
     * changes: what a follower stats at each poll. The log file itself, unless the format's log
     * is spread over files (their folder is listed too, as its time changes when one is added).
     * The first must exist; the others may be absent at times (SQLite's {@code -wal} file), which
     * counts as a state of its own.
     *
     * @throws LogReadException when they cannot be listed
     */
    default List<Path> files(Path log) throws LogReadException {
        return List.of(log);
    }

    /**
     * How a follower reads {@code log} again as it changes: by default the whole log, when one of
     * its {@link #files} changed; a format whose writer appends can read only what was added.
     *
     * @param name the run's name, as {@link #name} gave it
     * @param format this reader's format, for the snapshots' logs
     */
    default LogTail tail(Path log, RunName name, LogFormat format) {
        return new WholeFileTail(format, log, name);
    }

    /**
     * Reads every complete record of {@code file} into {@code into}. Input the reader had to skip
     * (e.g. a record cut off by a crash) is reported through {@link TrainingLogBuilder#warn}.
     *
     * @throws LogReadException when the file cannot be used at all
     */
    void read(Path file, TrainingLogBuilder into) throws LogReadException;
}
