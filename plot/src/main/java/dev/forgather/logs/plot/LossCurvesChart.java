package dev.forgather.logs.plot;

import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.TrainingLog;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;

/**
 * The loss-curves chart ({@code --loss-curves}). One run: training loss (blue), evaluation loss (green, with markers) and
 * the learning rate on a secondary axis (orange, dashed) in one panel. Several runs: a Train Loss
 * and an Eval Loss panel side by side, one colour per run. Smoothing applies to training loss.
 */
public final class LossCurvesChart {
    static final double ONE_RUN_WIDTH_INCHES = 12;
    static final double COMPARED_WIDTH_INCHES = 16;
    static final double HEIGHT_INCHES = 6;
    static final String DEFAULT_TITLE = "Training Progress";

    private static final String LOSS = MetricNames.LOSS;
    private static final String EVAL_LOSS = MetricNames.EVAL_LOSS;
    private static final String LEARNING_RATE = MetricNames.LEARNING_RATE;

    private LossCurvesChart() {}

    /**
     * Lays out the chart of {@code logs} (12×6 inches for one run, 16×6 for several); nothing is
     * drawn yet.
     *
     * @throws IllegalArgumentException when {@code logs} is empty
     */
    public static Figure build(List<TrainingLog> logs, PlotOptions options) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no logs to plot");
        }
        List<String> names = RunLabels.of(logs, options.labels());
        return logs.size() == 1 ? oneRun(logs.get(0), names.get(0), options) : compared(logs, names, options);
    }

    private static Figure oneRun(TrainingLog log, String name, PlotOptions options) {
        int pixelColumns = Figure.panelPixelColumns(ONE_RUN_WIDTH_INCHES, 1);
        double origin = XYColumns.timeOrigin(log);
        PanelLines losses = new PanelLines();
        losses.add(
                name + " Train Loss",
                trace(log, LOSS, origin, options, options.smoothWindow(), pixelColumns),
                Palette.BLUE,
                ChartLook.line(ChartLook.LINE_WIDTH),
                Optional.empty());
        losses.add(
                name + " Eval Loss",
                trace(log, EVAL_LOSS, origin, options, 0, pixelColumns),
                Palette.GREEN,
                ChartLook.line(ChartLook.LINE_WIDTH),
                Optional.of(ChartLook.marker(6)));
        PanelLines learningRate = new PanelLines();
        learningRate.add(
                name + " Learning Rate",
                trace(log, LEARNING_RATE, origin, options.withLogScale(false), 0, pixelColumns),
                ChartLook.faint(Palette.ORANGE, 190),
                ChartLook.dashed(1.5f),
                Optional.empty());

        ValueAxis lossAxis = options.logScale() ? ChartLook.logAxis("Loss") : ChartLook.linearAxis("Loss");
        ChartLook.style(lossAxis, Palette.BLUE);
        XYPlot plot = ChartLook.plot(ChartLook.linearAxis(options.xAxis().label()), lossAxis);
        if (losses.isEmpty() && learningRate.isEmpty()) {
            ChartLook.empty(plot, "No loss, eval_loss or learning_rate data");
        }
        if (!losses.isEmpty()) {
            losses.addTo(plot, 0);
        }
        if (!learningRate.isEmpty()) {
            ValueAxis rateAxis = ChartLook.linearAxis("Learning Rate");
            ChartLook.style(rateAxis, Palette.ORANGE);
            ChartLook.onRight(rateAxis);
            plot.setRangeAxis(1, rateAxis);
            plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
            learningRate.addTo(plot, 1);
            plot.mapDatasetToRangeAxis(1, 1);
        }
        plot.addAnnotation(new InPlotLegend(plot), false);
        String title = options.title().orElse(DEFAULT_TITLE);
        return new Figure(
                ONE_RUN_WIDTH_INCHES, HEIGHT_INCHES, Optional.empty(), List.of(ChartLook.panel(title, plot)), 1);
    }

    private static Figure compared(List<TrainingLog> logs, List<String> names, PlotOptions options) {
        int pixelColumns = Figure.panelPixelColumns(COMPARED_WIDTH_INCHES, 2);
        PanelLines train = new PanelLines();
        PanelLines eval = new PanelLines();
        for (int r = 0; r < logs.size(); r++) {
            TrainingLog log = logs.get(r);
            double origin = XYColumns.timeOrigin(log);
            boolean baseline = options.isBaseline(r);
            Stroke stroke = baseline ? ChartLook.dashed(ChartLook.LINE_WIDTH) : ChartLook.line(ChartLook.LINE_WIDTH);
            train.add(
                    names.get(r),
                    trace(log, LOSS, origin, options, options.smoothWindow(), pixelColumns),
                    Palette.color(r),
                    stroke,
                    Optional.empty(),
                    baseline);
            eval.add(
                    names.get(r),
                    trace(log, EVAL_LOSS, origin, options, 0, pixelColumns),
                    Palette.color(r),
                    stroke,
                    Optional.of(ChartLook.marker(4.5)));
        }
        List<JFreeChart> panels = new ArrayList<>();
        panels.add(panel("Train Loss", "Loss", LOSS, train, options));
        panels.add(panel("Eval Loss", "Eval Loss", EVAL_LOSS, eval, options));
        return new Figure(COMPARED_WIDTH_INCHES, HEIGHT_INCHES, options.title(), panels, 2);
    }

    private static JFreeChart panel(String title, String yLabel, String metric, PanelLines lines, PlotOptions options) {
        ValueAxis y = options.logScale() ? ChartLook.logAxis(yLabel) : ChartLook.linearAxis(yLabel);
        XYPlot plot = ChartLook.plot(ChartLook.linearAxis(options.xAxis().label()), y);
        if (lines.isEmpty()) {
            ChartLook.empty(plot, "No data for " + metric);
        } else {
            lines.addTo(plot, 0);
            plot.addAnnotation(new InPlotLegend(plot), false);
        }
        return ChartLook.panel(title, plot);
    }

    private static Trace trace(
            TrainingLog log, String metric, double origin, PlotOptions options, int smoothWindow, int pixelColumns) {
        return Trace.of(log.series(metric), options.xAxis(), origin, smoothWindow, options.logScale(), pixelColumns);
    }
}
