package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.Shared;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Any folder, not only a Forgather project, is searched for runs of every format. */
class SamplesDiscoveryTest {
    private static Path samples() {
        return Shared.samples();
    }

    @Test
    void theSampleFolderHoldsForgatherTensorBoardAndLightningRunsEachOnce() throws IOException {
        Cli.Result r = Cli.run("-p", samples().toString(), "logs", "summary", "--all", "--format", "json");
        assertThat(r.exitCode()).isZero();
        Map<String, Map<String, String>> byPath = new java.util.LinkedHashMap<>();
        for (Map<String, String> run : SummaryCommandTest.parseArrayAll(r.out())) {
            byPath.put(run.get("format") + " " + run.get("run_name"), run);
        }
        assertThat(byPath)
                .containsOnlyKeys(
                        "forgather adamw_lr1e-3",
                        "forgather adamw_lr3e-3",
                        "tensorboard adamw_lr1e-3",
                        "lightning version_0");
        // The TensorBoard file is the same training as the Forgather log: same steps and eval losses.
        assertThat(byPath.get("tensorboard adamw_lr1e-3").get("best_eval_loss"))
                .isEqualTo(byPath.get("forgather adamw_lr1e-3").get("best_eval_loss"));
        assertThat(byPath.get("tensorboard adamw_lr1e-3").get("total_steps")).isEqualTo("1500");
    }

    @Test
    void listMarksRunsThatAreNotForgatherLogs() {
        Cli.Result r = Cli.run("-p", samples().toString(), "logs", "list");
        assertThat(r.out()).startsWith("Found 4 training log(s):").contains(" [tensorboard]\n", " [lightning]\n");
    }
}
