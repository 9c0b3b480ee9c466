package dev.forgather.logs.report;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The repository's demo runs, read where they lie, and long runs made on the spot. */
final class DemoRuns {
    /** The demo runs, oldest first. */
    static final List<String> RUNS = List.of(
            "tiny_gpt/runs/adamw_lr1e-3",
            "tiny_gpt/runs/adamw_lr3e-3",
            "llama_1b/runs/baseline_2026-01-20T09-00-00",
            "llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00",
            "llama_1b/runs/killed_2026-01-22T08-15-00",
            "llama_1b/runs/resumed_2026-01-23T10-00-00");

    private DemoRuns() {}

    static Path project() {
        String configured = System.getProperty("repo.dir");
        return Path.of(configured != null ? configured : "..")
                .toAbsolutePath()
                .normalize()
                .resolve("demo");
    }

    static TrainingLog load(String run) {
        try {
            return TrainingLogs.load(project().resolve("output_models").resolve(run));
        } catch (LogReadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every demo run, oldest first. */
    static List<TrainingLog> all() {
        List<TrainingLog> logs = new ArrayList<>();
        for (String run : RUNS) {
            logs.add(load(run));
        }
        return logs;
    }

    /**
     * A run of {@code records} training records, one per step, with a loss spike to 50 at
     * {@code spikeStep}, a learning rate and a grad norm, and an evaluation every 1,000 steps,
     * as {@code gen_trainer_log.py --log-every 1 --eval-every 1000} writes them.
     */
    static TrainingLog synthetic(int records, long spikeStep) {
        TrainingLogBuilder b = new TrainingLogBuilder();
        b.reserve(records + records / 1000 + 1);
        int loss = b.metric("loss");
        int gradNorm = b.metric("grad_norm");
        int learningRate = b.metric("learning_rate");
        for (int i = 1; i <= records; i++) {
            b.beginRecord();
            b.step(i);
            b.epoch((double) i / records);
            b.timestamp(1_700_000_000 + 0.25 * i);
            double noise = ((i * 2654435761L) % 1000) / 1000.0;
            b.value(loss, i == spikeStep ? 50 : 2 + 3.0 * Math.exp(-i / (records / 10.0)) + 0.2 * noise);
            b.value(gradNorm, 0.3 + 0.1 * noise);
            b.value(learningRate, 1e-3 * Math.min(1, i / (records * 0.15)));
            b.endRecord();
            if (i % 1000 == 0) {
                b.beginRecord();
                b.step(i);
                b.epoch((double) i / records);
                b.timestamp(1_700_000_000 + 0.25 * i + 0.1);
                b.value("eval_loss", 2 + 3.0 * Math.exp(-i / (records / 10.0)));
                b.value("eval_runtime", 3.5 + noise);
                b.value("eval_samples_per_second", 900 + 100 * noise);
                b.endRecord();
            }
        }
        return b.build(
                Path.of("synthetic", "runs", "long", "trainer_logs.json"),
                new RunName(Optional.of("synthetic"), "long"),
                LogFormat.FORGATHER);
    }
}
