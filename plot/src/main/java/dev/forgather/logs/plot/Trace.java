package dev.forgather.logs.plot;

import dev.forgather.logs.model.Series;
import dev.forgather.logs.stats.MovingAverage;
import java.util.Optional;

/**
 * One run's metric ready to draw: its raw line and, with {@code --smooth N}, its smoothed line,
 * both reduced to what the panel's pixel columns can show.
 *
 * @param raw every point (reduced), non-finite values as gaps
 * @param smoothed the centred moving average of the raw values; empty when smoothing does not apply
 */
record Trace(XYColumns raw, Optional<XYColumns> smoothed) {

    /**
     * Prepares {@code series}. Smoothing runs over all the series' points, in file order, before
     * points without an x are left out and before reduction, so the drawn curve is SPEC's formula.
     *
     * @param originSeconds the run's first timestamp, for {@link XAxis#TIME}
     * @param pixelColumns how many pixel columns the panel spans
     */
    static Trace of(
            Series series, XAxis axis, double originSeconds, int smoothWindow, boolean logScale, int pixelColumns) {
        double[] x = XYColumns.xOf(series, axis, originSeconds);
        double[] values = series.values();
        XYColumns raw = Downsampler.reduce(XYColumns.of(x, values, logScale), pixelColumns);
        if (!MovingAverage.applies(smoothWindow, values.length)) {
            return new Trace(raw, Optional.empty());
        }
        double[] smooth = MovingAverage.smooth(values, smoothWindow);
        return new Trace(raw, Optional.of(Downsampler.reduce(XYColumns.of(x, smooth, logScale), pixelColumns)));
    }

    /** The line that represents the run in the legend: the smoothed one when there is one. */
    XYColumns main() {
        return smoothed.orElse(raw);
    }

    /** Whether anything would be drawn. */
    boolean isVisible() {
        return raw.hasFiniteY();
    }
}
