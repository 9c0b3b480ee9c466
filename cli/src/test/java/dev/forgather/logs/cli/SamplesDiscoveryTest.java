package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.Shared;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(r.err()).isEmpty();
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
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        // The shared files' times depend on how they were copied: the order is not pinned here.
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Found 4 training log(s):");
        assertThat(lines.stream().filter(l -> l.matches("\\d+\\. .*")).map(l -> l.substring(l.indexOf(' ') + 1)))
                .containsExactlyInAnyOrder(
                        "adamw_lr1e-3 [tensorboard]",
                        "tiny_gpt/version_0 [lightning]",
                        "tiny_gpt/adamw_lr3e-3",
                        "tiny_gpt/adamw_lr1e-3");
        assertThat(lines.stream().filter(l -> l.startsWith("   Path: ")))
                .containsExactlyInAnyOrder(
                        "   Path: " + samples().resolve("tensorboard/tiny_gpt/adamw_lr1e-3"),
                        "   Path: " + samples().resolve("lightning/tiny_gpt/version_0/metrics.csv"),
                        "   Path: "
                                + samples()
                                        .resolve(
                                                "forgather_project/output_models/tiny_gpt/runs/adamw_lr3e-3/trainer_logs.json"),
                        "   Path: "
                                + samples()
                                        .resolve(
                                                "forgather_project/output_models/tiny_gpt/runs/adamw_lr1e-3/trainer_logs.json"));
        assertThat(lines.stream().filter(l -> l.startsWith("   Modified: ")))
                .hasSize(4)
                .allMatch(l -> l.matches("   Modified: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertThat(lines).hasSize(2 + 4 * 4);
    }
}
