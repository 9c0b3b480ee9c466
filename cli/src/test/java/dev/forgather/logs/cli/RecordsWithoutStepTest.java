package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summary, export, plot and compare treat a record without {@code global_step} alike (issue 8, item
 * 13): its step is absent, never 0 or the step before it. Summary leaves the step statistics out,
 * export leaves the step cell empty (null), plot leaves the record out of a step axis and says so
 * once, compare counts its value but not at equal steps and says so once.
 */
class RecordsWithoutStepTest {
    @TempDir
    Path tmp;

    /** Three training records and an evaluation, none with a step, all with a timestamp and an epoch. */
    private Path noSteps() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("output_models/m/runs/nostep"));
        return Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 60.0, "epoch": 0.1, "loss": 3.0, "learning_rate": 0.001},
                {"timestamp": 120.0, "epoch": 0.2, "loss": 2.0, "learning_rate": 0.001},
                {"timestamp": 150.0, "epoch": 0.25, "eval_loss": 2.5},
                {"timestamp": 180.0, "epoch": 0.3, "loss": 2.5, "learning_rate": 0.0005}
                ]
                """);
    }

    /** Records at steps 10 and 30, one between them without a step or a timestamp, but with an epoch. */
    private Path someSteps() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("output_models/m/runs/somesteps"));
        return Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 60.0, "global_step": 10, "epoch": 0.1, "loss": 3.0},
                {"epoch": 0.2, "loss": 1.0},
                {"timestamp": 180.0, "global_step": 30, "epoch": 0.3, "loss": 2.0}
                ]
                """);
    }

    /** Records at steps 10, 20 and 30, every one with a timestamp: the baseline compare needs. */
    private Path allSteps() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("output_models/m/runs/allsteps"));
        return Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 0.0, "global_step": 10, "epoch": 0.1, "loss": 3.0},
                {"timestamp": 60.0, "global_step": 20, "epoch": 0.2, "loss": 2.5},
                {"timestamp": 120.0, "global_step": 30, "epoch": 0.3, "loss": 2.0}
                ]
                """);
    }

    private static Cli.Result logs(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "logs";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(all);
    }

    @Test
    void summaryLeavesTheStepsOutAndCountsEveryTrainingRecord() throws IOException {
        Path log = noSteps();
        Cli.Result text = logs("summary", log.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).isEqualTo("""
                Training Run Summary
                ============================================================
                Run: nostep
                Final Epoch: 0.3000

                Metrics:
                  Final Loss: 2.5000
                  Best Loss: 2.0000
                  Average Loss: 2.5000
                  Final Eval Loss: 2.5000
                  Best Eval Loss: 2.5000

                Learning Rate:
                  Initial: 0.001000
                  Final: 0.000500
                """);

        Cli.Result json = logs("summary", log.toString(), "--format", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.err()).isEmpty();
        Map<String, Object> summary = object(json.out());
        for (String key : List.of(
                "total_steps",
                "best_loss_step",
                "max_grad_norm_step",
                "final_eval_loss_step",
                "best_eval_loss_step",
                "first_nonfinite_loss_step")) {
            assertThat(summary).as(key).containsEntry(key, null);
        }
        assertThat(summary).containsEntry("best_loss", 2.0).containsEntry("avg_loss", 2.5);
    }

    @Test
    void exportLeavesTheStepEmptyInCsvAndNullInJsonLinesAndParquet() throws Exception {
        Path log = noSteps();
        Path csv = tmp.resolve("out.csv");
        Cli.Result r = logs("export", log.toString(), "-o", csv.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Exported 7 rows from 1 run(s) to " + csv + "\n");
        assertThat(csv).content().isEqualTo("""
                run,model,format,step,epoch,time,metric,value
                nostep,m,forgather,,0.1,60.0,loss,3.0
                nostep,m,forgather,,0.1,60.0,learning_rate,0.001
                nostep,m,forgather,,0.2,120.0,loss,2.0
                nostep,m,forgather,,0.2,120.0,learning_rate,0.001
                nostep,m,forgather,,0.25,150.0,eval_loss,2.5
                nostep,m,forgather,,0.3,180.0,loss,2.5
                nostep,m,forgather,,0.3,180.0,learning_rate,0.0005
                """);

        Path jsonl = tmp.resolve("out.jsonl");
        Cli.Result j = logs("export", log.toString(), "--wide", "-o", jsonl.toString());
        assertThat(j.exitCode()).isZero();
        assertThat(j.err()).isEmpty();
        assertThat(j.out()).isEqualTo("Exported 4 rows from 1 run(s) to " + jsonl + "\n");
        assertThat(Files.readAllLines(jsonl))
                .containsExactly(
                        "{\"run\":\"nostep\",\"model\":\"m\",\"format\":\"forgather\",\"step\":null,\"epoch\":0.1,"
                                + "\"time\":60.0,\"loss\":3.0,\"learning_rate\":0.001,\"eval_loss\":null}",
                        "{\"run\":\"nostep\",\"model\":\"m\",\"format\":\"forgather\",\"step\":null,\"epoch\":0.2,"
                                + "\"time\":120.0,\"loss\":2.0,\"learning_rate\":0.001,\"eval_loss\":null}",
                        "{\"run\":\"nostep\",\"model\":\"m\",\"format\":\"forgather\",\"step\":null,\"epoch\":0.25,"
                                + "\"time\":150.0,\"loss\":null,\"learning_rate\":null,\"eval_loss\":2.5}",
                        "{\"run\":\"nostep\",\"model\":\"m\",\"format\":\"forgather\",\"step\":null,\"epoch\":0.3,"
                                + "\"time\":180.0,\"loss\":2.5,\"learning_rate\":0.0005,\"eval_loss\":null}");

        Path parquet = tmp.resolve("out.parquet");
        Cli.Result p = logs("export", log.toString(), "-o", parquet.toString());
        assertThat(p.exitCode()).isZero();
        assertThat(p.err()).isEmpty();
        assertThat(p.out()).isEqualTo("Exported 7 rows from 1 run(s) to " + parquet + "\n");
        assertThat(query("SELECT count(*), count(step) FROM '" + parquet + "'")).containsExactly("7 | 0");
    }

    @Test
    void plotLeavesRecordsWithoutAStepOffAStepAxisAndSaysSoOnce() throws IOException {
        Path log = noSteps();
        Path out = tmp.resolve("plot.svg");
        Cli.Result r = logs("plot", log.toString(), "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Plotting 1 training run(s)...\nPlot saved to: " + out + "\n");
        // One line for the run, counting records (4), not values (7).
        assertThat(r.err())
                .isEqualTo("warning: " + log
                        + ": 4 records without global_step are not plotted against step; try --x-axis time\n");
        // Nothing is left to draw against steps: every panel says so, as for a metric no run has.
        assertThat(out)
                .content()
                .contains(">No data for loss<", ">No data for eval_loss<", ">No data for learning_rate<");
    }

    @Test
    void plotAgainstTimeDrawsThemWithoutAWarning() throws IOException {
        Path log = noSteps();
        Path out = tmp.resolve("time.svg");
        Cli.Result r = logs("plot", log.toString(), "--x-axis", "time", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Plotting 1 training run(s)...\nPlot saved to: " + out + "\n");
        assertThat(r.err()).isEmpty();
        assertThat(out).content().doesNotContain("No data for");
    }

    @Test
    void aMixedLogLeavesOutOnlyTheRecordWithoutAStepAndSuggestsAnAxisItHas() throws IOException {
        Path log = someSteps();
        Path out = tmp.resolve("mixed.svg");
        Cli.Result r = logs("plot", log.toString(), "--loss-curves", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Plotting 1 training run(s)...\nPlot saved to: " + out + "\n");
        // The record has an epoch but no timestamp: time is not suggested.
        assertThat(r.err())
                .isEqualTo("warning: " + log
                        + ": 1 record without global_step is not plotted against step; try --x-axis epoch\n");
        assertThat(out).content().doesNotContain("No data for");

        // Summary: the best loss (1.0) is that record's, so its step is unknown; the last is at 30.
        Cli.Result s = logs("summary", log.toString(), "--format", "json");
        assertThat(s.exitCode()).isZero();
        assertThat(s.err()).isEmpty();
        assertThat(object(s.out()))
                .containsEntry("best_loss", 1.0)
                .containsEntry("best_loss_step", null)
                .containsEntry("total_steps", 30L);

        // Export: the same record, with an empty step between 10 and 30.
        Path csv = tmp.resolve("mixed.csv");
        Cli.Result e = logs("export", log.toString(), "-o", csv.toString());
        assertThat(e.exitCode()).isZero();
        assertThat(e.err()).isEmpty();
        assertThat(e.out()).isEqualTo("Exported 3 rows from 1 run(s) to " + csv + "\n");
        assertThat(csv).content().isEqualTo("""
                run,model,format,step,epoch,time,metric,value
                somesteps,m,forgather,10,0.1,60.0,loss,3.0
                somesteps,m,forgather,,0.2,,loss,1.0
                somesteps,m,forgather,30,0.3,180.0,loss,2.0
                """);
    }

    @Test
    void compareCountsTheirValuesButNotAtEqualStepsAndSaysSoOncePerLog() throws IOException {
        Path base = allSteps();
        Path mixed = someSteps();
        Path none = noSteps();
        Cli.Result r = logs("compare", base.toString(), mixed.toString(), none.toString(), "--target", "loss=2.5");
        assertThat(r.exitCode()).isZero();
        // The mixed run's best loss (1.0) and first loss at the target are the record without a step:
        // no step for either, where the step before it (10) was given; at the baseline's end (30) its
        // value comes from its own records at 10 and 30. The run without steps has no step at all.
        assertThat(r.out()).isEqualTo("""
                                  loss                                  eval_loss                       loss ≤ 2.5
                Run        Steps   final      Δ %   at 30  best @ step   final  Δ %  at —  best @ step  step   time  speedup  Throughput
                ------------------------------------------------------------------------------------------------------------------------
                allsteps      30  2.0000    0.00%  2.0000  2.0000 @ 30       —    —     —            —    20  01:00    1.00×           —
                somesteps     30  2.0000    0.00%  2.0000   1.0000 @ —       —    —     —            —     —      —        —           —
                nostep         —  2.5000  +25.00%       —   2.0000 @ —  2.5000    —     —   2.5000 @ —     —  01:00    1.00×           —
                Baseline: allsteps. final: mean of the last 5% of values; Δ %: against the baseline's final; at N: the value at step N, the baseline's last.
                """);
        assertThat(r.err())
                .isEqualTo("warning: " + mixed + ": 1 record without global_step is not compared at equal steps\n"
                        + "warning: " + none + ": 4 records without global_step are not compared at equal steps\n");

        Cli.Result json = logs(
                "compare",
                base.toString(),
                mixed.toString(),
                none.toString(),
                "--target",
                "loss=2.5",
                "--format",
                "json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.err()).isEqualTo(r.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) JsonTree.parse(json.out());
        assertThat(metric(rows.get(0), "loss"))
                .containsEntry("best", 2.0)
                .containsEntry("best_step", 30L)
                .containsEntry("at_baseline_end", 2.0);
        assertThat(metric(rows.get(1), "loss"))
                .containsEntry("final", 2.0)
                .containsEntry("best", 1.0)
                .containsEntry("best_step", null)
                .containsEntry("at_baseline_end", 2.0);
        // Reached at the record without a step, which has no timestamp either: neither when nor where.
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) rows.get(1).get("target");
        assertThat(target).containsEntry("step", null).containsEntry("seconds", null);
        assertThat(metric(rows.get(2), "loss"))
                .containsEntry("final", 2.5)
                .containsEntry("best", 2.0)
                .containsEntry("best_step", null)
                .containsEntry("at_baseline_end", null);
        assertThat(metric(rows.get(2), "eval_loss")).containsEntry("best", 2.5).containsEntry("best_step", null);
        assertThat(rows.get(2).get("steps")).isNull();
    }

    @Test
    void compareOfLogsWhoseRecordsAllHaveStepsSaysNothingAboutSteps() throws IOException {
        Path base = allSteps();
        Cli.Result r = logs("compare", base.toString(), base.toString(), "--format", "csv");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(",30,");
    }

    @Test
    void plotGroupLeavesThemOffItsAlignedCurveAndSaysSoWithoutSuggestingAnotherAxis() throws IOException {
        Path mixed = someSteps();
        Path seed1 = Files.createDirectories(tmp.resolve("output_models/m/runs/a_seed1"));
        Path seed2 = Files.createDirectories(tmp.resolve("output_models/m/runs/a_seed2"));
        Files.copy(mixed, seed1.resolve("trainer_logs.json"));
        Files.copy(allSteps(), seed2.resolve("trainer_logs.json"));
        Path out = tmp.resolve("groups.svg");
        Cli.Result r = logs(
                "plot", seed1.toString(), seed2.toString(), "--metrics", "loss", "--group", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Plotting 2 training run(s) in 1 group(s)...\nPlot saved to: " + out + "\n");
        // --group draws against steps only: no --x-axis to suggest.
        assertThat(r.err())
                .isEqualTo("warning: " + seed1.resolve("trainer_logs.json")
                        + ": 1 record without global_step is not plotted against step\n");
        assertThat(out).content().doesNotContain("No data for");
    }

    @Test
    void checkFindsARollbackOnlyBetweenStepsThatWereGiven() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("output_models/m/runs/resumed"));
        Path log = Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"global_step": 100, "loss": 2.0},
                {"global_step": 200, "loss": 1.9},
                {"loss": 1.85},
                {"global_step": 150, "loss": 1.95},
                {"global_step": 250, "loss": 1.8}
                ]
                """);
        Cli.Result r = logs("check", log.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .isEqualTo("resumed: steps 150-200: rollback in global_step: the steps go back from 200 to 150"
                        + " (resumed from a checkpoint); steps 150-200 are logged twice\n"
                        + "resumed: healthy (1 info)\n");

        // 10, a record without a step, 30: no step went back.
        Cli.Result none = logs("check", someSteps().toString());
        assertThat(none.exitCode()).isZero();
        assertThat(none.err()).isEmpty();
        assertThat(none.out()).isEqualTo("somesteps: healthy\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metric(Map<String, Object> row, String name) {
        return (Map<String, Object>) ((Map<String, Object>) row.get("metrics")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) throws IOException {
        return (Map<String, Object>) JsonTree.parse(json);
    }

    private static List<String> query(String sql) throws Exception {
        return DuckDb.rows(sql);
    }
}
