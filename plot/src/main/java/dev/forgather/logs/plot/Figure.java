package dev.forgather.logs.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;

/**
 * A chart laid out and ready to write: a page of panels in a grid, with an optional title over
 * all of them, like a matplotlib figure of subplots. Built by {@link MetricsChart} or
 * {@link LossCurvesChart}, written by {@link ChartWriter}. It is drawn through one seam,
 * {@code draw(Graphics2D, Rectangle2D)}: PNG, SVG and PDF differ only in the {@link Graphics2D}.
 */
public final class Figure {
    /** Space around the page and between panels, in points. */
    private static final double MARGIN = 6;

    private static final double GAP = 10;

    private final double widthInches;
    private final double heightInches;
    private final Optional<String> title;
    private final List<JFreeChart> panels;
    private final int columns;

    Figure(double widthInches, double heightInches, Optional<String> title, List<JFreeChart> panels, int columns) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs a panel");
        }
        this.widthInches = widthInches;
        this.heightInches = heightInches;
        this.title = title;
        this.panels = List.copyOf(panels);
        this.columns = Math.min(columns, panels.size());
    }

    /** The page width in inches. */
    public double widthInches() {
        return widthInches;
    }

    /** The page height in inches. */
    public double heightInches() {
        return heightInches;
    }

    /** The page width in points (1/72 inch), the unit the figure is laid out in. */
    double widthPoints() {
        return widthInches * 72;
    }

    double heightPoints() {
        return heightInches * 72;
    }

    Optional<String> title() {
        return title;
    }

    List<JFreeChart> panels() {
        return panels;
    }

    /**
     * How many pixel columns one of {@code columns} panels side by side spans on a page
     * {@code widthInches} wide at {@link ChartWriter#DPI}: the most points a line there can show.
     */
    static int panelPixelColumns(double widthInches, int columns) {
        return (int) Math.ceil(widthInches * ChartWriter.DPI / columns);
    }

    /** The areas the panels are drawn in when the page fills {@code area}, in panel order. */
    List<Rectangle2D> cells(Rectangle2D area) {
        double top = area.getMinY() + MARGIN + titleHeight();
        int rows = (panels.size() + columns - 1) / columns;
        double cellWidth = (area.getWidth() - 2 * MARGIN - (columns - 1) * GAP) / columns;
        double cellHeight = (area.getMaxY() - MARGIN - top - (rows - 1) * GAP) / rows;
        List<Rectangle2D> cells = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            int row = i / columns;
            int column = i % columns;
            cells.add(new Rectangle2D.Double(
                    area.getMinX() + MARGIN + column * (cellWidth + GAP),
                    top + row * (cellHeight + GAP),
                    cellWidth,
                    cellHeight));
        }
        return cells;
    }

    /** Draws the page into {@code area} (in the units of {@code g2}, normally points). */
    void draw(Graphics2D g2, Rectangle2D area) {
        // JFreeChart draws rotated text (the y-axis labels) through a TextLayout by default, a
        // workaround for a JDK 1.3 bug (4312117); SVG and PDF canvases turn TextLayouts into glyph
        // outlines, so "Loss" would be no text at all. Plain drawString is right on every current JDK.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
        g2.setPaint(Color.WHITE);
        g2.fill(area);
        if (title.isPresent()) {
            g2.setFont(ChartLook.font(ChartLook.FIGURE_TITLE_SIZE));
            g2.setPaint(ChartLook.TEXT);
            TextUtils.drawAlignedString(
                    title.get(),
                    g2,
                    (float) area.getCenterX(),
                    (float) (area.getMinY() + MARGIN + titleHeight() / 2),
                    TextAnchor.CENTER);
        }
        List<Rectangle2D> cells = cells(area);
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).draw(g2, cells.get(i));
        }
    }

    private double titleHeight() {
        return title.isPresent() ? ChartLook.FIGURE_TITLE_SIZE * 1.8 : 0;
    }
}
