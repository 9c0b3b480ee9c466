package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PlotCommandTest extends InDemoProject {
    private static final String TRY_HELP = "Try 'forgather logs plot --help' for more information.\n";

    /** What plot prints when it wrote {@code out} from {@code runs} runs. */
    private static String saved(int runs, Object out) {
        return "Plotting " + runs + " training run(s)...\nPlot saved to: " + out + "\n";
    }

    private Cli.Result plot(String... args) {
        return logs("plot", args);
    }

    @Test
    void theNewestRunIsPlottedToA12By8InchPngAt300Dpi() throws IOException {
        Path out = tmp.resolve("figures/training.png");
        Cli.Result r = plot("--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(saved(1, out));
        assertThat(r.err())
                .isEqualTo("Using latest log: "
                        + project.resolve("output_models/llama_1b/runs/resumed_2026-01-23T10-00-00/trainer_logs.json")
                        + "\n\n");
        BufferedImage image = ImageIO.read(out.toFile());
        assertThat(image.getWidth()).isEqualTo(3600);
        assertThat(image.getHeight()).isEqualTo(2400);
    }

    @Test
    void comparedLossCurvesAre16By6InchesWithBothRunsInTab10Colours() throws IOException {
        Path out = tmp.resolve("comparison.png");
        Cli.Result r = plot(
                "--compare",
                run("tiny_gpt/runs/adamw_lr1e-3/trainer_logs.json"),
                run("tiny_gpt/runs/adamw_lr3e-3/trainer_logs.json"),
                "--loss-curves",
                "--smooth",
                "5",
                "--output",
                out.toString(),
                "--no-show");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(saved(2, out));
        assertThat(r.err()).isEmpty();
        BufferedImage image = ImageIO.read(out.toFile());
        assertThat(image.getWidth()).isEqualTo(4800);
        assertThat(image.getHeight()).isEqualTo(1800);
        assertThat(countPixels(image, 0x1f77b4)).as("tab10 blue").isGreaterThan(1000);
        assertThat(countPixels(image, 0xff7f0e)).as("tab10 orange").isGreaterThan(1000);
    }

    @Test
    void theFormatIsAppendedToAnOutputWithoutExtension() {
        Path base = tmp.resolve("plot");
        Cli.Result r = plot(
                run("llama_1b/runs/baseline_2026-01-20T09-00-00"),
                "--output",
                base.toString(),
                "--format",
                "svg",
                "--metrics",
                "grad_norm,max_grad_norm");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(saved(1, base + ".svg"));
        assertThat(r.err()).isEmpty();
        assertThat(tmp.resolve("plot.svg"))
                .content()
                .contains("<svg", "Grad Norm vs Global Step", "Max Grad Norm vs Global Step");
    }

    @Test
    void aPdfHoldsItsTitleAsText() throws IOException {
        Path out = tmp.resolve("loss.pdf");
        Cli.Result r = plot(
                run("tiny_gpt/runs/adamw_lr1e-3"),
                "--loss-curves",
                "--title",
                "Optimizer sweep",
                "--output",
                out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(saved(1, out));
        assertThat(r.err()).isEmpty();
        byte[] bytes = Files.readAllBytes(out);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        try (var document = org.apache.pdfbox.Loader.loadPDF(bytes)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Optimizer sweep", "Global Step", "Learning Rate");
        }
    }

    @Test
    void anUnreadableRunIsReportedAndTheOthersArePlotted() throws IOException {
        Path bad = Files.writeString(tmp.resolve("trainer_logs.json"), "{}");
        Path out = tmp.resolve("x.png");
        Cli.Result r = plot(bad.toString(), run("tiny_gpt/runs/adamw_lr1e-3"), "--output", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + bad + ": line 1, column 1: not a JSON array\n");
        assertThat(r.out()).isEqualTo(saved(1, out));
        assertThat(out).exists();
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertUsageError(
                plot("--x-axis", "week"),
                "error: Invalid value for option '--x-axis': 'week' is not an x axis; expected one of step, epoch,"
                        + " time\n");
        assertUsageError(
                plot("--format", "gif"),
                "error: Invalid value for option '--format': 'gif' is not a plot format; expected one of png, svg,"
                        + " pdf\n");
        assertUsageError(plot("--smooth", "-2"), "error: --smooth must be 0 or more, got -2\n");
    }

    private static void assertUsageError(Cli.Result r, String error) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(error + TRY_HELP);
    }

    @Test
    void editOpensThePlotInTheEditorNamedByVisual() throws Exception {
        Path record = tmp.resolve("opened.txt");
        Path editor = tmp.resolve("fake-editor");
        Files.writeString(editor, "#!/bin/sh\necho \"$@\" > " + record + "\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path plot = Files.writeString(tmp.resolve("p.png"), "x");
        Editor.open(plot, Map.of("VISUAL", editor + " --reuse-window", "EDITOR", "vi"));
        assertThat(record).hasContent("--reuse-window " + plot);
    }

    @Test
    void theEditorIsVisualThenEditorThenVsCode() throws IOException {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path code = Files.writeString(bin.resolve("code"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(code, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Editor.find(Map.of("VISUAL", "gvim -f", "EDITOR", "vi"))).hasValue(List.of("gvim", "-f"));
        assertThat(Editor.find(Map.of("EDITOR", "vi", "PATH", bin.toString()))).hasValue(List.of("vi"));
        assertThat(Editor.find(Map.of("PATH", "/nonexistent:" + bin))).hasValue(List.of(code.toString()));
        assertThat(Editor.find(Map.of("PATH", "/nonexistent"))).isEqualTo(Optional.empty());
    }

    @Test
    void withNoEditorTheUserIsToldWhatToSet() {
        Path plot = tmp.resolve("p.png");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Editor.open(plot, Map.of("PATH", "/nonexistent")))
                .isInstanceOf(UserException.class)
                .hasMessage("cannot open " + plot
                        + ": no editor found (set $VISUAL or $EDITOR, or put VS Code's 'code' on the PATH)");
    }

    private static long countPixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void anEmptyMetricListIsAUsageError() {
        Cli.Result r = plot(
                run("tiny_gpt/runs/adamw_lr1e-3"),
                "--metrics",
                " ",
                "--output",
                tmp.resolve("x.png").toString());
        assertUsageError(r, "error: --metrics names no metric\n");
    }

    @Test
    void valuesNearTheLargestDoubleStillPlotOnALogScale() throws IOException {
        Path log = Files.writeString(
                tmp.resolve("trainer_logs.json"),
                "[{\"global_step\": 1, \"loss\": 1e308},"
                        + "{\"global_step\": 2, \"loss\": Infinity}, {\"global_step\": 3, \"loss\": 1e300}]");
        Path out = tmp.resolve("huge.png");
        Cli.Result r = plot(log.toString(), "--log-scale", "--metrics", "loss", "--output", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(saved(1, out));
        assertThat(out).exists();
    }

    @Test
    void aTimeAxisForALogWithoutTimestampsIsExplained() throws IOException {
        Path log = Files.writeString(tmp.resolve("trainer_logs.json"), "[{\"global_step\": 1, \"loss\": 2.0}]");
        Cli.Result r = plot(
                log.toString(),
                "--x-axis",
                "time",
                "--output",
                tmp.resolve("t.png").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(saved(1, tmp.resolve("t.png")));
        assertThat(r.err())
                .isEqualTo("warning: " + log + ": no 'timestamp' in this log: nothing to draw against "
                        + "Time (minutes)\n");
    }

    @Test
    void labelsStayWithTheirRunsWhenAnEarlierRunFails() throws IOException {
        Path bad = Files.writeString(tmp.resolve("trainer_logs.json"), "");
        Path out = tmp.resolve("labels.svg");
        Cli.Result r = plot(
                bad.toString(),
                run("tiny_gpt/runs/adamw_lr1e-3"),
                "--labels",
                "broken",
                "good",
                "--metrics",
                "loss",
                "--output",
                out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(saved(1, out));
        assertThat(r.err()).isEqualTo("error: " + bad + ": empty file\n");
        // Each label stays with its own run: the good run is "good", not the failed run's "broken".
        assertThat(out).content().contains(">good<").doesNotContain(">broken<");
    }

    @Test
    void anOutputUnderARegularFileSaysWhichIsNotAFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Cli.Result r = plot(
                run("tiny_gpt/runs/adamw_lr1e-3"),
                "--output",
                file.resolve("x.png").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("Plotting 1 training run(s)...\n");
        assertThat(r.err())
                .isEqualTo("error: " + file.resolve("x.png") + ": cannot write: not a directory: " + file + "\n");
    }
}
