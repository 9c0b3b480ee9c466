package dev.forgather.logs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a file with {@link OutputTarget}'s rules (temporary file and rename, through symlinks,
 * devices written directly, the umask honoured) but without checking it against the logs being
 * read. Commands use {@code Outputs.target}, which also refuses an output that is a log.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** What writes the content to the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code text} as UTF-8 to {@code target}, creating its folders. */
    public static void write(Path target, String text) throws IOException {
        OutputTarget.of(target).write(text);
    }

    /** Writes what {@code content} produces to {@code target}, creating its folders. */
    public static void write(Path target, Content content) throws IOException {
        OutputTarget.of(target).write(content::writeTo);
    }
}
