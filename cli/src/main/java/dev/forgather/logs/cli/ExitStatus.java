package dev.forgather.logs.cli;

/**
 * The exit statuses of every command, named once (as jfr's {@code EXIT_OK}, {@code EXIT_FAILED},
 * {@code EXIT_WRONG_ARGUMENTS}), so that scripts and cron jobs can rely on them.
 */
final class ExitStatus {
    private ExitStatus() {}

    /** Everything asked for was done. */
    static final int OK = 0;
    /** A log (or another file the user named) could not be used; the others were still used. */
    static final int LOG_FAILED = 1;
    /** The command line was wrong: nothing was read or written. */
    static final int USAGE = 2;
    /** {@code logs check} found a problem at or above {@code --fail-on}. */
    static final int FINDINGS = 3;
}
