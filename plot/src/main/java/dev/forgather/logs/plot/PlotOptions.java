package dev.forgather.logs.plot;

import dev.forgather.logs.model.MetricNames;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to draw a metrics or loss-curves chart: the options of {@code forgather logs plot}.
 *
 * <pre>{@code
 * PlotOptions options = PlotOptions.defaults().withMetrics(List.of("loss", "grad_norm")).withSmoothWindow(10);
 * }</pre>
 *
 * @param metrics the log keys to plot, one panel each, in order (metrics chart only); never empty
 * @param xAxis what the horizontal axis measures
 * @param smoothWindow the centred moving-average window in points; 0 or 1 draws raw series only
 * @param logScale whether value axes are logarithmic (values ≤ 0 are then left out)
 * @param title the figure title; empty for none (loss curves of one run then say {@code Training Progress})
 * @param labels the runs' legend names, in the order of the logs; runs past the end get default names
 * @param format the file format written when the output file name does not end in .png, .svg or .pdf
 * @param baseline the index of the run (or seed group) drawn dashed as the baseline; empty for none
 */
public record PlotOptions(
        List<String> metrics,
        XAxis xAxis,
        int smoothWindow,
        boolean logScale,
        Optional<String> title,
        List<String> labels,
        PlotFormat format,
        OptionalInt baseline) {

    /** The metrics drawn when none are asked for. */
    public static final List<String> DEFAULT_METRICS =
            List.of(MetricNames.LOSS, MetricNames.EVAL_LOSS, MetricNames.LEARNING_RATE);

    /** Checks and copies the lists. */
    public PlotOptions {
        metrics = List.copyOf(metrics);
        labels = List.copyOf(labels);
        Objects.requireNonNull(xAxis, "xAxis");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(baseline, "baseline");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metrics to plot");
        }
        for (String metric : metrics) {
            if (metric.isBlank()) {
                throw new IllegalArgumentException("empty metric name");
            }
        }
        if (smoothWindow < 0) {
            throw new IllegalArgumentException("smoothing window must not be negative: " + smoothWindow);
        }
    }

    /** The defaults of {@code forgather logs plot}: default metrics, step axis, no smoothing, linear, PNG. */
    public static PlotOptions defaults() {
        return new PlotOptions(
                DEFAULT_METRICS,
                XAxis.STEP,
                0,
                false,
                Optional.empty(),
                List.of(),
                PlotFormat.PNG,
                OptionalInt.empty());
    }

    /** A copy with other metrics. */
    public PlotOptions withMetrics(List<String> newMetrics) {
        return new PlotOptions(newMetrics, xAxis, smoothWindow, logScale, title, labels, format, baseline);
    }

    /** A copy with another x axis. */
    public PlotOptions withXAxis(XAxis newXAxis) {
        return new PlotOptions(metrics, newXAxis, smoothWindow, logScale, title, labels, format, baseline);
    }

    /** A copy with another smoothing window. */
    public PlotOptions withSmoothWindow(int newSmoothWindow) {
        return new PlotOptions(metrics, xAxis, newSmoothWindow, logScale, title, labels, format, baseline);
    }

    /** A copy with log-scale value axes on or off. */
    public PlotOptions withLogScale(boolean newLogScale) {
        return new PlotOptions(metrics, xAxis, smoothWindow, newLogScale, title, labels, format, baseline);
    }

    /** A copy with a figure title. */
    public PlotOptions withTitle(String newTitle) {
        return new PlotOptions(metrics, xAxis, smoothWindow, logScale, Optional.of(newTitle), labels, format, baseline);
    }

    /** A copy with run labels. */
    public PlotOptions withLabels(List<String> newLabels) {
        return new PlotOptions(metrics, xAxis, smoothWindow, logScale, title, newLabels, format, baseline);
    }

    /** A copy that draws the run (or seed group) at {@code index} dashed, as the baseline. */
    public PlotOptions withBaseline(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("baseline index must not be negative: " + index);
        }
        return new PlotOptions(metrics, xAxis, smoothWindow, logScale, title, labels, format, OptionalInt.of(index));
    }

    /** Whether the run (or seed group) at {@code index} is the baseline. */
    public boolean isBaseline(int index) {
        return baseline.isPresent() && baseline.getAsInt() == index;
    }

    /** A copy with another default format. */
    public PlotOptions withFormat(PlotFormat newFormat) {
        return new PlotOptions(metrics, xAxis, smoothWindow, logScale, title, labels, newFormat, baseline);
    }
}
