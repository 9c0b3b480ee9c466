package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.nio.file.Path;

/**
 * Reads one log format into a {@link TrainingLogBuilder}. Each format's quirks stay in its reader;
 * the model it fills is format-neutral.
 */
public interface LogReader {
    /** The format's short name, shown to users and in JSON output, e.g. {@code forgather}. */
    String format();

    /**
     * Whether this reader is for {@code file}, judged from its name and first bytes. For formats
     * whose run is a folder (TensorBoard, MLflow) {@code file} may be that folder, and
     * {@link #read} accepts it too.
     *
     * @param head up to the first 64 bytes of the file (fewer for a shorter file; empty for a
     *     folder)
     */
    boolean accepts(Path file, byte[] head);

    /**
     * Reads every complete record of {@code file} into {@code into}. Input the reader had to skip
     * (e.g. a record cut off by a crash) is reported through {@link TrainingLogBuilder#warn}.
     *
     * @throws LogReadException when the file cannot be used at all
     */
    void read(Path file, TrainingLogBuilder into) throws LogReadException;
}
