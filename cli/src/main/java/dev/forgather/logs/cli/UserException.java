package dev.forgather.logs.cli;

/** A failure to report to the user as one line, with exit status 1 unless said otherwise. */
final class UserException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    UserException(String message) {
        this(message, ExitStatus.LOG_FAILED);
    }

    /** @param exitStatus one of {@link ExitStatus} */
    UserException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /**
     * Ends the command with {@code exitStatus} and nothing printed: the reader of a pipe went
     * away ({@code | head}), which needs no message.
     */
    static UserException quiet(int exitStatus) {
        return new UserException(null, exitStatus);
    }

    int exitStatus() {
        return exitStatus;
    }

    boolean isQuiet() {
        return getMessage() == null;
    }
}
