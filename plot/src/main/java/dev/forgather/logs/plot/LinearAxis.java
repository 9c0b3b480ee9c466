package dev.forgather.logs.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A linear axis that spaces its ticks as matplotlib's {@code MaxNLocator} does: at most 9
 * intervals, and no more than one tick per three label heights (x) or two (y). JFreeChart alone
 * picks the densest spacing whose labels do not overlap, which crowds a y axis with 11 labels.
 */
final class LinearAxis extends NumberAxis {
    private static final int MAX_INTERVALS = 9;

    LinearAxis(String label) {
        super(label);
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        super.selectAutoTickUnit(g2, dataArea, edge);
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        double length = vertical ? dataArea.getHeight() : dataArea.getWidth();
        double fontSize = getTickLabelFont().getSize2D();
        int intervals =
                (int) Math.max(1, Math.min(MAX_INTERVALS, Math.floor(length / (fontSize * (vertical ? 2 : 3)))));
        TickUnit wanted = getStandardTickUnits().getCeilingTickUnit(getRange().getLength() / intervals);
        if (wanted instanceof NumberTickUnit unit
                && unit.getSize() > getTickUnit().getSize()) {
            setTickUnit(unit, false, false);
        }
    }
}
