package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.Sweep;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logs plot --group} bands and {@code --baseline} drawn dashed, checked in the PNG's pixels. */
class PlotGroupsTest {
    /** tab10 blue and orange, and each at the band's 25 % over white. */
    private static final int BLUE = 0x1f77b4;

    private static final int ORANGE = 0xff7f0e;
    private static final int GREEN = 0x2ca02c;
    private static final int FAINT_BLUE = faint(BLUE);
    private static final int FAINT_ORANGE = faint(ORANGE);

    @TempDir
    static Path tmp;

    static List<String> runs;

    @BeforeAll
    static void generate() throws IOException, InterruptedException {
        runs = Sweep.generate(tmp).stream().map(Path::toString).toList();
    }

    private static Cli.Result plot(List<String> paths, String... options) {
        return Cli.logs("plot", paths, options);
    }

    private static final String TRY_HELP = "Try 'forgather logs plot --help' for more information.\n";

    private static String sample(String run) {
        return Samples.shared()
                .resolve("samples/forgather_project/output_models/tiny_gpt/runs")
                .resolve(run)
                .toString();
    }

    @Test
    void groupsAreDrawnAsMeanCurvesWithShadedBands() throws IOException {
        Path file = tmp.resolve("bands.png");
        Cli.Result r = plot(runs, "--output", file.toString(), "--metrics", "loss,eval_loss", "--group");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Plotting 6 training run(s) in 2 group(s)...\nPlot saved to: " + file + "\n");
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(3600);
        assertThat(image.getHeight()).isEqualTo(2400);
        for (int panel = 0; panel < 2; panel++) {
            int from = panel * image.getWidth() / 2;
            int to = from + image.getWidth() / 2;
            assertThat(count(image, from, to, FAINT_BLUE, 3))
                    .as("blue band in panel %d", panel)
                    .isGreaterThan(2000);
            assertThat(count(image, from, to, FAINT_ORANGE, 3))
                    .as("orange band in panel %d", panel)
                    .isGreaterThan(2000);
            assertThat(count(image, from, to, BLUE, 0))
                    .as("blue mean line in panel %d", panel)
                    .isGreaterThan(1000);
            assertThat(count(image, from, to, GREEN, 0))
                    .as("two groups, no third colour")
                    .isZero();
        }
    }

    @Test
    void aWiderBandShowsMorePixels() throws IOException {
        // Three seeds: the 95 % interval is ±4.3·std/√3, 2.5 times the std band.
        long std = bandPixels("std");
        long ci95 = bandPixels("ci95");
        assertThat(ci95).isGreaterThan(std * 3 / 2);
    }

    @Test
    void groupsGoWithTheMetricsChartOnStepsOnly() {
        Cli.Result curves = plot(runs, "--group", "--loss-curves");
        assertThat(curves.exitCode()).isEqualTo(2);
        assertThat(curves.out()).isEmpty();
        assertThat(curves.err())
                .isEqualTo("error: --group draws the metrics chart; it does not go with --loss-curves\n" + TRY_HELP);
        Cli.Result time = plot(runs, "--group", "--x-axis", "time");
        assertThat(time.exitCode()).isEqualTo(2);
        assertThat(time.out()).isEmpty();
        assertThat(time.err())
                .isEqualTo("error: --group aligns runs on their steps; it does not go with --x-axis time\n" + TRY_HELP);
        Cli.Result band = plot(runs, "--group", "--band", "iqr");
        assertThat(band.exitCode()).isEqualTo(2);
        assertThat(band.out()).isEmpty();
        assertThat(band.err())
                .isEqualTo("error: Invalid value for option '--band': 'iqr' is not a band; expected one of std, minmax,"
                        + " ci95\n" + TRY_HELP);
    }

    @Test
    void theBaselineIsDrawnDashed() throws IOException {
        Path plain = tmp.resolve("plain.png");
        Path dashed = tmp.resolve("dashed.png");
        List<String> two = List.of(sample("adamw_lr1e-3"), sample("adamw_lr3e-3"));
        // plot() puts the paths last: here they are --compare's.
        Cli.Result p = plot(two, "--output", plain.toString(), "--metrics", "loss", "--compare");
        assertThat(p.exitCode()).isZero();
        assertThat(p.out()).isEqualTo("Plotting 2 training run(s)...\nPlot saved to: " + plain + "\n");
        assertThat(p.err()).isEmpty();
        Cli.Result r = plot(
                two, "--output", dashed.toString(), "--metrics", "loss", "--baseline", "adamw_lr1e-3", "--compare");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Plotting 2 training run(s)...\nPlot saved to: " + dashed + "\n");
        assertThat(r.err()).isEmpty();
        BufferedImage solid = ImageIO.read(plain.toFile());
        BufferedImage dash = ImageIO.read(dashed.toFile());
        long solidBlue = count(solid, 0, solid.getWidth(), BLUE, 0);
        long dashedBlue = count(dash, 0, dash.getWidth(), BLUE, 0);
        assertThat(dashedBlue).isLessThan(solidBlue * 85 / 100).isGreaterThan(solidBlue / 2);
        assertThat(count(dash, 0, dash.getWidth(), ORANGE, 0)).isEqualTo(count(solid, 0, solid.getWidth(), ORANGE, 0));
    }

    @Test
    void aBaselineNotAmongTheRunsIsAddedFirst() throws IOException {
        Path file = tmp.resolve("added.png");
        Cli.Result r = plot(
                List.of(sample("adamw_lr3e-3")),
                "--output",
                file.toString(),
                "--metrics",
                "loss",
                "--baseline",
                sample("adamw_lr1e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Plotting 2 training run(s)...\nPlot saved to: " + file + "\n");
        assertThat(r.err()).isEmpty();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(count(image, 0, image.getWidth(), BLUE, 0))
                .as("the baseline, first")
                .isGreaterThan(1000);
        assertThat(count(image, 0, image.getWidth(), ORANGE, 0))
                .as("the run named")
                .isGreaterThan(1000);
        Cli.Result missing = plot(
                List.of(sample("adamw_lr3e-3")),
                "--output",
                file.toString(),
                "--baseline",
                tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("error: --baseline: " + tmp.resolve("nope") + ": no such file\n");
    }

    private static long bandPixels(String band) throws IOException {
        Path file = tmp.resolve("band_" + band + ".png");
        Cli.Result r = plot(runs, "--output", file.toString(), "--metrics", "eval_loss", "--group", "--band", band);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Plotting 6 training run(s) in 2 group(s)...\nPlot saved to: " + file + "\n");
        assertThat(r.err()).isEmpty();
        BufferedImage image = ImageIO.read(file.toFile());
        return count(image, 0, image.getWidth(), FAINT_BLUE, 3);
    }

    private static long count(BufferedImage image, int fromX, int toX, int rgb, int tolerance) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
                        && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int faint(int rgb) {
        int r = (int) Math.round(255 - 0.25 * (255 - ((rgb >> 16) & 0xff)));
        int g = (int) Math.round(255 - 0.25 * (255 - ((rgb >> 8) & 0xff)));
        int b = (int) Math.round(255 - 0.25 * (255 - (rgb & 0xff)));
        return (r << 16) | (g << 8) | b;
    }
}
