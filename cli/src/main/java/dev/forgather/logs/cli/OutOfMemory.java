package dev.forgather.logs.cli;

import dev.forgather.logs.model.NotEnoughMemoryException;
import java.util.Locale;

/** The one line a user sees when the heap runs out, with the option that raises it. */
final class OutOfMemory {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private OutOfMemory() {}

    /** For a log that did not fit: {@code error: not enough memory to read FILE (N MB); raise ...}. */
    static String message(NotEnoughMemoryException e) {
        String size = e.fileBytes().isPresent()
                ? " (" + Math.max(1, (e.fileBytes().getAsLong() + MIB - 1) / MIB) + " MB)"
                : "";
        return "error: not enough memory to read " + e.path() + size + "; " + hint();
    }

    /** For running out anywhere else. */
    static String message() {
        return "error: not enough memory; " + hint();
    }

    /** Twice the heap the JVM has now, in whole GiB: a limit worth trying next. */
    private static String hint() {
        long suggested = Math.max(1, (2 * Runtime.getRuntime().maxMemory() + GIB - 1) / GIB);
        return String.format(Locale.ROOT, "raise the limit with FORGATHER_JAVA_OPTS=-Xmx%dg", suggested);
    }
}
