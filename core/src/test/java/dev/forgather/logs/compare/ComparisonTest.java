package dev.forgather.logs.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.compare.Reference.Point;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    private static final double EXACT = 1e-12;

    @TempDir
    Path tmp;

    private static Path lightningCsv() {
        return Samples.shared().resolve("samples/lightning/tiny_gpt/version_0/metrics.csv");
    }

    private static void assertNumber(OptionalDouble actual, Double expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isEmpty();
        } else {
            assertThat(actual).as(what).isPresent();
            assertThat(actual.getAsDouble())
                    .as(what)
                    .isCloseTo(expected, within(EXACT * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void runsOfDifferentLengthAreComparedAtTheBaselinesLastStep() throws LogReadException {
        // A Lightning run of 1199 steps is the baseline; the Forgather runs go on to step 1500.
        TrainingLog baseline = TrainingLogs.load(lightningCsv());
        TrainingLog lr1e3 = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        TrainingLog lr3e3 = TrainingLogs.load(Samples.run("adamw_lr3e-3"));
        Comparison c = Comparison.of(baseline, List.of(lr1e3, lr3e3), CompareOptions.defaults());

        assertThat(c.rows())
                .extracting(ComparisonRow::run)
                .containsExactly("version_0", "adamw_lr1e-3", "adamw_lr3e-3");
        assertThat(c.rows()).extracting(ComparisonRow::baseline).containsExactly(true, false, false);
        assertThat(c.rows())
                .extracting(ComparisonRow::format)
                .extracting(o -> o.orElseThrow())
                .containsExactly("lightning", "forgather", "forgather");
        for (String metric : List.of("loss", "eval_loss")) {
            List<Point> base = Reference.lightningPoints(lightningCsv(), metric);
            List<List<Point>> runs = List.of(
                    base,
                    Reference.forgatherPoints(Reference.forgatherRecords(Samples.log("adamw_lr1e-3")), metric),
                    Reference.forgatherPoints(Reference.forgatherRecords(Samples.log("adamw_lr3e-3")), metric));
            long end = base.get(base.size() - 1).step();
            assertThat(end).isEqualTo(1199);
            assertNumber(c.baselineEndSteps().get(metric), (double) end, metric + " end step");
            double baseFinal = Reference.finalValue(base);
            for (int r = 0; r < runs.size(); r++) {
                List<Point> points = runs.get(r);
                MetricComparison m = c.rows().get(r).metric(metric);
                String what = metric + " of row " + r;
                double fin = Reference.finalValue(points);
                Point best = Reference.best(points, false);
                assertNumber(m.finalValue(), fin, what + " final");
                assertNumber(m.best(), best.value(), what + " best");
                assertNumber(m.bestStep(), (double) best.step(), what + " best_step");
                assertNumber(m.atBaselineEnd(), Reference.at(points, end), what + " at_baseline_end");
                assertNumber(m.delta(), fin - baseFinal, what + " delta");
                assertNumber(m.deltaPct(), 100 * (fin - baseFinal) / Math.abs(baseFinal), what + " delta_pct");
                assertThat(m.finalStd()).isEmpty();
            }
        }
        // 1199 falls between the Forgather runs' records at 1190 and 1200: interpolated, not either one.
        List<Point> loss = Reference.forgatherPoints(Reference.forgatherRecords(Samples.log("adamw_lr1e-3")), "loss");
        double at1190 = loss.stream()
                .filter(p -> p.step() == 1190)
                .findFirst()
                .orElseThrow()
                .value();
        double at1200 = loss.stream()
                .filter(p -> p.step() == 1200)
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(c.rows().get(1).metric("loss").atBaselineEnd().getAsDouble())
                .isCloseTo(at1190 + 0.9 * (at1200 - at1190), within(1e-12));
        assertThat(c.rows())
                .extracting(ComparisonRow::steps)
                .containsExactly(OptionalDouble.of(1199), OptionalDouble.of(1500), OptionalDouble.of(1500));
        // The Lightning run has no final record: no throughput, so no ratio for anyone.
        assertThat(c.rows().get(0).samplesPerSecond()).isEmpty();
        assertThat(c.rows().get(1).samplesPerSecond()).hasValue(2170.972);
        assertThat(c.rows()).allSatisfy(r -> assertThat(r.throughputRatio()).isEmpty());
    }

    @Test
    void aLongerBaselineLeavesAShorterRunWithoutAValueAtItsEnd() throws LogReadException {
        TrainingLog lr1e3 = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        TrainingLog lightning = TrainingLogs.load(lightningCsv());
        TrainingLog lr3e3 = TrainingLogs.load(Samples.run("adamw_lr3e-3"));
        Comparison c = Comparison.of(lr1e3, List.of(lightning, lr3e3), CompareOptions.defaults());
        assertThat(c.rows().get(1).metric("loss").atBaselineEnd()).isEmpty();
        assertThat(c.rows().get(1).metric("eval_loss").atBaselineEnd()).isEmpty();
        assertThat(c.rows().get(0).metric("loss").delta()).hasValue(0);
        assertThat(c.rows().get(0).metric("loss").deltaPct()).hasValue(0);
        assertThat(c.rows().get(0).throughputRatio()).hasValue(1);
        assertThat(c.rows().get(1).throughputRatio()).isEmpty();
        assertThat(c.rows().get(2).throughputRatio()).hasValue(2548.182 / 2170.972);
    }

    @Test
    void timeToTargetIsMeasuredFromTheFirstRecord() throws LogReadException {
        TrainingLog lr1e3 = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        TrainingLog lr3e3 = TrainingLogs.load(Samples.run("adamw_lr3e-3"));
        Comparison c = Comparison.of(
                lr1e3, List.of(lr3e3), CompareOptions.defaults().withTarget(Target.parse("eval_loss=1.6")));
        double[] seconds = new double[2];
        for (int r = 0; r < 2; r++) {
            var records = Reference.forgatherRecords(Samples.log(r == 0 ? "adamw_lr1e-3" : "adamw_lr3e-3"));
            Point reached = Reference.firstAtOrBelow(Reference.forgatherPoints(records, "eval_loss"), 1.6);
            seconds[r] = reached.time() - records.get(0).get("timestamp");
            TargetResult t = c.rows().get(r).target().orElseThrow();
            assertThat(t.metric()).isEqualTo("eval_loss");
            assertThat(t.value()).isEqualTo(1.6);
            assertNumber(t.step(), (double) reached.step(), "step");
            assertNumber(t.seconds(), seconds[r], "seconds");
            assertThat(t.never()).isEmpty();
        }
        assertThat(c.rows().get(0).target().orElseThrow().step()).hasValue(1250);
        assertThat(c.rows().get(1).target().orElseThrow().step()).hasValue(750);
        assertNumber(c.rows().get(0).target().orElseThrow().speedup(), 1.0, "baseline speedup");
        assertNumber(c.rows().get(1).target().orElseThrow().speedup(), seconds[0] / seconds[1], "speedup");
    }

    @Test
    void smoothingDecidesWhenANoisyLossReachesTheTarget() throws LogReadException {
        TrainingLog lr1e3 = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        TrainingLog lr3e3 = TrainingLogs.load(Samples.run("adamw_lr3e-3"));
        CompareOptions options =
                CompareOptions.defaults().withTarget(Target.parse("loss=2.0")).withSmoothWindow(9);
        Comparison c = Comparison.of(lr1e3, List.of(lr3e3), options);
        for (int r = 0; r < 2; r++) {
            var records = Reference.forgatherRecords(Samples.log(r == 0 ? "adamw_lr1e-3" : "adamw_lr3e-3"));
            List<Point> points = Reference.forgatherPoints(records, "loss");
            Point reached = null;
            for (int i = 0; i < points.size() && reached == null; i++) {
                double sum = 0;
                int n = 0;
                for (int j = Math.max(0, i - 4); j <= Math.min(points.size() - 1, i + 4); j++) {
                    sum += points.get(j).value();
                    n++;
                }
                if (sum / n <= 2.0) {
                    reached = points.get(i);
                }
            }
            assertNumber(c.rows().get(r).target().orElseThrow().step(), (double) reached.step(), "smoothed step " + r);
            Point raw = Reference.firstAtOrBelow(points, 2.0);
            assertThat(raw.step()).as("one noisy raw point gets there sooner").isLessThan(reached.step());
        }
    }

    @Test
    void aRunThatNeverReachesTheTargetHasNoStepTimeOrSpeedup() throws LogReadException {
        TrainingLog lr1e3 = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        TrainingLog lr3e3 = TrainingLogs.load(Samples.run("adamw_lr3e-3"));
        CompareOptions options = CompareOptions.defaults().withTarget(Target.parse("eval_loss=1.4"));
        // The baseline gets there at its evaluation of step 1250; the other's best eval loss is 1.5631.
        Comparison c = Comparison.of(lr3e3, List.of(lr1e3), options);
        TargetResult reached = c.rows().get(0).target().orElseThrow();
        TargetResult never = c.rows().get(1).target().orElseThrow();
        assertThat(reached.step()).hasValue(1250);
        assertThat(reached.speedup()).hasValue(1);
        assertThat(never.step()).isEmpty();
        assertThat(never.seconds()).isEmpty();
        assertThat(never.speedup()).isEmpty();
        // The other way round, a baseline that never gets there leaves no speedup for anyone.
        Comparison reversed = Comparison.of(lr1e3, List.of(lr3e3), options);
        assertThat(reversed.rows().get(1).target().orElseThrow().step()).hasValue(1250);
        assertThat(reversed.rows())
                .allSatisfy(r -> assertThat(r.target().orElseThrow().speedup()).isEmpty());
    }

    @Test
    void aResumedRunsLaterRecordWinsAndNonFiniteValuesAreLeftOut() throws IOException, LogReadException {
        Path run = Files.createDirectories(tmp.resolve("output_models/m/runs/resumed"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 100.0, "global_step": 10, "loss": 4.0},
                {"timestamp": 101.0, "global_step": 20, "loss": 3.0},
                {"timestamp": 102.0, "global_step": 30, "loss": NaN},
                {"timestamp": 102.5, "global_step": 30, "eval_loss": 2.5},
                {"timestamp": 102.6, "global_step": 30, "eval_loss": 2.5},
                {"timestamp": 103.0, "global_step": 20, "loss": 3.5},
                {"timestamp": 104.0, "global_step": 30, "loss": 2.0},
                {"timestamp": 105.0, "global_step": 40, "loss": Infinity}
                ]
                """);
        Path other = Files.createDirectories(tmp.resolve("output_models/m/runs/short"));
        Files.writeString(other.resolve("trainer_logs.json"), """
                [
                {"timestamp": 0.0, "global_step": 0, "loss": 5.0},
                {"timestamp": 1.0, "global_step": 35, "loss": 1.0}
                ]
                """);
        Comparison c = Comparison.of(
                TrainingLogs.load(run),
                List.of(TrainingLogs.load(other)),
                CompareOptions.defaults().withTarget(Target.parse("loss=3.2")));
        MetricComparison loss = c.rows().get(0).metric("loss");
        // Points: 10 → 4.0, 20 → 3.5 (the later record), 30 → 2.0; NaN and Infinity left out.
        assertThat(loss.finalValue()).hasValue(2.0);
        assertThat(loss.best()).hasValue(2.0);
        assertThat(loss.bestStep()).hasValue(30);
        assertThat(c.baselineEndSteps().get("loss")).hasValue(30);
        // The other run at step 30: 5 + (1 - 5) * 30/35.
        assertThat(c.rows().get(1).metric("loss").atBaselineEnd().getAsDouble())
                .isCloseTo(5 - 4 * 30.0 / 35, within(1e-12));
        // The doubled evaluation counts once: one point, its own final.
        assertThat(c.rows().get(0).metric("eval_loss").finalValue()).hasValue(2.5);
        // The later record at step 20 says 3.5 > 3.2: the target is first reached at step 30, 4 s in.
        TargetResult t = c.rows().get(0).target().orElseThrow();
        assertThat(t.step()).hasValue(30);
        assertThat(t.seconds()).hasValue(4.0);
        assertThat(c.rows().get(1).metric("eval_loss").finalValue()).isEmpty();
        assertThat(c.rows().get(1).metric("eval_loss").delta()).isEmpty();
    }

    @Test
    void finalIsTheMeanOfTheLastFivePercent() throws IOException, LogReadException {
        StringBuilder log = new StringBuilder("[\n");
        for (int i = 1; i <= 41; i++) {
            log.append("{\"global_step\": ")
                    .append(i)
                    .append(", \"loss\": ")
                    .append(i)
                    .append(".0}")
                    .append(i < 41 ? ",\n" : "\n");
        }
        Path run = Files.createDirectories(tmp.resolve("r41"));
        Files.writeString(run.resolve("trainer_logs.json"), log.append("]\n"));
        TrainingLog forty = TrainingLogs.load(run);
        Comparison c = Comparison.of(forty, List.of(forty), CompareOptions.defaults());
        // ⌈41/20⌉ = 3 values: 39, 40, 41.
        assertThat(c.rows().get(0).metric("loss").finalValue()).hasValue(40.0);
        assertThat(c.rows().get(1).metric("loss").deltaPct()).hasValue(0);
    }

    @Test
    void aMaximisedMetricsBestIsItsLargestValue() throws LogReadException {
        TrainingLog lr1e3 = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        TrainingLog lr3e3 = TrainingLogs.load(Samples.run("adamw_lr3e-3"));
        Comparison c = Comparison.of(
                lr1e3, List.of(lr3e3), CompareOptions.defaults().withMaximized(java.util.Set.of("grad_norm")));
        assertThat(c.metrics()).containsExactly("loss", "eval_loss", "grad_norm");
        List<Point> points =
                Reference.forgatherPoints(Reference.forgatherRecords(Samples.log("adamw_lr3e-3")), "grad_norm");
        Point best = Reference.best(points, true);
        assertNumber(c.rows().get(1).metric("grad_norm").best(), best.value(), "best");
        assertNumber(c.rows().get(1).metric("grad_norm").bestStep(), (double) best.step(), "best step");
    }

    @Test
    void sortingKeepsTheBaselineFirstAndPutsTheBestNext() throws LogReadException {
        TrainingLog lr1e3 = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        TrainingLog lr3e3 = TrainingLogs.load(Samples.run("adamw_lr3e-3"));
        TrainingLog lightning = TrainingLogs.load(lightningCsv());
        Comparison c = Comparison.of(lightning, List.of(lr1e3, lr3e3), CompareOptions.defaults());
        assertThat(SortKey.parse("eval_loss.final", c).sort(c).rows())
                .extracting(ComparisonRow::run)
                .containsExactly("version_0", "adamw_lr3e-3", "adamw_lr1e-3");
        assertThat(SortKey.parse("metrics.loss.delta", c).sort(c).rows())
                .extracting(ComparisonRow::run)
                .containsExactly("version_0", "adamw_lr3e-3", "adamw_lr1e-3");
        assertThat(SortKey.parse("run", c).sort(c).rows())
                .extracting(ComparisonRow::run)
                .containsExactly("version_0", "adamw_lr1e-3", "adamw_lr3e-3");
        assertThatThrownBy(() -> SortKey.parse("eval_loss.median", c))
                .hasMessageStartingWith("'eval_loss.median' is not a key to sort by; expected one of run, model");
    }

    @Test
    void targetTextMustBeMetricEqualsNumber() {
        assertThat(Target.parse("eval_loss=1.9")).isEqualTo(new Target("eval_loss", 1.9));
        assertThat(Target.parse("eval/acc = 0.75")).isEqualTo(new Target("eval/acc", 0.75));
        assertThatThrownBy(() -> Target.parse("eval_loss"))
                .hasMessage("'eval_loss' is not METRIC=VALUE, e.g. eval_loss=1.9");
        assertThatThrownBy(() -> Target.parse("eval_loss=low")).hasMessage("'low' in 'eval_loss=low' is not a number");
        assertThatThrownBy(() -> Target.parse("eval_loss=NaN"))
                .hasMessage("'eval_loss=NaN' is not METRIC=VALUE with a finite VALUE");
    }

    @Test
    void seedPartsAreRemovedToFormTheGroupKey() {
        var p = CompareOptions.DEFAULT_GROUP_PATTERN;
        assertThat(SeedGroups.key("lr3e-3_seed1", p)).isEqualTo("lr3e-3");
        assertThat(SeedGroups.key("lr3e-3-seed-12", p)).isEqualTo("lr3e-3");
        assertThat(SeedGroups.key("seed7_lr3e-3", p)).isEqualTo("_lr3e-3");
        assertThat(SeedGroups.key("adamw_lr1e-3", p)).isEqualTo("adamw_lr1e-3");
    }

    @Test
    void aRecordWithoutAStepNeitherPushesOutTheStepBeforeItNorLendsItsPlaceToAGroupCurve() throws Exception {
        // Resumed at 20 from 30; the record between 10 and 20 gave no step (it is kept at 10, as a place).
        Path run = Files.createDirectories(tmp.resolve("output_models/m/runs/mixed_seed1"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 0.0, "global_step": 10, "loss": 4.0},
                {"timestamp": 1.0, "loss": 0.5},
                {"timestamp": 2.0, "global_step": 20, "loss": 3.0},
                {"timestamp": 3.0, "global_step": 30, "loss": 2.5},
                {"timestamp": 4.0, "global_step": 20, "loss": 3.5},
                {"timestamp": 5.0, "global_step": 30, "loss": 2.0}
                ]
                """);
        TrainingLog mixed = TrainingLogs.load(run);
        MetricPoints p = MetricPoints.of(mixed, "loss");
        // Step 10's own record stays; of 20 and 30 the later records win; 0.5 counts, without a step.
        assertThat(p.values).containsExactly(4.0, 0.5, 3.5, 2.0);
        assertThat(p.stepOf(0)).hasValue(10);
        assertThat(p.stepOf(1)).isEmpty();
        assertThat(p.lastStep()).hasValue(30);
        // Between 10 (4.0) and 20 (3.5): the record without a step is not a point at 10.
        assertThat(p.at(15).getAsDouble()).isCloseTo(3.75, within(EXACT));
        assertThat(MetricPoints.recordsWithoutStep(mixed, "loss").stream()).containsExactly(1);

        Comparison c =
                Comparison.of(mixed, List.of(mixed), CompareOptions.defaults().withTarget(Target.parse("loss=1")));
        MetricComparison loss = c.rows().get(0).metric("loss");
        assertThat(loss.best()).hasValue(0.5);
        assertThat(loss.bestStep()).isEmpty();
        TargetResult t = c.rows().get(0).target().orElseThrow();
        assertThat(t.step()).as("reached at the record without a step").isEmpty();
        assertThat(t.seconds()).hasValue(1.0);
        assertThat(Comparison.recordsWithoutStep(mixed, CompareOptions.defaults()))
                .isEqualTo(1);

        GroupCurve curve = GroupCurve.of("mixed", List.of(mixed), "loss", Band.STD, 0);
        assertThat(curve.steps()).containsExactly(10, 20, 30);
        assertThat(curve.mean()).containsExactly(4.0, 3.5, 2.0);
    }

    @Test
    void aLogWithoutStepsIsComparedByValueOnly() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("output_models/m/runs/nostep"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 0.0, "loss": 3.0},
                {"timestamp": 60.0, "loss": 2.0},
                {"timestamp": 120.0, "loss": 2.5}
                ]
                """);
        TrainingLog log = TrainingLogs.load(run);
        Comparison c =
                Comparison.of(log, List.of(log), CompareOptions.defaults().withTarget(Target.parse("loss=2")));
        MetricComparison loss = c.rows().get(1).metric("loss");
        assertThat(loss.finalValue()).hasValue(2.5);
        assertThat(loss.best()).hasValue(2.0);
        assertThat(loss.bestStep()).isEmpty();
        assertThat(loss.atBaselineEnd()).isEmpty();
        assertThat(c.baselineEndSteps().get("loss")).isEmpty();
        assertThat(c.rows().get(1).target().orElseThrow().step()).isEmpty();
        assertThat(c.rows().get(1).target().orElseThrow().seconds()).hasValue(60.0);
        assertThat(Comparison.recordsWithoutStep(log, CompareOptions.defaults()))
                .isEqualTo(3);
        assertThat(GroupCurve.of("nostep", List.of(log), "loss", Band.STD, 0).isEmpty())
                .isTrue();
    }
}
