package dev.forgather.logs.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find what lies outside a module: the repository's root and the project's shared
 * folder beside it ({@code ../shared}: sample logs, real-world logs, tools), which tests read in
 * place and never copy into the repository. Surefire passes both as {@code repo.dir} and
 * {@code shared.dir}; run from an IDE, they are found from the working directory. A missing
 * shared folder fails the test with one line that says where it was looked for.
 */
public final class Shared {
    private Shared() {}

    /** The repository's root: {@code repo.dir}, else the nearest folder up holding {@code mvnw}. */
    public static Path repository() {
        String configured = System.getProperty("repo.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository (a folder with mvnw and pom.xml) above "
                + Path.of("").toAbsolutePath() + "; set -Drepo.dir");
    }

    /** The shared folder: {@code shared.dir}, else {@code ../shared} beside the repository. */
    public static Path dir() {
        String configured = System.getProperty("shared.dir");
        Path dir = configured != null ? Path.of(configured) : repository().resolve("../shared");
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("samples"))) {
            throw new IllegalStateException("the shared folder with samples/ is not at " + dir
                    + ": the tests read ../shared beside the repository (or -Dshared.dir=DIR)");
        }
        return dir;
    }

    /** {@code shared/samples}: logs of real training runs made for this project. */
    public static Path samples() {
        return dir().resolve("samples");
    }

    /** {@code shared/real-world}: logs from other people's public repositories (see its PROVENANCE.md). */
    public static Path realWorld() {
        return dir().resolve("real-world");
    }

    /** A run folder of the sample Forgather project: {@code adamw_lr1e-3} or {@code adamw_lr3e-3}. */
    public static Path sampleRun(String name) {
        return samples()
                .resolve("forgather_project/output_models/tiny_gpt/runs")
                .resolve(name);
    }

    /** The {@code trainer_logs.json} of a sample run. */
    public static Path sampleLog(String name) {
        return sampleRun(name).resolve("trainer_logs.json");
    }

    /** {@code shared/tools/gen_trainer_log.py}, which writes big or odd logs. */
    public static Path logGenerator() {
        return dir().resolve("tools/gen_trainer_log.py");
    }
}
