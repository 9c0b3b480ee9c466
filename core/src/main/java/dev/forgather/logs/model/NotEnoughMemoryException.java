package dev.forgather.logs.model;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A log that did not fit in the memory the JVM was given ({@link OutOfMemoryError} while reading
 * it). The other logs of the same call are still loaded; the user can raise the heap's limit.
 */
public final class NotEnoughMemoryException extends LogReadException {
    private static final long serialVersionUID = 1L;

    private final long fileBytes;

    /** @param fileBytes the size of the log file, or -1 when it is not one file */
    public NotEnoughMemoryException(Path path, long fileBytes) {
        super(path, "not enough memory to read it");
        this.fileBytes = fileBytes;
    }

    /** The size of the log file in bytes; empty when the log is a folder of files. */
    public OptionalLong fileBytes() {
        return fileBytes < 0 ? OptionalLong.empty() : OptionalLong.of(fileBytes);
    }
}
