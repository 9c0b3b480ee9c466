package dev.forgather.logs.plot;

import dev.forgather.logs.compare.Band;
import dev.forgather.logs.compare.GroupCurve;
import dev.forgather.logs.compare.SeedGroups;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;

/**
 * The metrics chart of seed groups: one panel per metric, as {@link MetricsChart} lays them out,
 * and per group its mean curve over a shaded band ({@link Band}), the members aligned on the union
 * of their steps. The baseline group, when there is one, is drawn dashed.
 */
public final class GroupChart {
    /** How opaque a band is: light enough that overlapping bands stay readable. */
    static final float BAND_ALPHA = 0.25f;

    private GroupChart() {}

    /**
     * Lays out the chart of {@code groups}; nothing is drawn yet. Only the step axis applies:
     * members are aligned on their steps.
     *
     * @param baseline the index of the group to draw dashed, or -1 for none
     * @throws IllegalArgumentException when {@code groups} is empty or the x axis is not steps
     */
    public static Figure build(List<SeedGroups.Group> groups, Band band, int baseline, PlotOptions options) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no groups to plot");
        }
        if (options.xAxis() != XAxis.STEP) {
            throw new IllegalArgumentException("seed groups are aligned on steps: the x axis must be step");
        }
        int columns = options.metrics().size() == 1 ? 1 : 2;
        int pixelColumns = Figure.panelPixelColumns(MetricsChart.WIDTH_INCHES, columns);
        List<JFreeChart> panels = new ArrayList<>();
        for (String metric : options.metrics()) {
            BandDataset dataset = new BandDataset();
            DeviationRenderer renderer = new DeviationRenderer(true, false);
            renderer.setAlpha(BAND_ALPHA);
            renderer.setDrawSeriesLineAsPath(true);
            renderer.setAutoPopulateSeriesPaint(false);
            renderer.setAutoPopulateSeriesFillPaint(false);
            renderer.setAutoPopulateSeriesStroke(false);
            renderer.setLegendLine(new java.awt.geom.Line2D.Double(-10, 0, 10, 0));
            for (int g = 0; g < groups.size(); g++) {
                SeedGroups.Group group = groups.get(g);
                GroupCurve curve = GroupCurve.of(group.key(), group.members(), metric, band, options.smoothWindow());
                if (curve.isEmpty()) {
                    continue;
                }
                int series = dataset.add(
                        reduce(group.key() + " (n=" + curve.members() + ")", curve, pixelColumns, options.logScale()));
                Color color = Palette.color(g);
                renderer.setSeriesPaint(series, color);
                renderer.setSeriesFillPaint(series, color);
                renderer.setSeriesStroke(
                        series,
                        g == baseline
                                ? ChartLook.dashed(ChartLook.SMOOTHED_WIDTH)
                                : ChartLook.line(ChartLook.SMOOTHED_WIDTH));
            }
            panels.add(panel(metric, dataset, renderer, options, band));
        }
        return new Figure(MetricsChart.WIDTH_INCHES, MetricsChart.HEIGHT_INCHES, options.title(), panels, columns);
    }

    private static JFreeChart panel(
            String metric, BandDataset dataset, DeviationRenderer renderer, PlotOptions options, Band band) {
        String name = MetricsChart.displayName(metric);
        ValueAxis x = ChartLook.linearAxis(options.xAxis().label());
        ValueAxis y = options.logScale() ? ChartLook.logAxis(name) : ChartLook.linearAxis(name);
        XYPlot plot = ChartLook.plot(x, y);
        if (dataset.getSeriesCount() == 0) {
            ChartLook.empty(plot, "No data for " + metric);
        } else {
            plot.setDataset(0, dataset);
            plot.setRenderer(0, renderer);
            plot.addAnnotation(new InPlotLegend(plot), false);
        }
        return ChartLook.panel(name + " vs " + options.xAxis().label() + " (mean, band: " + bandName(band) + ")", plot);
    }

    private static String bandName(Band band) {
        return switch (band) {
            case STD -> "± std";
            case MINMAX -> "min–max";
            case CI95 -> "95% CI";
        };
    }

    /**
     * At most about two points per pixel column: the mean of each column's points for the line,
     * the lowest lower and highest upper edge for the band, so that no excursion of the band is
     * lost. With a log axis, values ≤ 0 (which it cannot place) are raised to the smallest
     * positive value.
     */
    static BandDataset.Curve reduce(String key, GroupCurve curve, int pixelColumns, boolean logScale) {
        int n = curve.steps().length;
        double[] x = curve.steps();
        double[] mean = curve.mean();
        double[] lower = curve.lower();
        double[] upper = curve.upper();
        int buckets = Math.max(1, 2 * pixelColumns);
        if (n > buckets) {
            double first = x[0];
            double width = (x[n - 1] - first) / buckets;
            double[] bx = new double[buckets];
            double[] bm = new double[buckets];
            double[] bl = new double[buckets];
            double[] bu = new double[buckets];
            int out = 0;
            int i = 0;
            while (i < n) {
                int b = width == 0 ? 0 : Math.min(buckets - 1, (int) ((x[i] - first) / width));
                double sx = 0;
                double sm = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                int k = 0;
                while (i < n && (width == 0 ? 0 : Math.min(buckets - 1, (int) ((x[i] - first) / width))) == b) {
                    sx += x[i];
                    sm += mean[i];
                    lo = Math.min(lo, lower[i]);
                    hi = Math.max(hi, upper[i]);
                    k++;
                    i++;
                }
                bx[out] = sx / k;
                bm[out] = sm / k;
                bl[out] = lo;
                bu[out] = hi;
                out++;
            }
            x = java.util.Arrays.copyOf(bx, out);
            mean = java.util.Arrays.copyOf(bm, out);
            lower = java.util.Arrays.copyOf(bl, out);
            upper = java.util.Arrays.copyOf(bu, out);
        } else {
            lower = lower.clone();
        }
        if (logScale) {
            double smallest = Double.POSITIVE_INFINITY;
            for (double v : mean) {
                if (v > 0) {
                    smallest = Math.min(smallest, v);
                }
            }
            for (int i = 0; i < lower.length; i++) {
                if (!(lower[i] > 0)) {
                    lower[i] = smallest;
                }
            }
        }
        return new BandDataset.Curve(key, x, mean, lower, upper);
    }
}
