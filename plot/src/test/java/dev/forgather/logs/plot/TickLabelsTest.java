package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

class TickLabelsTest {
    private static String label(double unit, double value) {
        TickUnit tickUnit = TickLabels.standardUnits().getCeilingTickUnit(unit);
        return tickUnit.valueToString(value);
    }

    @Test
    void labelsOfOneAxisShareTheirDecimalsAndHaveNoThousandsSeparator() {
        assertThat(label(0.0002, 0.0)).isEqualTo("0.0000");
        assertThat(label(0.0002, 0.001)).isEqualTo("0.0010");
        assertThat(label(0.25, 1.5)).isEqualTo("1.50");
        assertThat(label(200, 1400)).isEqualTo("1400");
        assertThat(label(0.5, -1.5)).isEqualTo("\u22121.5");
    }

    @Test
    void largeRoundNumbersGetASuffix() {
        assertThat(label(200_000, 400_000)).isEqualTo("400k");
        assertThat(label(200_000, 1_000_000)).isEqualTo("1M");
        assertThat(label(250_000, 1_250_000)).isEqualTo("1.25M");
        assertThat(label(20_000, 0)).isEqualTo("0");
    }

    @Test
    void logLabelsArePowersOfTenOrPlainNumbers() {
        assertThat(TickLabels.logLabel(1e-4)).isEqualTo("10\u207b\u2074");
        assertThat(TickLabels.logLabel(100)).isEqualTo("10\u00b2");
        assertThat(TickLabels.logLabel(3)).isEqualTo("3");
        assertThat(TickLabels.logLabel(0.02)).isEqualTo("0.02");
        assertThat(TickLabels.logLabel(3e-6)).isEqualTo("3\u00d710\u207b\u2076");
    }

    @Test
    void aLogAxisWithinOneDecadeStillHasSeveralLabels() {
        assertThat(labels(1.3, 2.2)).hasSizeGreaterThanOrEqualTo(3).contains("1.4", "2.0");
        assertThat(labels(1.5, 5.5)).containsExactly("2", "3", "4", "5");
        assertThat(labels(1e-9, 2e-3)).contains("10\u207b\u2079", "10\u207b\u00b3");
    }

    private static List<String> labels(double lower, double upper) {
        LogValueAxis axis = new LogValueAxis("y");
        axis.setRange(lower, upper);
        Graphics2D g2 = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
        @SuppressWarnings("unchecked")
        List<NumberTick> ticks =
                axis.refreshTicks(g2, new AxisState(), new Rectangle2D.Double(0, 0, 400, 300), RectangleEdge.LEFT);
        return ticks.stream()
                .filter(t -> t.getTickType() == TickType.MAJOR)
                .map(NumberTick::getText)
                .filter(t -> !t.isEmpty())
                .toList();
    }
}
