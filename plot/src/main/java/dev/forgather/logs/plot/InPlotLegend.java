package dev.forgather.logs.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;

/**
 * A plot's legend drawn inside it, in the corner where it hides the fewest line segments, as
 * matplotlib's {@code loc="best"} does. The corner is chosen while drawing, from the real data
 * area and legend size, so it is right in every output format.
 */
final class InPlotLegend extends AbstractXYAnnotation {
    /** Matplotlib's {@code borderaxespad}: half a font size between legend and frame. */
    private static final double INSET = 5;

    /** The corners in matplotlib's order of preference when several hide nothing. */
    enum Corner {
        UPPER_RIGHT,
        UPPER_LEFT,
        LOWER_LEFT,
        LOWER_RIGHT
    }

    private final LegendTitle legend;
    private Corner lastCorner;

    InPlotLegend(XYPlot plot) {
        ColumnArrangement column = new ColumnArrangement(HorizontalAlignment.LEFT, VerticalAlignment.TOP, 0, 0);
        legend = new LegendTitle(plot, column, column);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setItemFont(ChartLook.font(ChartLook.LEGEND_SIZE));
        legend.setItemPaint(ChartLook.TEXT);
        legend.setBackgroundPaint(new Color(255, 255, 255, 204));
        legend.setFrame(new BlockBorder(new RectangleInsets(0.8, 0.8, 0.8, 0.8), ChartLook.LEGEND_EDGE));
        legend.setPadding(new RectangleInsets(3, 4, 3, 6));
        legend.setMargin(RectangleInsets.ZERO_INSETS);
        legend.setItemLabelPadding(new RectangleInsets(1.5, 6, 1.5, 2));
        legend.setLegendItemGraphicPadding(new RectangleInsets(1.5, 4, 1.5, 2));
    }

    /** The corner chosen at the last drawing; null before the first. For tests. */
    Corner lastCorner() {
        return lastCorner;
    }

    @Override
    public void draw(
            Graphics2D g2,
            XYPlot plot,
            Rectangle2D dataArea,
            ValueAxis domainAxis,
            ValueAxis rangeAxis,
            int rendererIndex,
            PlotRenderingInfo info) {
        if (plot.getLegendItems().getItemCount() == 0) {
            return;
        }
        RectangleConstraint fit = new RectangleConstraint(
                new Range(0, dataArea.getWidth() - 2 * INSET), new Range(0, dataArea.getHeight() - 2 * INSET));
        Size2D size = legend.arrange(g2, fit);
        Corner best = null;
        Rectangle2D bestBox = null;
        int fewest = Integer.MAX_VALUE;
        for (Corner corner : Corner.values()) {
            Rectangle2D box = box(corner, dataArea, size);
            int hidden = segmentsUnder(plot, dataArea, box);
            if (hidden < fewest) {
                fewest = hidden;
                best = corner;
                bestBox = box;
            }
        }
        lastCorner = best;
        legend.draw(g2, bestBox);
        // JFreeChart's block frame leaves the stroke changed.
        g2.setStroke(new BasicStroke(1f));
    }

    private static Rectangle2D box(Corner corner, Rectangle2D area, Size2D size) {
        boolean left = corner == Corner.UPPER_LEFT || corner == Corner.LOWER_LEFT;
        boolean upper = corner == Corner.UPPER_LEFT || corner == Corner.UPPER_RIGHT;
        double x = left ? area.getMinX() + INSET : area.getMaxX() - INSET - size.width;
        double y = upper ? area.getMinY() + INSET : area.getMaxY() - INSET - size.height;
        return new Rectangle2D.Double(x, y, size.width, size.height);
    }

    /** How many drawn segments (and lone points) of the plot's lines cross {@code box}. */
    private static int segmentsUnder(XYPlot plot, Rectangle2D dataArea, Rectangle2D box) {
        int count = 0;
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        Line2D.Double segment = new Line2D.Double();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset dataset = plot.getDataset(d);
            if (dataset == null) {
                continue;
            }
            ValueAxis xAxis = plot.getDomainAxisForDataset(d);
            ValueAxis yAxis = plot.getRangeAxisForDataset(d);
            RectangleEdge yEdge = Plot.resolveRangeAxisLocation(
                    plot.getRangeAxisLocation(plot.getRangeAxisIndex(yAxis)), plot.getOrientation());
            for (int s = 0; s < dataset.getSeriesCount(); s++) {
                double px = Double.NaN;
                double py = Double.NaN;
                for (int i = 0; i < dataset.getItemCount(s); i++) {
                    double y = dataset.getYValue(s, i);
                    if (Double.isNaN(y)) {
                        px = Double.NaN;
                        continue;
                    }
                    double jx = xAxis.valueToJava2D(dataset.getXValue(s, i), dataArea, xEdge);
                    double jy = yAxis.valueToJava2D(y, dataArea, yEdge);
                    if (Double.isNaN(px)) {
                        if (box.contains(jx, jy)) {
                            count++;
                        }
                    } else {
                        segment.setLine(px, py, jx, jy);
                        if (segment.intersects(box)) {
                            count++;
                        }
                    }
                    px = jx;
                    py = jy;
                }
            }
        }
        return count;
    }
}
