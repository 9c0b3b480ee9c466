package dev.forgather.logs.plot;

import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;

/**
 * The metrics chart: one panel per metric, two panels a row, every run a line of its own colour,
 * on a 12×8 inch page. A run that lacks a metric is simply absent from that panel; a panel no run
 * has data for says so. The baseline run ({@link PlotOptions#baseline()}), if any, is drawn dashed.
 */
public final class MetricsChart {
    static final double WIDTH_INCHES = 12;
    static final double HEIGHT_INCHES = 8;

    private MetricsChart() {}

    /**
     * Lays out the chart of {@code logs}; nothing is drawn yet.
     *
     * @throws IllegalArgumentException when {@code logs} is empty
     */
    public static Figure build(List<TrainingLog> logs, PlotOptions options) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no logs to plot");
        }
        List<String> names = RunLabels.of(logs, options.labels());
        int columns = options.metrics().size() == 1 ? 1 : 2;
        int pixelColumns = Figure.panelPixelColumns(WIDTH_INCHES, columns);
        double[] origins = new double[logs.size()];
        for (int r = 0; r < logs.size(); r++) {
            origins[r] = options.xAxis() == XAxis.TIME ? XYColumns.timeOrigin(logs.get(r)) : Double.NaN;
        }
        List<JFreeChart> panels = new ArrayList<>();
        for (String metric : options.metrics()) {
            PanelLines lines = new PanelLines();
            for (int r = 0; r < logs.size(); r++) {
                Series series = logs.get(r).series(metric);
                if (series.isEmpty()) {
                    continue;
                }
                Trace trace = Trace.of(
                        series, options.xAxis(), origins[r], options.smoothWindow(), options.logScale(), pixelColumns);
                boolean baseline = options.isBaseline(r);
                lines.add(
                        names.get(r),
                        trace,
                        Palette.color(r),
                        baseline ? ChartLook.dashed(ChartLook.LINE_WIDTH) : ChartLook.line(ChartLook.LINE_WIDTH),
                        Optional.empty(),
                        baseline);
            }
            panels.add(panel(metric, lines, options));
        }
        return new Figure(WIDTH_INCHES, HEIGHT_INCHES, options.title(), panels, columns);
    }

    /** {@code eval_loss} as a label: {@code Eval Loss}, as Python's {@code str.title()} writes it. */
    static String displayName(String metric) {
        String spaced = metric.replace('_', ' ');
        StringBuilder sb = new StringBuilder(spaced.length());
        boolean previousIsLetter = false;
        for (int i = 0; i < spaced.length(); i++) {
            char c = spaced.charAt(i);
            sb.append(previousIsLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousIsLetter = Character.isLetter(c);
        }
        return sb.toString();
    }

    private static JFreeChart panel(String metric, PanelLines lines, PlotOptions options) {
        String name = displayName(metric);
        ValueAxis x = ChartLook.linearAxis(options.xAxis().label());
        ValueAxis y = options.logScale() ? ChartLook.logAxis(name) : ChartLook.linearAxis(name);
        XYPlot plot = ChartLook.plot(x, y);
        if (lines.isEmpty()) {
            ChartLook.empty(plot, "No data for " + metric);
        } else {
            lines.addTo(plot, 0);
            plot.addAnnotation(new InPlotLegend(plot), false);
        }
        return ChartLook.panel(name + " vs " + options.xAxis().label(), plot);
    }
}
