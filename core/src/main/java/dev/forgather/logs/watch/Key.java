package dev.forgather.logs.watch;

import java.util.Optional;

/** What a key press asks of the view; {@link ViewState#apply} turns it into a new state. */
public enum Key {
    /** {@code q}: leave. */
    QUIT,
    /** {@code s}: the next smoothing window (off, 5, 10, 20, 50). */
    SMOOTHING,
    /** {@code l}: log scale on or off. */
    LOG_SCALE,
    /** {@code m}: the next arrangement of the metric panels. */
    LAYOUT,
    /** {@code x}: the next x axis (step, epoch, time). */
    X_AXIS,
    /** Left arrow: show earlier data. */
    PAN_LEFT,
    /** Right arrow: show later data. */
    PAN_RIGHT,
    /** {@code +} or up arrow: show half the range. */
    ZOOM_IN,
    /** {@code -} or down arrow: show twice the range. */
    ZOOM_OUT,
    /** Space: stop or resume following the logs. */
    PAUSE,
    /** {@code r}: the view as it started, pan, zoom, axis and layout included. */
    RESET;

    /** The key for a typed character; empty when it means nothing to the view. */
    public static Optional<Key> ofChar(int c) {
        return Optional.ofNullable(mapped(c));
    }

    private static Key mapped(int c) {
        return switch (c) {
            case 'q', 'Q' -> QUIT;
            case 's' -> SMOOTHING;
            case 'l' -> LOG_SCALE;
            case 'm' -> LAYOUT;
            case 'x' -> X_AXIS;
            case '+', '=' -> ZOOM_IN;
            case '-', '_' -> ZOOM_OUT;
            case ' ' -> PAUSE;
            case 'r' -> RESET;
            default -> null;
        };
    }
}
