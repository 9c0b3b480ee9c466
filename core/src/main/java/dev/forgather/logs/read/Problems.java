package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns I/O failures into the one-line problems users see. */
final class Problems {
    private Problems() {
    }

    static LogReadException of(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new LogReadException(file, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new LogReadException(file, "permission denied");
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            String reason = fs.getReason();
            return new LogReadException(file, Character.toLowerCase(reason.charAt(0)) + reason.substring(1));
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new LogReadException(file, "cannot read: " + message);
    }
}
