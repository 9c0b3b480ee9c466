package dev.forgather.logs.plot;

import static dev.forgather.logs.plot.MetricsChartTest.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Exports;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.export.ExportFormat;
import dev.forgather.logs.export.ExportTable;
import dev.forgather.logs.format.JsonFormatter;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summary, plot and export read the same records (issue 8, item 13): one log whose evaluation
 * records also hold {@code loss} and {@code grad_norm}, some of whose records have no
 * {@code global_step}; the summary's JSON, the exported CSV's rows and the plotted lines must tell
 * the same story, the one SPEC's record kinds give.
 */
class SameRecordsTest {
    @TempDir
    Path dir;

    /**
     * Training losses 3.0 (no step), 2.5 (10), 2.2 (no step), 2.0 (20); evaluations
     * 2.6 at 10 (written twice, as the Forgather trainer does) and 2.1 at 20, each holding a loss
     * of its own (2.45 and 1.0) that is not a training loss, and the second a grad norm too.
     */
    static final List<String> RECORDS = List.of(
            "{\"epoch\": 0.0, \"loss\": 3.0, \"grad_norm\": 1.0, \"learning_rate\": 0.001}",
            "{\"global_step\": 10, \"epoch\": 0.1, \"loss\": 2.5, \"grad_norm\": 2.0, \"learning_rate\": 0.001}",
            "{\"global_step\": 10, \"epoch\": 0.1, \"loss\": 2.45, \"eval_loss\": 2.6}",
            "{\"global_step\": 10, \"epoch\": 0.1, \"loss\": 2.45, \"eval_loss\": 2.6}",
            "{\"epoch\": 0.15, \"loss\": 2.2, \"grad_norm\": 0.5, \"learning_rate\": 0.0008}",
            "{\"global_step\": 20, \"epoch\": 0.2, \"loss\": 2.0, \"grad_norm\": 0.7, \"learning_rate\": 0.0005}",
            "{\"global_step\": 20, \"epoch\": 0.2, \"loss\": 1.0, \"grad_norm\": 9.0, \"eval_loss\": 2.1}",
            "{\"global_step\": 20, \"epoch\": 0.2, \"train_runtime\": 5.0, \"train_samples_per_second\": 40.0}");

    @Test
    void summaryExportAndPlotAgreeOnTheRecordsOfEachKind() throws Exception {
        Path file = dir.resolve("output_models/m/runs/r/trainer_logs.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[\n" + String.join(",\n", RECORDS) + "\n]\n");
        TrainingLog log = TrainingLogs.load(file);

        // The summary, as `logs summary --format json` prints it.
        String json = new JsonFormatter().format(List.of(TrainingLogs.summarize(log)), false);
        // The export, as `logs export -o run.csv` writes it (tidy: one row per value).
        Path csv = dir.resolve("run.csv");
        Exports.write(Exports.table(List.of(log), ExportTable.Layout.TIDY), ExportFormat.CSV, csv);
        List<double[]> lossRows = rows(csv, "loss");
        List<double[]> evalRows = rows(csv, "eval_loss");
        List<double[]> gradRows = rows(csv, "grad_norm");
        // The plot, as `logs plot` draws it: train loss and eval loss lines, and the grad norm panel.
        Figure curves = LossCurvesChart.build(List.of(log), PlotOptions.defaults());
        XYColumns trainLine = data(curves, 0).line(0);
        XYColumns evalLine = data(curves, 0).line(1);
        Figure metrics = MetricsChart.build(List.of(log), PlotOptions.defaults().withMetrics(List.of("grad_norm")));
        XYColumns gradLine = data(metrics, 0).line(0);

        // Training losses: the four training records, exported with an empty step where the record
        // has none (not 0, nor the step before it), and drawn against steps only where it has one;
        // the evaluations' own losses in none of them.
        double[] losses = {3.0, 2.5, 2.2, 2.0};
        assertThat(column(lossRows, 0)).containsExactly(Double.NaN, 10, Double.NaN, 20);
        assertThat(column(lossRows, 1)).containsExactly(losses);
        assertThat(trainLine.x()).containsExactly(10, 20);
        assertThat(trainLine.y()).containsExactly(2.5, 2.0);
        assertThat(number(json, "final_loss")).isEqualTo(2.0);
        assertThat(number(json, "min_loss")).isEqualTo(2.0);
        assertThat(number(json, "best_loss")).isEqualTo(2.0);
        assertThat(number(json, "best_loss_step")).isEqualTo(20);
        assertThat(number(json, "avg_loss"))
                .isEqualTo(Arrays.stream(losses).average().orElseThrow());
        assertThat(number(json, "total_steps")).isEqualTo(20);

        // Evaluations: one per evaluation, the repeat left out.
        assertThat(column(evalRows, 0)).containsExactly(10, 20);
        assertThat(column(evalRows, 1)).containsExactly(2.6, 2.1);
        assertThat(evalLine.x()).containsExactly(10, 20);
        assertThat(evalLine.y()).containsExactly(2.6, 2.1);
        assertThat(number(json, "final_eval_loss")).isEqualTo(2.1);
        assertThat(number(json, "final_eval_loss_step")).isEqualTo(20);
        assertThat(number(json, "best_eval_loss")).isEqualTo(2.1);

        // Grad norms: the training records', not the evaluation's 9.0; drawn where there is a step.
        double[] norms = {1.0, 2.0, 0.5, 0.7};
        assertThat(column(gradRows, 0)).containsExactly(Double.NaN, 10, Double.NaN, 20);
        assertThat(column(gradRows, 1)).containsExactly(norms);
        assertThat(gradLine.x()).containsExactly(10, 20);
        assertThat(gradLine.y()).containsExactly(2.0, 0.7);
        assertThat(number(json, "max_grad_norm_value")).isEqualTo(2.0);
        assertThat(number(json, "max_grad_norm_step")).isEqualTo(10);
        assertThat(number(json, "avg_grad_norm"))
                .isEqualTo(Arrays.stream(norms).average().orElseThrow());
    }

    /** The (step, value) of each row of the tidy CSV for {@code metric}, in file order; an empty step is NaN. */
    private static List<double[]> rows(Path csv, String metric) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int step = header.indexOf("step");
        int name = header.indexOf("metric");
        int value = header.indexOf("value");
        List<double[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[name].equals(metric)) {
                double at = cells[step].isEmpty() ? Double.NaN : Double.parseDouble(cells[step]);
                out.add(new double[] {at, Double.parseDouble(cells[value])});
            }
        }
        return out;
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).toArray();
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        assertThat(m.find()).as("%s in %s", key, json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
