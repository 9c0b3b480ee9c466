package dev.forgather.logs.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTableTest {
    @TempDir
    Path dir;

    /** A run with a repeated evaluation, a NaN, both infinities, a record without epoch or time and a final record. */
    static TrainingLog trickyLog(Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("output_models/gpt/runs/tricky"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 1769495115.5, "global_step": 1, "epoch": 0.5, "loss": 2.5, "learning_rate": 1e-05},
                {"timestamp": 1769495116.25, "global_step": 2, "epoch": 1, "loss": NaN, "grad_norm": Infinity},
                {"timestamp": 1769495117.0, "global_step": 2, "epoch": 1, "eval_loss": -Infinity},
                {"timestamp": 1769495117.0, "global_step": 2, "epoch": 1, "eval_loss": -Infinity},
                {"global_step": 3, "loss": 3}
                ]
                """);
        return TrainingLogs.load(run);
    }

    static List<String> rows(ExportTable table) {
        List<String> out = new ArrayList<>();
        ExportTable.Cursor cursor = table.cursor();
        while (cursor.next()) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < table.columns().size(); c++) {
                if (c > 0) {
                    row.append(' ');
                }
                if (cursor.isNull(c)) {
                    row.append('-');
                    continue;
                }
                row.append(
                        switch (table.columns().get(c).type()) {
                            case TEXT -> cursor.text(c);
                            case INTEGER -> Long.toString(cursor.integer(c));
                            default -> Double.toString(cursor.number(c));
                        });
            }
            out.add(row.toString());
        }
        return out;
    }

    @Test
    void tidyTableHasOneRowPerValueInRecordOrderWithoutTheRepeatedEvaluation() throws Exception {
        ExportTable table = ExportTable.tidy(List.of(trickyLog(dir)));
        assertThat(table.columns())
                .extracting(ExportTable.Column::name)
                .containsExactly("run", "model", "format", "step", "epoch", "time", "metric", "value");
        assertThat(rows(table))
                .containsExactly(
                        "tricky gpt forgather 1 0.5 1.7694951155E9 loss 2.5",
                        "tricky gpt forgather 1 0.5 1.7694951155E9 learning_rate 1.0E-5",
                        "tricky gpt forgather 2 1.0 1.76949511625E9 loss NaN",
                        "tricky gpt forgather 2 1.0 1.76949511625E9 grad_norm Infinity",
                        "tricky gpt forgather 2 1.0 1.769495117E9 eval_loss -Infinity",
                        "tricky gpt forgather 3 - - loss 3.0");
    }

    @Test
    void wideTableHasOneRowPerRecordAndAColumnPerMetric() throws Exception {
        ExportTable table = ExportTable.wide(List.of(trickyLog(dir)));
        assertThat(table.columns())
                .extracting(ExportTable.Column::name)
                .containsExactly(
                        "run",
                        "model",
                        "format",
                        "step",
                        "epoch",
                        "time",
                        "loss",
                        "learning_rate",
                        "grad_norm",
                        "eval_loss");
        assertThat(rows(table))
                .containsExactly(
                        "tricky gpt forgather 1 0.5 1.7694951155E9 2.5 1.0E-5 - -",
                        "tricky gpt forgather 2 1.0 1.76949511625E9 NaN - Infinity -",
                        "tricky gpt forgather 2 1.0 1.769495117E9 - - - -Infinity",
                        "tricky gpt forgather 3 - - 3.0 - - -");
    }

    @Test
    void severalRunsFollowEachOtherAndWideColumnsAreTheUnionOfTheirMetrics() throws Exception {
        TrainingLog forgather = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        TrainingLog lightning = TrainingLogs.load(Samples.shared().resolve("samples/lightning/tiny_gpt/version_0"));
        List<TrainingLog> logs = List.of(forgather, lightning);

        long expected = 0;
        for (TrainingLog log : logs) {
            for (String metric : log.metricNames()) {
                expected += log.series(metric).size();
            }
        }
        List<String> tidy = rows(ExportTable.tidy(logs));
        assertThat(tidy).hasSize((int) expected);
        assertThat(tidy.get(0)).startsWith("adamw_lr1e-3 tiny_gpt forgather 10 ");
        assertThat(tidy.get(tidy.size() - 1)).contains(" lightning ");

        // Every value is in exactly one wide cell.
        ExportTable wide = ExportTable.wide(logs);
        assertThat(wide.columns())
                .extracting(ExportTable.Column::name)
                .containsSubsequence("loss", "eval_loss")
                .doesNotHaveDuplicates();
        long cells = 0;
        ExportTable.Cursor cursor = wide.cursor();
        while (cursor.next()) {
            for (int c = ExportTable.KEY_COLUMNS.size(); c < wide.columns().size(); c++) {
                cells += cursor.isNull(c) ? 0 : 1;
            }
        }
        assertThat(cells).isEqualTo(expected);
    }

    @Test
    void anEmptyListGivesNoRows() {
        assertThat(rows(ExportTable.tidy(List.of()))).isEmpty();
        assertThat(rows(ExportTable.wide(List.of()))).isEmpty();
    }
}
