package dev.forgather.logs.cli;

import dev.forgather.logs.model.LogReadException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The edge where failures become one line on stderr and exit status 1: a log or file the user
 * named is unusable (or the status a {@link UserException} names, such as 2 for an output that is
 * a log). Anything else is a bug and says so, still without a stack trace (set
 * {@code FORGATHER_DEBUG=1} to see one).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    private final boolean debug;

    /** Stack traces shown when {@code debug} ({@code FORGATHER_DEBUG} is set), else one line. */
    ErrorHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        if (e instanceof UserException user) {
            if (!user.isQuiet()) {
                cli.getErr().println("error: " + e.getMessage());
            }
            cli.getErr().flush();
            return user.exitStatus();
        }
        if (e instanceof LogReadException) {
            cli.getErr().println("error: " + e.getMessage());
        } else {
            cli.getErr().println("internal error: " + e);
        }
        if (debug && (!(e instanceof LogReadException) || e.getCause() != null)) {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return ExitStatus.LOG_FAILED;
    }
}
