package dev.forgather.logs.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

/**
 * A base-10 log axis ticked as matplotlib does: labelled powers of ten with unlabelled minor ticks
 * at 2…9 times them; when less than two powers of ten are in view (a loss from 1.5 to 5), labelled
 * ticks at 1…9 times a power of ten instead. JFreeChart's {@link LogAxis} labels only whole powers,
 * which leaves such an axis with no labels at all.
 */
final class LogValueAxis extends LogAxis {
    private static final int MAX_LABELS = 8;

    LogValueAxis(String label) {
        super(label);
        setBase(10);
    }

    /**
     * A diverging run can log values near {@code Double.MAX_VALUE}; the axis margin above them
     * overflows and JFreeChart rejects the empty range. Then the axis spans every positive power
     * of ten from 1 up, rather than failing the whole chart.
     */
    @Override
    protected void autoAdjustRange() {
        try {
            super.autoAdjustRange();
        } catch (IllegalArgumentException e) {
            setRange(new Range(1, Double.MAX_VALUE), false, false);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<NumberTick> ticks = new ArrayList<>();
        double lower = getLowerBound();
        double upper = getUpperBound();
        if (!(lower > 0) || !(upper > lower)) {
            return ticks;
        }
        int firstDecade = (int) Math.floor(Math.log10(lower));
        int lastDecade = (int) Math.ceil(Math.log10(upper));
        int powersInView = 0;
        for (int d = firstDecade; d <= lastDecade; d++) {
            if (inView(Math.pow(10, d), lower, upper)) {
                powersInView++;
            }
        }
        TextAnchor anchor = labelAnchor(edge);
        if (powersInView >= 2) {
            int every = Math.max(1, (int) Math.ceil(powersInView / (double) MAX_LABELS));
            for (int d = firstDecade; d <= lastDecade; d++) {
                double power = Math.pow(10, d);
                if (inView(power, lower, upper)) {
                    boolean labelled = Math.floorMod(d, every) == 0;
                    ticks.add(new NumberTick(
                            TickType.MAJOR, power, labelled ? TickLabels.logLabel(power) : "", anchor, anchor, 0));
                }
                if (every == 1) {
                    for (int m = 2; m <= 9; m++) {
                        double minor = m * power;
                        if (inView(minor, lower, upper)) {
                            ticks.add(new NumberTick(TickType.MINOR, minor, "", anchor, anchor, 0));
                        }
                    }
                }
            }
            return ticks;
        }
        // Within about one decade: label a subset of 1..9 × 10^d so that 3 to 8 labels show.
        int[][] choices = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 5}, {1, 2, 5}, {1, 3}, {1}};
        for (int[] mantissas : choices) {
            List<NumberTick> candidate = new ArrayList<>();
            for (int d = firstDecade; d <= lastDecade; d++) {
                for (int m = 1; m <= 9; m++) {
                    double value = m * Math.pow(10, d);
                    if (!inView(value, lower, upper)) {
                        continue;
                    }
                    boolean labelled = contains(mantissas, m);
                    candidate.add(new NumberTick(
                            labelled ? TickType.MAJOR : TickType.MINOR,
                            value,
                            labelled ? TickLabels.logLabel(value) : "",
                            anchor,
                            anchor,
                            0));
                }
            }
            long labels = candidate.stream()
                    .filter(t -> t.getTickType() == TickType.MAJOR)
                    .count();
            if (labels < 2) {
                break;
            }
            if (labels <= MAX_LABELS) {
                return candidate;
            }
        }
        return evenlySpaced(lower, upper, anchor);
    }

    /**
     * Ticks for a range too narrow for two of 1…9 × 10ⁿ (an eval loss from 1.3 to 2.2): evenly
     * spaced values, labelled plainly, placed on the log scale.
     */
    private static List<NumberTick> evenlySpaced(double lower, double upper, TextAnchor anchor) {
        List<NumberTick> ticks = new ArrayList<>();
        NumberTickUnit unit = (NumberTickUnit) TickLabels.standardUnits().getCeilingTickUnit((upper - lower) / 6);
        long first = (long) Math.ceil(lower / unit.getSize() - 1e-9);
        long last = (long) Math.floor(upper / unit.getSize() + 1e-9);
        for (long k = first; k <= last; k++) {
            // k × step rather than a running sum, which would drift off the round values.
            double value = k * unit.getSize();
            if (value > 0) {
                ticks.add(new NumberTick(TickType.MAJOR, value, unit.valueToString(value), anchor, anchor, 0));
            }
        }
        return ticks;
    }

    private static boolean inView(double value, double lower, double upper) {
        return value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9);
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static TextAnchor labelAnchor(RectangleEdge edge) {
        if (edge == RectangleEdge.LEFT) {
            return TextAnchor.CENTER_RIGHT;
        }
        if (edge == RectangleEdge.RIGHT) {
            return TextAnchor.CENTER_LEFT;
        }
        return edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
    }
}
