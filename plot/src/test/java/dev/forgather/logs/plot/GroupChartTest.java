package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.forgather.logs.compare.Band;
import dev.forgather.logs.compare.CompareOptions;
import dev.forgather.logs.compare.GroupCurve;
import dev.forgather.logs.compare.SeedGroups;
import dev.forgather.logs.model.TrainingLog;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupChartTest {
    @TempDir
    Path tmp;

    /** A run whose loss is {@code value} at steps 0, 10, ..., 100. */
    private TrainingLog flat(String run, double value) {
        List<String> records = new ArrayList<>();
        for (int step = 0; step <= 100; step += 10) {
            records.add("{\"global_step\": " + step + ", \"loss\": " + value + "}");
        }
        return TestLogs.write(tmp, "m", run, records);
    }

    /**
     * Group a: losses 1, 2, 3 (mean 2, std 1, min–max 1…3); group b: 20, 20, 26 (mean 22, std √12,
     * min–max 20…26), far enough that no band overlaps another.
     */
    private List<SeedGroups.Group> groups() {
        List<TrainingLog> runs = List.of(
                flat("a_seed1", 1),
                flat("a_seed2", 2),
                flat("a_seed3", 3),
                flat("b_seed1", 20),
                flat("b_seed2", 20),
                flat("b_seed3", 26));
        return SeedGroups.of(runs, CompareOptions.DEFAULT_GROUP_PATTERN);
    }

    private static PlotOptions lossOnly() {
        return PlotOptions.defaults().withMetrics(List.of("loss"));
    }

    @Test
    void theCurveIsTheMeanAndTheBandItsSpread() {
        List<SeedGroups.Group> groups = groups();
        assertThat(groups).extracting(SeedGroups.Group::key).containsExactly("a", "b");
        GroupCurve std = GroupCurve.of("b", groups.get(1).members(), "loss", Band.STD, 0);
        assertThat(std.steps()).hasSize(11);
        assertThat(std.mean()[5]).isEqualTo(22.0);
        assertThat(std.upper()[5] - std.mean()[5]).isCloseTo(Math.sqrt(12), within(1e-12));
        GroupCurve minmax = GroupCurve.of("b", groups.get(1).members(), "loss", Band.MINMAX, 0);
        assertThat(minmax.lower()[5]).isEqualTo(20.0);
        assertThat(minmax.upper()[5]).isEqualTo(26.0);
        GroupCurve ci = GroupCurve.of("b", groups.get(1).members(), "loss", Band.CI95, 0);
        assertThat(ci.upper()[5] - ci.mean()[5]).isCloseTo(4.303 * Math.sqrt(12) / Math.sqrt(3), within(1e-9));
    }

    @Test
    void membersAreAlignedOnTheUnionOfTheirSteps() {
        // One member logs every 10 steps from 0 to 100 at 0; the other every 25 steps, 100 at step 0 down to 0 at 100.
        TrainingLog tens = flat("c_seed1", 0);
        List<String> records = new ArrayList<>();
        for (int step = 0; step <= 100; step += 25) {
            records.add("{\"global_step\": " + step + ", \"loss\": " + (100 - step) + "}");
        }
        TrainingLog quarters = TestLogs.write(tmp, "m", "c_seed2", records);
        GroupCurve c = GroupCurve.of("c", List.of(tens, quarters), "loss", Band.MINMAX, 0);
        assertThat(c.steps()).containsExactly(0, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100);
        // At step 10 the second member is interpolated between 100 (step 0) and 75 (step 25): 90.
        assertThat(c.mean()[1]).isEqualTo(45.0);
        assertThat(c.upper()[1]).isEqualTo(90.0);
        assertThat(c.lower()[1]).isEqualTo(0.0);
        assertThat(c.count()).containsOnly(2);
    }

    @Test
    void aMemberIsNeverExtrapolated() {
        List<String> records = List.of("{\"global_step\": 50, \"loss\": 7.0}", "{\"global_step\": 100, \"loss\": 7.0}");
        TrainingLog late = TestLogs.write(tmp, "m", "d_seed2", records);
        GroupCurve d = GroupCurve.of("d", List.of(flat("d_seed1", 1), late), "loss", Band.STD, 0);
        assertThat(d.count()[0]).isEqualTo(1);
        assertThat(d.mean()[0]).isEqualTo(1.0);
        assertThat(d.lower()[0]).as("one member: no band").isEqualTo(1.0);
        assertThat(d.count()[10]).isEqualTo(2);
        assertThat(d.mean()[10]).isEqualTo(4.0);
    }

    @Test
    void eachGroupHasALegendEntryWithItsSize() {
        Figure figure = GroupChart.build(groups(), Band.STD, -1, lossOnly());
        XYPlot plot = (XYPlot) figure.panels().get(0).getPlot();
        assertThat(plot.getDataset().getSeriesCount()).isEqualTo(2);
        assertThat(plot.getDataset().getSeriesKey(0)).isEqualTo("a (n=3)");
        assertThat(plot.getDataset().getSeriesKey(1)).isEqualTo("b (n=3)");
        assertThat(figure.panels().get(0).getTitle().getText()).isEqualTo("Loss vs Global Step (mean, band: ± std)");
    }

    @Test
    void theBandsArePaintedAsTallAsTheSpreadTheyShow() {
        // b's std band (2·√12 = 6.93) is 3.46 times as tall as a's (2); its min–max band (6) 3 times.
        assertThat(bandHeightRatio(Band.STD)).isCloseTo(Math.sqrt(12), within(0.15));
        assertThat(bandHeightRatio(Band.MINMAX)).isCloseTo(3.0, within(0.15));
        assertThat(bandHeightRatio(Band.CI95)).isCloseTo(Math.sqrt(12), within(0.15));
    }

    @Test
    void theBandSitsAroundTheMeanLine() {
        BufferedImage image = ChartWriter.render(GroupChart.build(groups(), Band.STD, -1, lossOnly()));
        int x = image.getWidth() / 2 + 7;
        List<Integer> band = rowsNear(image, x, faint(Palette.BLUE));
        List<Integer> line = rowsNear(image, x, Palette.BLUE);
        assertThat(band).hasSizeGreaterThan(50);
        assertThat(line).isNotEmpty();
        double lineMiddle = line.stream().mapToInt(Integer::intValue).average().orElseThrow();
        int top = band.get(0);
        int bottom = band.get(band.size() - 1);
        assertThat(lineMiddle).isBetween((double) top, (double) bottom);
        assertThat(lineMiddle - top).isCloseTo(bottom - lineMiddle, within(6.0));
    }

    @Test
    void theBaselineGroupIsDashed() {
        BufferedImage solid = ChartWriter.render(GroupChart.build(groups(), Band.STD, -1, lossOnly()));
        BufferedImage dashed = ChartWriter.render(GroupChart.build(groups(), Band.STD, 0, lossOnly()));
        Rectangle2D all = new Rectangle2D.Double(0, 0, solid.getWidth(), solid.getHeight());
        long solidBlue = count(solid, all, Palette.BLUE);
        long dashedBlue = count(dashed, all, Palette.BLUE);
        assertThat(dashedBlue).isLessThan(solidBlue * 85 / 100).isGreaterThan(solidBlue / 2);
        assertThat(count(dashed, all, Palette.ORANGE)).isEqualTo(count(solid, all, Palette.ORANGE));
    }

    @Test
    void groupsAreAlignedOnStepsOnly() {
        assertThatThrownBy(() ->
                        GroupChart.build(groups(), Band.STD, -1, lossOnly().withXAxis(XAxis.EPOCH)))
                .hasMessage("seed groups are aligned on steps: the x axis must be step");
    }

    /** The height of b's band over a's, measured in pixels down a few columns in the middle of the panel. */
    private double bandHeightRatio(Band band) {
        BufferedImage image = ChartWriter.render(GroupChart.build(groups(), band, -1, lossOnly()));
        long blue = 0;
        long orange = 0;
        for (int dx = -40; dx <= 40; dx += 20) {
            int x = image.getWidth() / 2 + dx + 7;
            blue += span(rowsNear(image, x, faint(Palette.BLUE)));
            orange += span(rowsNear(image, x, faint(Palette.ORANGE)));
        }
        return (double) orange / blue;
    }

    private static int span(List<Integer> rows) {
        return rows.isEmpty() ? 0 : rows.get(rows.size() - 1) - rows.get(0) + 1;
    }

    private static Color faint(Color colour) {
        double a = GroupChart.BAND_ALPHA;
        return new Color(
                (int) Math.round(255 - a * (255 - colour.getRed())),
                (int) Math.round(255 - a * (255 - colour.getGreen())),
                (int) Math.round(255 - a * (255 - colour.getBlue())));
    }

    /** The rows of column {@code x} whose colour is within 4 of {@code colour}, top to bottom. */
    private static List<Integer> rowsNear(BufferedImage image, int x, Color colour) {
        List<Integer> rows = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            if (near(image.getRGB(x, y), colour, 4)) {
                rows.add(y);
            }
        }
        return rows;
    }

    private static long count(BufferedImage image, Rectangle2D area, Color colour) {
        long n = 0;
        for (int y = (int) area.getMinY(); y < (int) area.getMaxY(); y++) {
            for (int x = (int) area.getMinX(); x < (int) area.getMaxX(); x++) {
                if (near(image.getRGB(x, y), colour, 0)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean near(int rgb, Color colour, int tolerance) {
        return Math.abs(((rgb >> 16) & 0xff) - colour.getRed()) <= tolerance
                && Math.abs(((rgb >> 8) & 0xff) - colour.getGreen()) <= tolerance
                && Math.abs((rgb & 0xff) - colour.getBlue()) <= tolerance;
    }
}
