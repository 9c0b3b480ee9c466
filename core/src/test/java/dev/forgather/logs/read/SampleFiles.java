package dev.forgather.logs.read;

import dev.forgather.logs.testing.Shared;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The real logs in {@code shared/samples}: one training (tiny_gpt, AdamW, lr 1e-3, 1500 steps)
 * logged by the Forgather trainer, the Hugging Face trainer state and TensorBoard, a second
 * Forgather run (lr 3e-3), and a Lightning run.
 */
final class SampleFiles {
    private SampleFiles() {}

    static Path samples() {
        return Shared.samples();
    }

    /** The Forgather run folder {@code name} (holds trainer_logs.json and trainer_state.json). */
    static Path forgatherRun(String name) {
        return samples()
                .resolve("forgather_project/output_models/tiny_gpt/runs")
                .resolve(name);
    }

    static Path tensorBoardRun() {
        return samples().resolve("tensorboard/tiny_gpt/adamw_lr1e-3");
    }

    static Path tensorBoardFile() {
        return tensorBoardRun().resolve("events.out.tfevents.1795564393.vm.567.0");
    }

    static Path lightningMetrics() {
        return samples().resolve("lightning/tiny_gpt/version_0/metrics.csv");
    }

    /** The MLflow fixture run in src/test/resources/mlruns. */
    static Path mlflowRun() {
        try {
            return Paths.get(SampleFiles.class
                    .getResource("/mlruns/412503217750286131/6c1d5e2a9b7f4e0c8a3d2f1e0b9c8d7a")
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
