package dev.forgather.logs.export.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.Exports;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.export.ExportFormat;
import dev.forgather.logs.export.ExportTable;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the files back with DuckDB, an independent Parquet reader and the one the README names.
 * Hadoop is kept off this module's test class path (see the pom), so these tests also show that
 * the writer needs none.
 */
class ParquetTableWriterTest {
    @TempDir
    static Path dir;

    static TrainingLog tricky;
    static List<TrainingLog> demo;

    @BeforeAll
    static void load() throws Exception {
        Path run = Files.createDirectories(dir.resolve("output_models/gpt/runs/tricky"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 1769495115.5, "global_step": 1, "epoch": 0.5, "loss": 2.5, "learning_rate": 1e-05},
                {"timestamp": 1769495116.25, "global_step": 2, "epoch": 1, "loss": NaN, "grad_norm": Infinity},
                {"timestamp": 1769495117.0, "global_step": 2, "epoch": 1, "eval_loss": -Infinity},
                {"global_step": 3, "loss": 3}
                ]
                """);
        tricky = TrainingLogs.load(run);
        Path runs = Path.of(System.getProperty("repo.dir", "..")).resolve("demo/output_models");
        demo = new ArrayList<>();
        for (String name : List.of("tiny_gpt/runs/adamw_lr1e-3", "llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00")) {
            demo.add(TrainingLogs.load(runs.resolve(name)));
        }
    }

    private static List<String> query(String sql) throws Exception {
        return DuckDb.rows(sql);
    }

    @Test
    void noHadoopIsOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theServiceLoaderFindsTheParquetWriter() {
        assertThat(Exports.writer(ExportFormat.PARQUET)).get().isInstanceOf(ParquetTableWriter.class);
    }

    @Test
    void nanAndInfinityStayAsTheyAreInDoubleColumns() throws Exception {
        Path file = dir.resolve("tricky.parquet");
        assertThat(Exports.write(ExportTable.tidy(List.of(tricky)), ExportFormat.PARQUET, file))
                .isEqualTo(6);
        assertThat(query("SELECT column_name, column_type, \"null\" FROM (DESCRIBE SELECT * FROM '" + file + "')"))
                .containsExactly(
                        "run | VARCHAR | YES",
                        "model | VARCHAR | YES",
                        "format | VARCHAR | YES",
                        "step | BIGINT | YES",
                        "epoch | DOUBLE | YES",
                        "time | DOUBLE | YES",
                        "metric | VARCHAR | YES",
                        "value | DOUBLE | YES");
        assertThat(query("SELECT run, model, format, step, epoch, time, metric, value FROM '" + file + "'"))
                .containsExactly(
                        "tricky | gpt | forgather | 1 | 0.5 | 1.7694951155E9 | loss | 2.5",
                        "tricky | gpt | forgather | 1 | 0.5 | 1.7694951155E9 | learning_rate | 1.0E-5",
                        "tricky | gpt | forgather | 2 | 1.0 | 1.76949511625E9 | loss | NaN",
                        "tricky | gpt | forgather | 2 | 1.0 | 1.76949511625E9 | grad_norm | Infinity",
                        "tricky | gpt | forgather | 2 | 1.0 | 1.769495117E9 | eval_loss | -Infinity",
                        "tricky | gpt | forgather | 3 | null | null | loss | 3.0");
    }

    @Test
    void duckDbCountsEveryValueOfEachMetric() throws Exception {
        Path file = dir.resolve("demo.parquet");
        long rows = Exports.write(ExportTable.tidy(demo), ExportFormat.PARQUET, file);

        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, Long> expectedNaN = new LinkedHashMap<>();
        for (TrainingLog log : demo) {
            for (String metric : log.metricNames()) {
                double[] values = log.series(metric).values();
                expected.merge(metric, (long) values.length, Long::sum);
                for (double v : values) {
                    expectedNaN.merge(metric, Double.isNaN(v) ? 1L : 0L, Long::sum);
                }
            }
        }
        List<String> wanted = new ArrayList<>();
        expected.keySet().stream()
                .sorted()
                .forEach(m -> wanted.add(m + " | " + expected.get(m) + " | " + expectedNaN.get(m)));
        assertThat(query("SELECT metric, count(*), count(*) FILTER (WHERE isnan(value)) FROM '" + file
                        + "' GROUP BY 1 ORDER BY 1"))
                .containsExactlyElementsOf(wanted);
        assertThat(expectedNaN.get("loss")).isEqualTo(21);
        assertThat(query("SELECT count(*) FROM '" + file + "'")).containsExactly(Long.toString(rows));
    }

    @Test
    void aWideTableHasOneNullableDoubleColumnPerMetric() throws Exception {
        Path file = dir.resolve("wide.parquet");
        assertThat(Exports.write(ExportTable.wide(List.of(tricky)), ExportFormat.PARQUET, file))
                .isEqualTo(4);
        assertThat(query("SELECT step, loss, learning_rate, grad_norm, eval_loss FROM '" + file + "'"))
                .containsExactly(
                        "1 | 2.5 | 1.0E-5 | null | null",
                        "2 | NaN | null | Infinity | null",
                        "2 | null | null | null | -Infinity",
                        "3 | 3.0 | null | null | null");
    }

    @Test
    void aRecordWithoutAStepHasANullStep() throws Exception {
        Path run = Files.createDirectories(dir.resolve("output_models/gpt/runs/nostep"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 100.5, "loss": 3.0},
                {"timestamp": 101.5, "global_step": 10, "loss": 2.5},
                {"timestamp": 102.5, "loss": 2.2, "grad_norm": 0.5}
                ]
                """);
        TrainingLog log = TrainingLogs.load(run);
        Path tidy = dir.resolve("nostep.parquet");
        Path wide = dir.resolve("nostep-wide.parquet");
        Exports.write(ExportTable.tidy(List.of(log)), ExportFormat.PARQUET, tidy);
        Exports.write(ExportTable.wide(List.of(log)), ExportFormat.PARQUET, wide);

        // The step column is OPTIONAL in the file's own schema, not only nullable once read.
        assertThat(query("SELECT name, type, repetition_type FROM parquet_schema('" + tidy + "') WHERE name = 'step'"))
                .containsExactly("step | INT64 | OPTIONAL");
        assertThat(query("SELECT step, time, metric, value FROM '" + tidy + "'"))
                .containsExactly(
                        "null | 100.5 | loss | 3.0",
                        "10 | 101.5 | loss | 2.5",
                        "null | 102.5 | loss | 2.2",
                        "null | 102.5 | grad_norm | 0.5");
        assertThat(query("SELECT step, loss, grad_norm FROM '" + wide + "'"))
                .containsExactly("null | 3.0 | null", "10 | 2.5 | null", "null | 2.2 | 0.5");
        assertThat(query("SELECT count(*) FILTER (WHERE step IS NULL) FROM '" + tidy + "'"))
                .containsExactly("3");
    }

    @Test
    void aFailedWriteLeavesTheEarlierFile() throws Exception {
        Path file = dir.resolve("kept.parquet");
        Files.writeString(file, "earlier");
        Path blocked = Files.createDirectories(dir.resolve("is-a-directory.parquet"));
        assertThatThrownBy(() -> Exports.write(ExportTable.tidy(List.of(tricky)), ExportFormat.PARQUET, blocked))
                .hasMessage("is a directory");
        assertThat(file).hasContent("earlier");
    }
}
