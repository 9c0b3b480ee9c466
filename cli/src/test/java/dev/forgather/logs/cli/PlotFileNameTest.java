package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.plot.PlotFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlotFileNameTest {
    private static Path resolve(
            String output, PlotFormat format, boolean lossCurves, List<String> metrics, String template) {
        return PlotFileName.resolve(
                Optional.ofNullable(output), format, lossCurves, metrics, Optional.ofNullable(template));
    }

    @Test
    void defaultPlotGoesToTmpTrainingPlot() {
        assertThat(resolve(null, PlotFormat.PNG, false, List.of(), null)).isEqualTo(Path.of("tmp/training_plot.png"));
    }

    @Test
    void lossCurvesGoToTmpLossCurves() {
        assertThat(resolve(null, PlotFormat.PNG, true, List.of(), null)).isEqualTo(Path.of("tmp/loss_curves.png"));
    }

    @Test
    void requestedMetricsNameTheFile() {
        assertThat(resolve(null, PlotFormat.SVG, false, List.of("grad_norm", "max_grad_norm"), null))
                .isEqualTo(Path.of("tmp/plot_grad_norm_max_grad_norm.svg"));
    }

    @Test
    void lossCurvesWinOverMetricsInTheName() {
        assertThat(resolve(null, PlotFormat.PDF, true, List.of("loss"), null))
                .isEqualTo(Path.of("tmp/loss_curves.pdf"));
    }

    @Test
    void configTemplatePrefixesTheDefaultName() {
        assertThat(resolve(null, PlotFormat.PNG, false, List.of(), "my_config.yaml"))
                .isEqualTo(Path.of("tmp/my_config_training_plot.png"));
        assertThat(resolve(null, PlotFormat.PNG, true, List.of(), "configs/big.yaml"))
                .isEqualTo(Path.of("tmp/big_loss_curves.png"));
    }

    @Test
    void outputWithoutAKnownEndingGetsTheFormatAppended() {
        assertThat(resolve("plot", PlotFormat.SVG, false, List.of(), null)).isEqualTo(Path.of("plot.svg"));
        assertThat(resolve("plot", PlotFormat.PDF, false, List.of(), null)).isEqualTo(Path.of("plot.pdf"));
        assertThat(resolve("figures/run.v2", PlotFormat.PNG, false, List.of(), null))
                .isEqualTo(Path.of("figures/run.v2.png"));
    }

    @Test
    void outputWithAKnownEndingIsKeptAsGiven() {
        assertThat(resolve("figures/training.png", PlotFormat.PNG, false, List.of(), "x.yaml"))
                .isEqualTo(Path.of("figures/training.png"));
        assertThat(resolve("report.PDF", PlotFormat.PNG, false, List.of(), null))
                .isEqualTo(Path.of("report.PDF"));
    }

    @Test
    void aMetricWithASlashDoesNotTurnIntoAFolder() {
        assertThat(resolve(null, PlotFormat.PNG, false, List.of("train/loss"), null))
                .isEqualTo(Path.of("tmp/plot_train_loss.png"));
    }

    @Test
    void fileNameEndingNamesTheFormat() {
        assertThat(PlotFormat.ofFileName(Path.of("a/b.Svg"))).contains(PlotFormat.SVG);
        assertThat(PlotFormat.ofFileName(Path.of("a/b.jpeg"))).isEmpty();
        assertThat(PlotFormat.ofFileName(Path.of("noext"))).isEmpty();
    }
}
