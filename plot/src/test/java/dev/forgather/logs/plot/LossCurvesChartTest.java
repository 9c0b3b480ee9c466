package dev.forgather.logs.plot;

import static dev.forgather.logs.plot.MetricsChartTest.data;
import static dev.forgather.logs.plot.MetricsChartTest.legendColours;
import static dev.forgather.logs.plot.MetricsChartTest.legendLabels;
import static dev.forgather.logs.plot.MetricsChartTest.plot;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.junit.jupiter.api.Test;

class LossCurvesChartTest {
    @Test
    void oneRunShowsLossesAndTheLearningRateOnASecondAxis() {
        Figure figure = LossCurvesChart.build(List.of(TestLogs.lr1e3()), PlotOptions.defaults());
        assertThat(figure.widthInches()).isEqualTo(12);
        assertThat(figure.heightInches()).isEqualTo(6);
        assertThat(figure.panels()).hasSize(1);
        assertThat(figure.panels().get(0).getTitle().getText()).isEqualTo("Training Progress");
        XYPlot plot = plot(figure, 0);
        assertThat(legendLabels(plot))
                .containsExactly("tiny_gpt Train Loss", "tiny_gpt Eval Loss", "tiny_gpt Learning Rate");
        List<java.awt.Paint> colours = legendColours(plot);
        assertThat(colours.get(0)).isEqualTo(Palette.BLUE);
        assertThat(colours.get(1)).isEqualTo(Palette.GREEN);
        assertThat(((Color) colours.get(2)).getRGB() & 0xffffff).isEqualTo(0xff7f0e);

        XYLineAndShapeRenderer losses = (XYLineAndShapeRenderer) plot.getRenderer(0);
        assertThat(losses.getSeriesShapesVisible(1))
                .as("evaluation points are marked")
                .isTrue();
        XYLineAndShapeRenderer rate = (XYLineAndShapeRenderer) plot.getRenderer(1);
        assertThat(((BasicStroke) rate.getSeriesStroke(0)).getDashArray())
                .as("learning rate is dashed")
                .isNotNull();

        ValueAxis rateAxis = plot.getRangeAxisForDataset(1);
        assertThat(rateAxis).isNotSameAs(plot.getRangeAxis());
        assertThat(rateAxis.getLabel()).isEqualTo("Learning Rate");
        assertThat(rateAxis.getLabelPaint()).isEqualTo(Palette.ORANGE);
        assertThat(rateAxis.getTickLabelPaint()).isEqualTo(Palette.ORANGE);
        assertThat(plot.getRangeAxis().getLabelPaint()).isEqualTo(Palette.BLUE);
    }

    @Test
    void titleOptionReplacesTrainingProgress() {
        Figure figure = LossCurvesChart.build(
                List.of(TestLogs.lr1e3()), PlotOptions.defaults().withTitle("lr 1e-3"));
        assertThat(figure.panels().get(0).getTitle().getText()).isEqualTo("lr 1e-3");
    }

    @Test
    void severalRunsAreComparedInTrainAndEvalPanels() {
        Figure figure = LossCurvesChart.build(List.of(TestLogs.lr1e3(), TestLogs.lr3e3()), PlotOptions.defaults());
        assertThat(figure.widthInches()).isEqualTo(16);
        assertThat(figure.heightInches()).isEqualTo(6);
        assertThat(figure.panels()).extracting(p -> p.getTitle().getText()).containsExactly("Train Loss", "Eval Loss");
        for (int panel = 0; panel < 2; panel++) {
            assertThat(legendLabels(plot(figure, panel)))
                    .containsExactly("tiny_gpt/adamw_lr1e-3", "tiny_gpt/adamw_lr3e-3");
            assertThat(legendColours(plot(figure, panel))).containsExactly(Palette.BLUE, Palette.ORANGE);
        }
    }

    @Test
    void smoothingAppliesToTrainingLossOnly() {
        PlotOptions smooth = PlotOptions.defaults().withSmoothWindow(3);
        Figure one = LossCurvesChart.build(List.of(TestLogs.lr1e3()), smooth);
        // Raw train loss, smoothed train loss, eval loss: the six evaluations are not smoothed.
        assertThat(data(one, 0).getSeriesCount()).isEqualTo(3);
        assertThat(data(one, 0).line(2).y())
                .containsExactly(TestLogs.lr1e3().series("eval_loss").values());
        Figure compared = LossCurvesChart.build(List.of(TestLogs.lr1e3(), TestLogs.lr3e3()), smooth);
        assertThat(data(compared, 0).getSeriesCount()).isEqualTo(4);
        assertThat(data(compared, 1).getSeriesCount()).isEqualTo(2);
    }
}
