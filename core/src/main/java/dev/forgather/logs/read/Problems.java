package dev.forgather.logs.read;

import com.fasterxml.jackson.core.JsonLocation;
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

    /** A problem at a place in a JSON file, or in the file as a whole when the place is unknown. */
    static LogReadException at(Path file, JsonLocation where, String problem) {
        if (where == null || where.getLineNr() < 1) {
            return new LogReadException(file, problem);
        }
        return new LogReadException(file, where.getLineNr(), where.getColumnNr(), problem);
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
