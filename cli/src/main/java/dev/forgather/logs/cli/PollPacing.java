package dev.forgather.logs.cli;

/**
 * When the live view polls next, so that a record flushed just after a poll read the log is on
 * screen within one refresh, not one refresh plus a frame: one refresh after the last poll
 * started, less a lead for reading and drawing. The lead is half as much again as the slowest of
 * the last {@value #REMEMBERED} polls took from start to frame on screen, plus {@value
 * #MARGIN_MILLIS} ms for the terminal to show it (measured with tmux on a busy 2-core machine: 50
 * to 70 ms between our flush and the pane showing it), so that one frame slower than the one
 * before (a collection, the check thread on the other core) still makes it; and at most half a refresh,
 * so that the polls never come more than twice as often as {@code --refresh} says.
 */
final class PollPacing {
    static final int REMEMBERED = 8;
    static final long MARGIN_MILLIS = 50;

    private final long refreshNanos;
    private final long[] took = new long[REMEMBERED];
    /** Where the next duration goes in {@link #took}, round and round. */
    private int next;
    /** How many of {@link #took} hold a duration (up to {@link #REMEMBERED}). */
    private int filled;

    PollPacing(long refreshNanos) {
        this.refreshNanos = refreshNanos;
    }

    /** Remembers what the poll that started at {@code pollStarted} took and says when the next starts. */
    long next(long pollStarted, long frameShown) {
        took[next] = Math.max(0, frameShown - pollStarted);
        next = (next + 1) % REMEMBERED;
        filled = Math.min(filled + 1, REMEMBERED);
        long slowest = 0;
        for (int i = 0; i < filled; i++) {
            slowest = Math.max(slowest, took[i]);
        }
        long lead = slowest + slowest / 2 + MARGIN_MILLIS * 1_000_000;
        return pollStarted + refreshNanos - Math.min(lead, refreshNanos / 2);
    }
}
