package dev.forgather.logs.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Matplotlib's default look, in JFreeChart terms. All sizes are in points (1/72 inch): a chart is
 * laid out in points and scaled to the output's resolution, so text is as large at 300 dpi as it
 * would be on paper.
 */
final class ChartLook {
    static final float TITLE_SIZE = 12f;
    static final float FIGURE_TITLE_SIZE = 14f;
    static final float LABEL_SIZE = 10f;
    static final float TICK_SIZE = 10f;
    static final float LEGEND_SIZE = 10f;

    /** A line's width; matplotlib's default is 1.5, the original tool drew 2. */
    static final float LINE_WIDTH = 1.75f;
    /** A smoothed line, drawn over its raw series. */
    static final float SMOOTHED_WIDTH = 2.0f;
    /** The raw series under a smoothed one: thin and see-through, yet visible (the original's was not). */
    static final float RAW_WIDTH = 1.0f;

    static final int RAW_ALPHA = 90;

    static final Color TEXT = Color.BLACK;
    static final Color GRID = new Color(0xb0b0b0);
    static final int GRID_ALPHA = 77; // matplotlib's grid(alpha=0.3)
    static final Color LEGEND_EDGE = new Color(0xcccccc);

    private ChartLook() {}

    /** A panel: one plot with its title above it, no JFreeChart legend (legends go inside the plot). */
    static JFreeChart panel(String title, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, ChartFont.of(TITLE_SIZE), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(new RectangleInsets(2, 4, 2, 8));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        TextTitle chartTitle = chart.getTitle();
        if (chartTitle != null) {
            chartTitle.setPaint(TEXT);
            chartTitle.setPadding(new RectangleInsets(2, 0, 6, 0));
        }
        return chart;
    }

    /** An XY plot with a white background, a thin black frame and a light solid grid. */
    static XYPlot plot(ValueAxis xAxis, ValueAxis yAxis) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(xAxis);
        plot.setRangeAxis(yAxis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(TEXT);
        plot.setOutlineStroke(new BasicStroke(0.8f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(0, 0, 0, 0));
        Paint grid = new Color(GRID.getRed(), GRID.getGreen(), GRID.getBlue(), GRID_ALPHA);
        Stroke gridStroke = new BasicStroke(0.8f);
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setDomainGridlineStroke(gridStroke);
        plot.setRangeGridlineStroke(gridStroke);
        // Later series are drawn on top, as in matplotlib (JFreeChart's default is the reverse).
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setNoDataMessageFont(ChartFont.of(LABEL_SIZE));
        plot.setNoDataMessagePaint(Color.GRAY);
        return plot;
    }

    /**
     * Shows {@code message} in a plot that has nothing to draw, without the made-up 0…1 ticks and
     * grid an empty JFreeChart axis would show.
     */
    static void empty(XYPlot plot, String message) {
        plot.setNoDataMessage(message);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (ValueAxis axis : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setTickLabelsVisible(false);
            axis.setTickMarksVisible(false);
        }
    }

    /** A linear value axis that fits the data with 5% margins and need not include zero. */
    static NumberAxis linearAxis(String label) {
        NumberAxis axis = new LinearAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setAutoRangeStickyZero(false);
        axis.setStandardTickUnits(TickLabels.standardUnits());
        axis.setLowerMargin(0.05);
        axis.setUpperMargin(0.05);
        style(axis, TEXT);
        return axis;
    }

    /** A base-10 log value axis. */
    static ValueAxis logAxis(String label) {
        LogValueAxis axis = new LogValueAxis(label);
        axis.setLowerMargin(0.05);
        axis.setUpperMargin(0.05);
        axis.setMinorTickMarksVisible(true);
        axis.setMinorTickMarkOutsideLength(2f);
        axis.setMinorTickMarkInsideLength(0f);
        style(axis, TEXT);
        return axis;
    }

    /**
     * A value axis on the right of the plot, its label read bottom to top as on the left (JFreeChart
     * turns a right-hand label the other way; matplotlib does not).
     */
    static void onRight(ValueAxis axis) {
        axis.setLabelAngle(Math.PI);
    }

    /** Ticks outside, labels at matplotlib's sizes; label and tick labels in {@code color}. */
    static void style(ValueAxis axis, Color color) {
        axis.setAxisLineVisible(false);
        axis.setTickMarksVisible(true);
        axis.setTickMarkOutsideLength(3.5f);
        axis.setTickMarkInsideLength(0f);
        axis.setTickMarkStroke(new BasicStroke(0.8f));
        axis.setTickMarkPaint(TEXT);
        axis.setTickLabelFont(ChartFont.of(TICK_SIZE));
        axis.setTickLabelPaint(color);
        axis.setTickLabelInsets(new RectangleInsets(3.5, 3.5, 3.5, 3.5));
        axis.setLabelFont(ChartFont.of(LABEL_SIZE));
        axis.setLabelPaint(color);
        axis.setLabelInsets(new RectangleInsets(2, 2, 2, 2));
    }

    /** A renderer of plain lines (no markers) drawn each as one path, which is fast and one SVG element. */
    static XYLineAndShapeRenderer lineRenderer() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setLegendLine(new Line2D.Double(-10, 0, 10, 0));
        renderer.setDefaultLegendTextFont(ChartFont.of(LEGEND_SIZE));
        renderer.setDefaultLegendTextPaint(TEXT);
        return renderer;
    }

    /** A solid line stroke with round joins, as matplotlib draws lines. */
    static Stroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    }

    /** A dashed line stroke (matplotlib's {@code --}). */
    static Stroke dashed(float width) {
        return new BasicStroke(
                width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {3.7f * width, 1.6f * width}, 0f);
    }

    /** A round point marker of {@code diameter} points, centred on the point. */
    static Shape marker(double diameter) {
        return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
    }

    /** {@code color} made see-through, for the raw series under a smoothed one. */
    static Color faint(Color color) {
        return faint(color, RAW_ALPHA);
    }

    /** {@code color} with opacity {@code alpha} (0 to 255). */
    static Color faint(Color color, int alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
    }

    /** A font at {@code size} points. */
    static Font font(float size) {
        return ChartFont.of(size);
    }
}
