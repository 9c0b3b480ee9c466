package dev.forgather.logs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The real sample runs of {@code ../shared/samples}. */
final class Samples {
    private Samples() {
    }

    static Path shared() {
        return Path.of(System.getProperty("shared.dir", "../../shared")).toAbsolutePath().normalize();
    }

    /** Copies a sample run's trainer_logs.json into {@code runDir}; returns the copy. */
    static Path copyLog(String run, Path runDir) throws IOException {
        Path source = shared().resolve("samples/forgather_project/output_models/tiny_gpt/runs").resolve(run)
                .resolve("trainer_logs.json");
        Path target = runDir.resolve("trainer_logs.json");
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        target.toFile().setWritable(true);
        return target;
    }
}
