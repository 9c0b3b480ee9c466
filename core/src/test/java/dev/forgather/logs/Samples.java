package dev.forgather.logs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real sample logs of {@code ../shared/samples} are. */
public final class Samples {
    private Samples() {
    }

    /** The shared folder beside the repository (surefire passes it as {@code shared.dir}). */
    public static Path shared() {
        String configured = System.getProperty("shared.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../shared");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../shared");
        }
        return dir.toAbsolutePath().normalize();
    }

    /** A run folder of the sample forgather project: {@code adamw_lr1e-3} or {@code adamw_lr3e-3}. */
    public static Path run(String name) {
        return shared().resolve("samples/forgather_project/output_models/tiny_gpt/runs").resolve(name);
    }

    /** The {@code trainer_logs.json} of a sample run. */
    public static Path log(String name) {
        return run(name).resolve("trainer_logs.json");
    }
}
