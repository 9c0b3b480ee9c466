package dev.forgather.logs.cli;

/** A failure to report to the user as one line, with exit status 1. */
final class UserException extends Exception {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }
}
