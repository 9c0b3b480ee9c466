package dev.forgather.logs.plot;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.testing.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real sample runs from the shared folder, and small logs written on the spot. */
final class TestLogs {
    private TestLogs() {}

    /** {@code tiny_gpt/adamw_lr1e-3}: 150 training records every 10 steps, 6 evaluations, each written twice. */
    static TrainingLog lr1e3() {
        return sample("adamw_lr1e-3");
    }

    /** {@code tiny_gpt/adamw_lr3e-3}: the same model at three times the learning rate. */
    static TrainingLog lr3e3() {
        return sample("adamw_lr3e-3");
    }

    static TrainingLog sample(String run) {
        return load(Shared.sampleRun(run));
    }

    /** Writes {@code records} (JSON objects) as {@code <dir>/output_models/<model>/runs/<run>/trainer_logs.json}. */
    static TrainingLog write(Path dir, String model, String run, List<String> records) {
        Path runDir =
                dir.resolve("output_models").resolve(model).resolve("runs").resolve(run);
        return writeFile(runDir.resolve("trainer_logs.json"), records);
    }

    /** Writes {@code records} (JSON objects) as the log {@code file} and loads it. */
    static TrainingLog writeFile(Path file, List<String> records) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "[\n" + String.join(",\n", records) + "\n]\n");
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrainingLog load(Path path) {
        try {
            return TrainingLogs.load(path);
        } catch (LogReadException e) {
            throw new IllegalStateException(e);
        }
    }
}
