package dev.forgather.logs;

import dev.forgather.logs.testing.Shared;
import java.nio.file.Path;

/** Where the real sample logs of {@code ../shared/samples} are. */
public final class Samples {
    private Samples() {}

    /** The shared folder beside the repository. */
    public static Path shared() {
        return Shared.dir();
    }

    /** A run folder of the sample forgather project: {@code adamw_lr1e-3} or {@code adamw_lr3e-3}. */
    public static Path run(String name) {
        return Shared.sampleRun(name);
    }

    /** The {@code trainer_logs.json} of a sample run. */
    public static Path log(String name) {
        return Shared.sampleLog(name);
    }
}
