package dev.forgather.logs.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.compare.Reference.Point;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.testing.Sweep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedGroupComparisonTest {
    private static final double TARGET = 1.45;

    @TempDir
    static Path tmp;

    static List<Path> runs;
    static List<TrainingLog> logs;

    @BeforeAll
    static void generate() throws IOException, InterruptedException, LogReadException {
        runs = Sweep.generate(tmp);
        logs = new ArrayList<>();
        for (Path run : runs) {
            logs.add(TrainingLogs.load(run));
        }
    }

    private static Comparison grouped() {
        // Interleaved on purpose: groups keep the order of their first member.
        List<TrainingLog> others = List.of(logs.get(3), logs.get(1), logs.get(4), logs.get(2), logs.get(5));
        return Comparison.of(
                logs.get(0),
                others,
                CompareOptions.defaults()
                        .withGroups(CompareOptions.DEFAULT_GROUP_PATTERN)
                        .withTarget(new Target("loss", TARGET)));
    }

    private static List<Map<String, Double>> records(int run) {
        return Reference.forgatherRecords(runs.get(run).resolve("trainer_logs.json"));
    }

    private static void assertNumber(OptionalDouble actual, double expected, String what) {
        assertThat(actual).as(what).isPresent();
        assertThat(actual.getAsDouble()).as(what).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }

    /** The median with a run that never got there counting as later than any; null when that is the median. */
    private static Double medianNeverLast(Double... values) {
        double[] xs = Arrays.stream(values)
                .mapToDouble(v -> v == null ? Double.POSITIVE_INFINITY : v)
                .sorted()
                .toArray();
        int mid = xs.length / 2;
        double m = xs.length % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
        return Double.isInfinite(m) ? null : m;
    }

    @Test
    void eachGroupIsOneRowWithItsMembers() {
        Comparison c = grouped();
        assertThat(c.grouped()).isTrue();
        assertThat(c.rows()).extracting(ComparisonRow::run).containsExactly("lr1e-3", "lr3e-3");
        assertThat(c.rows().get(0).runs()).containsExactly("lr1e-3_seed1", "lr1e-3_seed2", "lr1e-3_seed3");
        assertThat(c.rows().get(1).runs()).containsExactly("lr3e-3_seed1", "lr3e-3_seed2", "lr3e-3_seed3");
        assertThat(c.rows()).extracting(ComparisonRow::n).containsExactly(3, 3);
        assertThat(c.rows()).extracting(ComparisonRow::baseline).containsExactly(true, false);
        assertThat(c.rows()).allSatisfy(r -> {
            assertThat(r.model()).hasValue("sweep");
            assertThat(r.format()).hasValue("forgather");
            assertThat(r.path()).isEmpty();
        });
    }

    @Test
    void everyNumberIsTheMeanOverTheMembersAndTheSpreadTheirSampleStd() {
        Comparison c = grouped();
        for (String metric : List.of("loss", "eval_loss")) {
            List<List<Point>> points = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                points.add(Reference.forgatherPoints(records(i), metric));
            }
            // The shortest baseline member (seed 3, 800 steps) decides where at_baseline_end is taken.
            long end = Math.min(
                    points.get(0).get(points.get(0).size() - 1).step(),
                    Math.min(
                            points.get(1).get(points.get(1).size() - 1).step(),
                            points.get(2).get(points.get(2).size() - 1).step()));
            assertThat(end).isEqualTo(800);
            assertNumber(c.baselineEndSteps().get(metric), end, metric + " end step");
            double[] groupFinals = new double[2];
            for (int g = 0; g < 2; g++) {
                double[] finals = new double[3];
                double[] bests = new double[3];
                double[] bestSteps = new double[3];
                List<Double> atEnd = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    List<Point> p = points.get(3 * g + k);
                    finals[k] = Reference.finalValue(p);
                    Point best = Reference.best(p, false);
                    bests[k] = best.value();
                    bestSteps[k] = best.step();
                    Double at = Reference.at(p, end);
                    if (at != null) {
                        atEnd.add(at);
                    }
                }
                MetricComparison m = c.rows().get(g).metric(metric);
                String what = metric + " of group " + g;
                groupFinals[g] = Reference.mean(finals);
                assertNumber(m.finalValue(), groupFinals[g], what + " final");
                assertNumber(m.finalStd(), Reference.sampleStd(finals), what + " final_std");
                assertNumber(m.best(), Reference.mean(bests), what + " best");
                assertNumber(m.bestStep(), Reference.mean(bestSteps), what + " best_step");
                assertNumber(
                        m.atBaselineEnd(),
                        atEnd.stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElseThrow(),
                        what + " at_baseline_end");
            }
            // The diverged seed stops at step 290: it has no value at 800, and the group's mean is over the two others.
            assertThat(Reference.at(points.get(5), end)).isNull();
            MetricComparison other = c.rows().get(1).metric(metric);
            assertNumber(other.delta(), groupFinals[1] - groupFinals[0], metric + " delta");
            assertNumber(
                    other.deltaPct(),
                    100 * (groupFinals[1] - groupFinals[0]) / Math.abs(groupFinals[0]),
                    metric + " delta_pct");
            assertThat(c.rows().get(0).metric(metric).delta()).hasValue(0);
        }
        assertNumber(c.rows().get(0).steps(), (1000 + 1000 + 800) / 3.0, "mean steps");
    }

    @Test
    void theTargetIsTheMembersMedianWithNeverCountingAsLast() {
        Comparison c = grouped();
        double[] medianSeconds = new double[2];
        for (int g = 0; g < 2; g++) {
            Double[] steps = new Double[3];
            Double[] seconds = new Double[3];
            int never = 0;
            for (int k = 0; k < 3; k++) {
                List<Map<String, Double>> records = records(3 * g + k);
                Point reached = Reference.firstAtOrBelow(Reference.forgatherPoints(records, "loss"), TARGET);
                if (reached == null) {
                    never++;
                } else {
                    steps[k] = (double) reached.step();
                    seconds[k] = reached.time() - records.get(0).get("timestamp");
                }
            }
            TargetResult t = c.rows().get(g).target().orElseThrow();
            assertThat(t.never()).hasValue(never);
            assertNumber(t.step(), medianNeverLast(steps), "median step of group " + g);
            medianSeconds[g] = medianNeverLast(seconds);
            assertNumber(t.seconds(), medianSeconds[g], "median seconds of group " + g);
        }
        // The diverged seed never gets there, so the group's median is its slower finishing seed.
        assertThat(c.rows().get(1).target().orElseThrow().never()).hasValue(1);
        assertNumber(c.rows().get(1).target().orElseThrow().speedup(), medianSeconds[0] / medianSeconds[1], "speedup");
    }

    @Test
    void throughputIsTheRatioOfTheGroupMeans() {
        Comparison c = grouped();
        double[] sps = new double[6];
        for (int i = 0; i < 6; i++) {
            List<Map<String, Double>> records = records(i);
            sps[i] = records.get(records.size() - 1).get("train_samples_per_second");
        }
        double a = Reference.mean(sps[0], sps[1], sps[2]);
        double b = Reference.mean(sps[3], sps[4], sps[5]);
        assertNumber(c.rows().get(0).samplesPerSecond(), a, "baseline throughput");
        assertNumber(c.rows().get(1).throughputRatio(), b / a, "throughput ratio");
    }

    @Test
    void anotherPatternFoldsOtherRuns() {
        // Folding the learning rate away instead leaves one group per seed.
        Comparison c = Comparison.of(
                logs.get(0),
                logs.subList(1, 6),
                CompareOptions.defaults().withGroups(java.util.regex.Pattern.compile("lr\\de-3_")));
        assertThat(c.rows()).extracting(ComparisonRow::run).containsExactly("seed1", "seed2", "seed3");
        assertThat(c.rows().get(0).runs()).containsExactly("lr1e-3_seed1", "lr3e-3_seed1");
        // A group of one has no spread.
        Comparison single = Comparison.of(
                logs.get(0),
                List.of(logs.get(3)),
                CompareOptions.defaults().withGroups(CompareOptions.DEFAULT_GROUP_PATTERN));
        assertThat(single.rows().get(0).metric("loss").finalStd()).isEmpty();
        assertThat(single.rows().get(0).n()).isEqualTo(1);
    }
}
