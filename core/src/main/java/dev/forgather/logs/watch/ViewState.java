package dev.forgather.logs.watch;

import java.util.List;

/**
 * How the view looks, apart from the data: smoothing, scale, panel layout, x axis, the visible
 * x window, and whether following is paused. Immutable; every key press is a pure function from
 * one state to the next ({@link #apply}), so keys are tested without a terminal.
 *
 * <p>The x window is a fraction of the data's whole x range: {@code zoom} 1 shows all of it,
 * 2 half; {@code pan} is how far its right edge sits from the newest data, as a fraction of the
 * whole range (0: the window follows the newest records as they arrive).
 *
 * @param smoothing moving-average window, 0 or 1 for none
 * @param logScale whether y axes are logarithmic
 * @param layout which arrangement of panels ({@link #LAYOUT_GRID}, {@link #LAYOUT_ROWS}, or
 *     {@code LAYOUT_SINGLE + i} for metric {@code i} alone)
 * @param axis the x axis
 * @param zoom how many times the whole x range the window is narrower, at least 1
 * @param pan the window's right edge, as a fraction of the range back from the newest data
 * @param paused whether the logs are no longer polled
 * @param initial the state {@code r} returns to; null in the first state itself
 */
public record ViewState(
        int smoothing,
        boolean logScale,
        int layout,
        WatchAxis axis,
        double zoom,
        double pan,
        boolean paused,
        ViewState initial) {
    /** The windows {@code s} cycles through; 0 is off. */
    public static final List<Integer> SMOOTHING_STEPS = List.of(0, 5, 10, 20, 50);
    /** All metrics in a grid, two panels a row. */
    public static final int LAYOUT_GRID = 0;
    /** All metrics, one panel a row. */
    public static final int LAYOUT_ROWS = 1;
    /** One metric alone: {@code LAYOUT_SINGLE + i} shows metric {@code i}. */
    public static final int LAYOUT_SINGLE = 2;

    private static final double MAX_ZOOM = 1 << 20;
    /** How far one arrow press moves the window, as a fraction of its width. */
    private static final double PAN_STEP = 0.25;

    /** The state a view starts in. */
    public static ViewState start(int smoothing, boolean logScale, WatchAxis axis) {
        return new ViewState(smoothing, logScale, LAYOUT_GRID, axis, 1, 0, false, null);
    }

    /**
     * The state after {@code key}, for a view of {@code metricCount} metrics. {@link Key#QUIT}
     * leaves the state as it is; the caller leaves.
     */
    public ViewState apply(Key key, int metricCount) {
        return switch (key) {
            case QUIT -> this;
            case SMOOTHING -> with(nextSmoothing(), logScale, layout, axis, zoom, pan, paused);
            case LOG_SCALE -> with(smoothing, !logScale, layout, axis, zoom, pan, paused);
            case LAYOUT -> with(smoothing, logScale, (layout + 1) % layoutCount(metricCount), axis, zoom, pan, paused);
            // A new axis has a new range: the old window means nothing on it.
            case X_AXIS -> with(smoothing, logScale, layout, axis.next(), 1, 0, paused);
            case PAN_LEFT ->
                with(smoothing, logScale, layout, axis, zoom, clampPan(pan + PAN_STEP / zoom, zoom), paused);
            case PAN_RIGHT ->
                with(smoothing, logScale, layout, axis, zoom, clampPan(pan - PAN_STEP / zoom, zoom), paused);
            case ZOOM_IN -> {
                double z = Math.min(MAX_ZOOM, zoom * 2);
                yield with(smoothing, logScale, layout, axis, z, clampPan(pan, z), paused);
            }
            case ZOOM_OUT -> {
                double z = Math.max(1, zoom / 2);
                yield with(smoothing, logScale, layout, axis, z, clampPan(pan, z), paused);
            }
            case PAUSE -> with(smoothing, logScale, layout, axis, zoom, pan, !paused);
            case RESET -> {
                // Pausing is not part of the view's geometry: reset leaves it as it is.
                ViewState first = initialState();
                yield new ViewState(
                        first.smoothing,
                        first.logScale,
                        first.layout,
                        first.axis,
                        first.zoom,
                        first.pan,
                        paused,
                        first);
            }
        };
    }

    /** How many layouts a view of {@code metricCount} metrics cycles through. */
    public static int layoutCount(int metricCount) {
        return metricCount <= 1 ? 1 : LAYOUT_SINGLE + metricCount;
    }

    /** The visible part of {@code [min, max]} as {@code {from, to}}. */
    public double[] window(double min, double max) {
        double range = max - min;
        double to = max - pan * range;
        return new double[] {to - range / zoom, to};
    }

    private ViewState initialState() {
        return initial == null ? this : initial;
    }

    private ViewState with(int s, boolean log, int lay, WatchAxis a, double z, double p, boolean pause) {
        return new ViewState(s, log, lay, a, z, p, pause, initialState());
    }

    private int nextSmoothing() {
        for (int w : SMOOTHING_STEPS) {
            if (w > smoothing) {
                return w;
            }
        }
        return 0;
    }

    private static double clampPan(double pan, double zoom) {
        return Math.max(0, Math.min(1 - 1 / zoom, pan));
    }
}
