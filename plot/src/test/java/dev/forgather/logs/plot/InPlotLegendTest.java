package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InPlotLegendTest {
    @TempDir
    Path dir;

    private InPlotLegend.Corner cornerFor(String metric, double from, double to) {
        List<String> records = new ArrayList<>();
        for (int step = 0; step <= 100; step++) {
            records.add(
                    "{\"global_step\": " + step + ", \"" + metric + "\": " + (from + (to - from) * step / 100) + "}");
        }
        TrainingLog log = TestLogs.write(dir, "m", metric + from, records);
        Figure figure = MetricsChart.build(List.of(log), PlotOptions.defaults().withMetrics(List.of(metric)));
        ChartWriter.render(figure);
        XYPlot plot = (XYPlot) figure.panels().get(0).getPlot();
        List<XYAnnotation> annotations = plot.getAnnotations();
        return ((InPlotLegend) annotations.get(0)).lastCorner();
    }

    @Test
    void aFallingCurveLeavesTheUpperRightFree() {
        assertThat(cornerFor("loss", 10, 1)).isEqualTo(InPlotLegend.Corner.UPPER_RIGHT);
    }

    @Test
    void aRisingCurveMovesTheLegendToTheUpperLeft() {
        assertThat(cornerFor("accuracy", 0.1, 0.9)).isEqualTo(InPlotLegend.Corner.UPPER_LEFT);
    }
}
