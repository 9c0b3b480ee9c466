package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.forgather.logs.model.TrainingLog;
import java.awt.Paint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsChartTest {
    @TempDir
    Path dir;

    static XYPlot plot(Figure figure, int panel) {
        return (XYPlot) figure.panels().get(panel).getPlot();
    }

    static SeriesDataset data(Figure figure, int panel) {
        return (SeriesDataset) plot(figure, panel).getDataset(0);
    }

    static List<String> legendLabels(XYPlot plot) {
        List<String> labels = new ArrayList<>();
        LegendItemCollection items = plot.getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        return labels;
    }

    static List<Paint> legendColours(XYPlot plot) {
        List<Paint> colours = new ArrayList<>();
        LegendItemCollection items = plot.getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            LegendItem item = items.get(i);
            colours.add(item.getLinePaint());
        }
        return colours;
    }

    @Test
    void defaultChartHasLossEvalLossAndLearningRatePanels() {
        Figure figure = MetricsChart.build(List.of(TestLogs.lr1e3()), PlotOptions.defaults());
        assertThat(figure.panels())
                .extracting(p -> p.getTitle().getText())
                .containsExactly("Loss vs Global Step", "Eval Loss vs Global Step", "Learning Rate vs Global Step");
        assertThat(figure.panels())
                .extracting(p -> ((XYPlot) p.getPlot()).getRangeAxis().getLabel())
                .containsExactly("Loss", "Eval Loss", "Learning Rate");
        assertThat(figure.panels())
                .extracting(p -> ((XYPlot) p.getPlot()).getDomainAxis().getLabel())
                .containsOnly("Global Step");
        assertThat(figure.widthInches()).isEqualTo(12);
        assertThat(figure.heightInches()).isEqualTo(8);
        assertThat(figure.cells(new java.awt.geom.Rectangle2D.Double(0, 0, 864, 576))
                        .get(2)
                        .getY())
                .as("the third panel starts a second row")
                .isGreaterThan(200);
    }

    @Test
    void xAxisOptionNamesTitlesAndLabels() {
        PlotOptions epoch =
                PlotOptions.defaults().withMetrics(List.of("grad_norm")).withXAxis(XAxis.EPOCH);
        Figure figure = MetricsChart.build(List.of(TestLogs.lr1e3()), epoch);
        assertThat(figure.panels()).hasSize(1);
        assertThat(figure.panels().get(0).getTitle().getText()).isEqualTo("Grad Norm vs Epoch");
        Figure time = MetricsChart.build(List.of(TestLogs.lr1e3()), epoch.withXAxis(XAxis.TIME));
        assertThat(plot(time, 0).getDomainAxis().getLabel()).isEqualTo("Time (minutes)");
    }

    @Test
    void metricNamesAreTitleCasedAsPythonDoes() {
        assertThat(MetricsChart.displayName("eval_samples_per_second")).isEqualTo("Eval Samples Per Second");
        assertThat(MetricsChart.displayName("learning_rate")).isEqualTo("Learning Rate");
        assertThat(MetricsChart.displayName("top1_acc")).isEqualTo("Top1 Acc");
        assertThat(MetricsChart.displayName("LR")).isEqualTo("Lr");
    }

    @Test
    void runsGetTab10ColoursInOrder() {
        TrainingLog a = TestLogs.lr1e3();
        TrainingLog b = TestLogs.lr3e3();
        PlotOptions options = PlotOptions.defaults().withLabels(List.of("first", "second", "third"));
        Figure figure = MetricsChart.build(List.of(a, b, a), options);
        for (int panel = 0; panel < 3; panel++) {
            assertThat(legendLabels(plot(figure, panel))).containsExactly("first", "second", "third");
            assertThat(legendColours(plot(figure, panel)))
                    .containsExactly(Palette.TAB10.get(0), Palette.TAB10.get(1), Palette.TAB10.get(2));
        }
        assertThat(Palette.TAB10.get(1).getRGB() & 0xffffff).isEqualTo(0xff7f0e);
    }

    @Test
    void aRunKeepsItsColourInAPanelAnotherRunIsMissingFrom() {
        TrainingLog noEval = TestLogs.write(
                dir,
                "small",
                "no_eval",
                List.of("{\"global_step\": 10, \"loss\": 3.0}", "{\"global_step\": 20, \"loss\": 2.5}"));
        Figure figure = MetricsChart.build(List.of(noEval, TestLogs.lr1e3()), PlotOptions.defaults());
        assertThat(legendLabels(plot(figure, 1))).containsExactly("tiny_gpt");
        assertThat(legendColours(plot(figure, 1))).containsExactly(Palette.ORANGE);
    }

    @Test
    void collidingRunNamesBecomeModelSlashRunInTheLegend() {
        Figure figure = MetricsChart.build(List.of(TestLogs.lr1e3(), TestLogs.lr3e3()), PlotOptions.defaults());
        assertThat(legendLabels(plot(figure, 0))).containsExactly("tiny_gpt/adamw_lr1e-3", "tiny_gpt/adamw_lr3e-3");
    }

    @Test
    void smoothingDrawsTheCentredMovingAverageOverTheFaintRawSeries() {
        TrainingLog log = TestLogs.lr1e3();
        int window = 10;
        Figure figure = MetricsChart.build(List.of(log), PlotOptions.defaults().withSmoothWindow(window));
        SeriesDataset loss = data(figure, 0);
        assertThat(loss.getSeriesCount()).isEqualTo(2);
        assertThat(legendLabels(plot(figure, 0)))
                .as("the raw series has no legend entry")
                .containsExactly("tiny_gpt");
        double[] values = log.series("loss").values();
        double[] raw = loss.line(0).y();
        double[] smooth = loss.line(1).y();
        assertThat(raw).containsExactly(values);
        for (int i = 0; i < values.length; i++) {
            int from = Math.max(0, i - window / 2);
            int to = Math.min(values.length - 1, i + window / 2);
            double sum = 0;
            for (int j = from; j <= to; j++) {
                sum += values[j];
            }
            assertThat(smooth[i]).as("point %d", i).isCloseTo(sum / (to - from + 1), within(1e-12));
        }
        java.awt.Color rawColour =
                (java.awt.Color) plot(figure, 0).getRenderer().getSeriesPaint(0);
        assertThat(rawColour.getAlpha())
                .as("raw series is see-through but visible")
                .isBetween(60, 160);
    }

    @Test
    void aSeriesShorterThanTheWindowIsDrawnUnsmoothed() {
        Figure figure = MetricsChart.build(
                List.of(TestLogs.lr1e3()), PlotOptions.defaults().withSmoothWindow(10));
        SeriesDataset eval = data(figure, 1);
        assertThat(eval.getSeriesCount()).isEqualTo(1);
        assertThat(eval.getItemCount(0))
                .as("six evaluations, each once although logged twice")
                .isEqualTo(6);
    }

    @Test
    void aPanelWithoutDataSaysSo() {
        PlotOptions options = PlotOptions.defaults().withMetrics(List.of("loss", "perplexity"));
        Figure figure = MetricsChart.build(List.of(TestLogs.lr1e3()), options);
        assertThat(plot(figure, 1).getDataset(0)).isNull();
        assertThat(plot(figure, 1).getNoDataMessage()).isEqualTo("No data for perplexity");
        assertThat(plot(figure, 1).getRangeAxis().isTickLabelsVisible())
                .as("no made-up 0..1 scale")
                .isFalse();
        assertThat(data(figure, 0).getSeriesCount()).isEqualTo(1);
    }

    @Test
    void timeAxisMeasuresEverySeriesFromTheRunsFirstRecord() {
        double t0 = 1_700_000_000.0;
        TrainingLog log = TestLogs.write(
                dir,
                "m",
                "r",
                List.of(
                        "{\"timestamp\": " + t0 + ", \"global_step\": 10, \"loss\": 3.0}",
                        "{\"timestamp\": " + (t0 + 60) + ", \"global_step\": 20, \"loss\": 2.5}",
                        "{\"timestamp\": " + (t0 + 60.001) + ", \"global_step\": 20, \"eval_loss\": 2.7}",
                        "{\"timestamp\": " + (t0 + 120) + ", \"global_step\": 30, \"loss\": 2.2}"));
        Figure figure = MetricsChart.build(
                List.of(log),
                PlotOptions.defaults().withMetrics(List.of("loss", "eval_loss")).withXAxis(XAxis.TIME));
        assertThat(data(figure, 0).line(0).x()).containsExactly(new double[] {0, 1, 2}, within(1e-9));
        // The evaluation at step 20 sits at minute 1, with the training record of the same moment
        // (measured from its own first point it would sit at minute 0).
        assertThat(data(figure, 1).line(0).x()[0]).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void nonFiniteValuesAreGapsAndLeaveTheAxisFinite() {
        TrainingLog log = TestLogs.write(
                dir,
                "m",
                "diverged",
                List.of(
                        "{\"global_step\": 1, \"loss\": 2.0}",
                        "{\"global_step\": 2, \"loss\": NaN}",
                        "{\"global_step\": 3, \"loss\": Infinity}",
                        "{\"global_step\": 4, \"loss\": 1.5}",
                        "{\"global_step\": 5, \"loss\": -Infinity}"));
        Figure figure = MetricsChart.build(List.of(log), PlotOptions.defaults().withMetrics(List.of("loss")));
        assertThat(data(figure, 0).line(0).y()).containsExactly(2.0, Double.NaN, Double.NaN, 1.5, Double.NaN);
        Range range = plot(figure, 0).getRangeAxis().getRange();
        assertThat(range.getLowerBound()).isBetween(1.0, 1.5);
        assertThat(range.getUpperBound()).isBetween(2.0, 2.5);
    }

    @Test
    void logScaleLeavesOutValuesALogAxisCannotShow() {
        TrainingLog log = TestLogs.write(
                dir,
                "m",
                "r",
                List.of(
                        "{\"global_step\": 1, \"loss\": 2.0, \"learning_rate\": 0.001}",
                        "{\"global_step\": 2, \"loss\": 1.0, \"learning_rate\": 0.0}"));
        Figure figure = MetricsChart.build(
                List.of(log),
                PlotOptions.defaults()
                        .withMetrics(List.of("loss", "learning_rate"))
                        .withLogScale(true));
        assertThat(plot(figure, 0).getRangeAxis()).isInstanceOf(LogAxis.class);
        assertThat(plot(figure, 1).getRangeAxis()).isInstanceOf(LogAxis.class);
        assertThat(data(figure, 1).line(0).y()).containsExactly(0.001, Double.NaN);
    }

    @Test
    void aLongSeriesIsReducedToThePanelsPixelColumnsKeepingItsSpike() {
        List<String> records = new ArrayList<>();
        for (int step = 1; step <= 50_000; step++) {
            double loss = step == 31_337 ? 9.5 : 2 + Math.sin(step / 500.0) * 0.1;
            records.add("{\"global_step\": " + step + ", \"loss\": " + loss + "}");
        }
        TrainingLog log = TestLogs.write(dir, "m", "long", records);
        Figure figure = MetricsChart.build(List.of(log), PlotOptions.defaults());
        XYColumns drawn = data(figure, 0).line(0);
        int columns = Figure.panelPixelColumns(12, 2);
        assertThat(drawn.size()).isLessThanOrEqualTo(4 * columns);
        assertThat(drawn.x()[0]).isEqualTo(1);
        assertThat(drawn.x()[drawn.size() - 1]).isEqualTo(50_000);
        int spike = java.util.Arrays.binarySearch(drawn.x(), 31_337);
        assertThat(spike).isGreaterThanOrEqualTo(0);
        assertThat(drawn.y()[spike]).isEqualTo(9.5);
    }

    @Test
    void noLogsIsAnError() {
        assertThatThrownBy(() -> MetricsChart.build(List.of(), PlotOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no logs to plot");
    }
}
