package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DownsamplerTest {
    private static XYColumns line(double[] y) {
        return new XYColumns(IntStream.range(0, y.length).asDoubleStream().toArray(), y);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Property(tries = 200)
    void reductionKeepsGlobalExtremesAndBothEnds(
            @ForAll @Size(min = 1, max = 3000) List<@DoubleRange(min = -1e6, max = 1e6) Double> points,
            @ForAll @IntRange(min = 1, max = 200) int columns) {
        double[] values = array(points);
        XYColumns reduced = Downsampler.reduce(line(values), columns);
        double[] y = reduced.y();
        if (values.length > columns) {
            assertThat(y.length).isLessThanOrEqualTo(4 * columns);
        }
        assertThat(Arrays.stream(y).max().getAsDouble()).isEqualTo(Arrays.stream(values).max().getAsDouble());
        assertThat(Arrays.stream(y).min().getAsDouble()).isEqualTo(Arrays.stream(values).min().getAsDouble());
        assertThat(reduced.x()[0]).isEqualTo(0);
        assertThat(reduced.x()[y.length - 1]).isEqualTo(values.length - 1);
    }

    @Property(tries = 100)
    void reducedPointsAreRealPointsInFileOrder(
            @ForAll @Size(min = 2, max = 2000) List<@DoubleRange(min = -1e6, max = 1e6) Double> points,
            @ForAll @IntRange(min = 1, max = 100) int columns) {
        double[] values = array(points);
        XYColumns reduced = Downsampler.reduce(line(values), columns);
        for (int i = 0; i < reduced.size(); i++) {
            int index = (int) reduced.x()[i];
            assertThat(reduced.y()[i]).isEqualTo(values[index]);
            if (i > 0) {
                assertThat(reduced.x()[i]).isGreaterThan(reduced.x()[i - 1]);
            }
        }
    }

    @Property(tries = 50)
    void everySpikeOfAQuietSeriesSurvives(@ForAll @IntRange(min = 1000, max = 100_000) int length,
            @ForAll @DoubleRange(min = 0, max = 1) double where) {
        double[] values = new double[length];
        Arrays.fill(values, 2.0);
        int spike = (int) (where * (length - 1));
        values[spike] = 40.0;
        XYColumns reduced = Downsampler.reduce(line(values), 800);
        int at = Arrays.binarySearch(reduced.x(), spike);
        assertThat(at).isGreaterThanOrEqualTo(0);
        assertThat(reduced.y()[at]).isEqualTo(40.0);
    }

    @Test
    void shortSeriesIsLeftAlone() {
        XYColumns line = line(new double[] {3, 1, 2});
        assertThat(Downsampler.reduce(line, 3)).isSameAs(line);
    }

    @Test
    void aMillionPointsWithoutGapsBecomeAtMostFourPerColumnAndKeepTheirSpike() {
        double[] values = new double[1_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i / 1000.0) + (i == 654_321 ? 10 : 0);
        }
        XYColumns reduced = Downsampler.reduce(line(values), 1800);
        assertThat(reduced.size()).isLessThanOrEqualTo(4 * 1800);
        assertThat(reduced.x()).contains(654_321.0);
    }

    @Test
    void aColumnWithAGapKeepsFivePointsItsFirstLowestHighestLastAndGap() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            int j = i % 100;
            values[i] = j == 10 ? -5 : j == 20 ? 5 : j == 50 ? Double.NaN : j * 0.001;
        }
        XYColumns reduced = Downsampler.reduce(line(values), 10);
        assertThat(reduced.size()).isEqualTo(5 * 10);
        assertThat(Arrays.copyOf(reduced.x(), 5)).containsExactly(0, 10, 20, 50, 99);
    }

    @Test
    void gapsStayGaps() {
        double[] values = new double[1000];
        Arrays.fill(values, 1.0);
        Arrays.fill(values, 400, 600, Double.NaN);
        XYColumns reduced = Downsampler.reduce(line(values), 10);
        // Columns 4 and 5 hold only NaN: a gap point each, so the line breaks there.
        long gaps = Arrays.stream(reduced.y()).filter(Double::isNaN).count();
        assertThat(gaps).isGreaterThanOrEqualTo(2);
        assertThat(Arrays.stream(reduced.y()).filter(v -> !Double.isNaN(v)).allMatch(v -> v == 1.0)).isTrue();
    }
}
