package dev.forgather.logs.model;

import java.nio.file.Path;

/**
 * A log that cannot be used: missing, unreadable, or not a log at all. The message names the file
 * and the problem in one line, e.g. {@code runs/a/trainer_logs.json: line 12, column 4: unexpected
 * character}, ready to show a user.
 */
public class LogReadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final String problem;

    /** A problem with the file as a whole, e.g. {@code no such file}. */
    public LogReadException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /**
     * A problem with the file as a whole that {@code cause} explains (an I/O error, or a bug in a
     * reader): the message stays {@code problem}; {@code FORGATHER_DEBUG=1} shows the cause's stack.
     */
    public LogReadException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
        this.problem = problem;
    }

    /** A problem at a place in the file; line and column count from 1. */
    public LogReadException(Path path, long line, long column, String problem) {
        this(path, "line " + line + ", column " + column + ": " + problem);
    }

    /** The file concerned. */
    public Path path() {
        return path;
    }

    /** The problem without the file name, starting lowercase, e.g. {@code empty file}. */
    public String problem() {
        return problem;
    }
}
