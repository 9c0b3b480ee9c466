package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.Shared;
import org.junit.jupiter.api.Test;

/** Runs that share a name are told apart the same way by summary, compare and check. */
class CollidingNamesTest {
    private static String forgatherRun() {
        return Shared.sampleRun("adamw_lr1e-3").toString();
    }

    /** The same training as a TensorBoard file: run adamw_lr1e-3 with no model folder. */
    private static String tensorBoardRun() {
        return Shared.samples().resolve("tensorboard/tiny_gpt/adamw_lr1e-3").toString();
    }

    @Test
    void textSummariesOfTwoRun1FoldersNameTheFolderWhereTheyPart() {
        Cli.Result r = Cli.run(
                "logs",
                "summary",
                Shared.realWorld().resolve("tensorboard/tbreducer-strict/run_1").toString(),
                Shared.realWorld()
                        .resolve("tensorboard/tbreducer-dup-steps/run_1")
                        .toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().filter(l -> l.startsWith("Run: ")))
                .containsExactly("Run: tbreducer-strict/run_1", "Run: tbreducer-dup-steps/run_1");
    }

    @Test
    void aSingleRunKeepsItsOwnName() {
        Cli.Result r = Cli.run("logs", "summary", tensorBoardRun());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("\nRun: adamw_lr1e-3\n");
    }

    @Test
    void compareRowsAndBaselineOfTwoSameNamedRunsAreToldApartByModel() {
        Cli.Result r = Cli.run("logs", "compare", forgatherRun(), tensorBoardRun());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().map(l -> l.split(" ")[0]).toList())
                .containsSubsequence("tiny_gpt/adamw_lr1e-3", "adamw_lr1e-3", "Baseline:");
        assertThat(r.out()).contains("\nBaseline: tiny_gpt/adamw_lr1e-3. ");
    }

    @Test
    void checkVerdictsOfTwoSameNamedRunsAreToldApartByModel() {
        Cli.Result r = Cli.run("logs", "check", forgatherRun(), tensorBoardRun());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("tiny_gpt/adamw_lr1e-3: healthy\nadamw_lr1e-3: healthy\n");
    }
}
