package dev.forgather.logs.cli;

import dev.forgather.logs.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The real sample runs of {@code ../shared/samples}. */
final class Samples {
    private Samples() {}

    /** The shared folder beside the repository. */
    static Path shared() {
        return Shared.dir();
    }

    /** Copies a sample run's trainer_logs.json into {@code runDir}; returns the copy. */
    static Path copyLog(String run, Path runDir) throws IOException {
        Path source = Shared.sampleLog(run);
        Path target = runDir.resolve("trainer_logs.json");
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        target.toFile().setWritable(true);
        return target;
    }
}
