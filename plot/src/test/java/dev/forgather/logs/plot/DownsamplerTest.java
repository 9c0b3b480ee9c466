package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DownsamplerTest {
    private static XYColumns line(double[] y) {
        return new XYColumns(IntStream.range(0, y.length).asDoubleStream().toArray(), y);
    }

    /** Fixed seeds, so that a failure names the seed that reproduces it. */
    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /** Between {@code min} and {@code max} values, each in [-1e6, 1e6]. */
    private static double[] randomValues(Random random, int min, int max) {
        double[] values = new double[min + random.nextInt(max - min + 1)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (random.nextInt(4)) {
                case 0 -> Math.rint(random.nextGaussian() * 10); // repeats and ties
                case 1 -> random.nextBoolean() ? 1e6 : -1e6; // the bounds
                default -> (random.nextDouble() * 2 - 1) * 1e6;
            };
        }
        return values;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void reductionKeepsGlobalExtremesAndBothEnds(long seed) {
        Random random = new Random(seed);
        double[] values = randomValues(random, 1, 3000);
        int columns = 1 + random.nextInt(200);
        XYColumns reduced = Downsampler.reduce(line(values), columns);
        double[] y = reduced.y();
        if (values.length > columns) {
            assertThat(y.length).isLessThanOrEqualTo(4 * columns);
        }
        assertThat(Arrays.stream(y).max().getAsDouble())
                .isEqualTo(Arrays.stream(values).max().getAsDouble());
        assertThat(Arrays.stream(y).min().getAsDouble())
                .isEqualTo(Arrays.stream(values).min().getAsDouble());
        assertThat(reduced.x()[0]).isEqualTo(0);
        assertThat(reduced.x()[y.length - 1]).isEqualTo(values.length - 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void reducedPointsAreRealPointsInFileOrder(long seed) {
        Random random = new Random(seed);
        double[] values = randomValues(random, 2, 2000);
        int columns = 1 + random.nextInt(100);
        XYColumns reduced = Downsampler.reduce(line(values), columns);
        for (int i = 0; i < reduced.size(); i++) {
            int index = (int) reduced.x()[i];
            assertThat(reduced.y()[i]).isEqualTo(values[index]);
            if (i > 0) {
                assertThat(reduced.x()[i]).isGreaterThan(reduced.x()[i - 1]);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySpikeOfAQuietSeriesSurvives(long seed) {
        Random random = new Random(seed);
        int length = 1000 + random.nextInt(99_001);
        double[] values = new double[length];
        Arrays.fill(values, 2.0);
        // The first and last points, then anywhere.
        int spike = seed == 0 ? 0 : seed == 1 ? length - 1 : random.nextInt(length);
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
        assertThat(Arrays.stream(reduced.y()).filter(v -> !Double.isNaN(v)).allMatch(v -> v == 1.0))
                .isTrue();
    }
}
