package dev.forgather.logs.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The one translation of I/O failures into the words a user reads: short, lower-case, one line,
 * the same wording for the same condition whether a log was being read or an output written
 * ({@code no such file}, {@code permission denied}, {@code not a directory: tmp}).
 */
public final class IoProblems {
    private IoProblems() {}

    /** Why {@code e} happened, e.g. {@code permission denied}; never null, never blank. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            // Creating an output's folders ran into a file of that name.
            return "not a directory: " + ((FileSystemException) e).getFile();
        }
        if (e instanceof FileSystemException fs
                && fs.getReason() != null
                && !fs.getReason().isBlank()) {
            return lowerFirst(fs.getReason());
        }
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : lowerFirst(message.lines().findFirst().orElse(message));
    }

    private static String lowerFirst(String s) {
        String t = s.strip();
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.isEmpty() ? t : t.substring(0, 1).toLowerCase(Locale.ROOT) + t.substring(1);
    }
}
