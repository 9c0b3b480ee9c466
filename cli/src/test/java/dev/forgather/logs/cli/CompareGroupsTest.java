package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.Golden;
import dev.forgather.logs.testing.Sweep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logs compare --group} on a generated three-seed sweep. */
class CompareGroupsTest {
    @TempDir
    static Path tmp;

    static List<String> runs;

    @BeforeAll
    static void generate() throws IOException, InterruptedException {
        runs = Sweep.generate(tmp).stream().map(Path::toString).toList();
    }

    private static Cli.Result compare(List<String> paths, String... options) {
        return Cli.logs("compare", paths, options);
    }

    @Test
    void seedGroupsAsMeanPlusMinusStd() {
        // --group right before the runs: they are runs, not its pattern.
        Cli.Result r = compare(runs, "--target", "loss=1.45", "--group");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("compare_groups.txt", r.out());
        assertThat(r.out()).contains("lr1e-3  3  933.3  1.3838 ± 0.0179").contains("1/3");
    }

    @Test
    void seedGroupsAsJson() throws IOException {
        Cli.Result r = compare(runs, "--target", "loss=1.45", "--group", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("compare_groups.json", r.out());
        List<Map<String, Object>> rows = CompareCommandTest.parseArray(r.out());
        assertThat(rows.get(0).keySet())
                .containsExactly(
                        "run",
                        "runs",
                        "n",
                        "model",
                        "path",
                        "format",
                        "baseline",
                        "steps",
                        "samples_per_second",
                        "throughput_ratio",
                        "config",
                        "metrics",
                        "target");
        assertThat(rows).extracting(row -> row.get("run")).containsExactly("lr1e-3", "lr3e-3");
        assertThat(rows).extracting(row -> row.get("n")).containsExactly(3L, 3L);
        assertThat(rows.get(1).get("runs")).isEqualTo(List.of("lr3e-3_seed1", "lr3e-3_seed2", "lr3e-3_seed3"));
        assertThat(rows.get(0).get("path")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> loss =
                (Map<String, Object>) ((Map<String, Object>) rows.get(1).get("metrics")).get("loss");
        assertThat(loss).containsKey("final_std");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) rows.get(1).get("target");
        assertThat(target.get("never")).isEqualTo(1L);
    }

    @Test
    void anotherPatternIsGivenWithAnEqualsSign() {
        Cli.Result r = compare(runs, "--group=lr\\de-3_", "--format", "csv");
        assertThat(r.exitCode()).isZero();
        assertThat(Cli.firstColumn(r.out())).containsExactly("seed1", "seed2", "seed3");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void runsOfOneGroupOnlyAreAUsageError() {
        Cli.Result r = compare(runs.subList(0, 3), "--group");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: the runs form one group only (lr1e-3): give runs of at least two groups, "
                        + "or another --group=REGEX\nTry 'forgather logs compare --help' for more information.\n");
    }
}
