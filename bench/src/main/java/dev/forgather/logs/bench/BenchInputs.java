package dev.forgather.logs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark logs: made by {@code ../shared/tools/gen_trainer_log.py} with fixed seeds, the
 * first time a benchmark asks, and kept on disk under {@code bench/target/bench-data} so that
 * later runs and forks reuse them. Never committed.
 *
 * <p>Every log has the shape of the 1,000,000-record benchmark log of issue 4 ({@code --log-every 1
 * --eval-every 1000 --seed 7}), cut to {@code steps} steps: a training record per step, an
 * evaluation every 1000 steps and the final record. The system properties {@code bench.generator}
 * and {@code bench.data} override where the generator and the logs are.
 */
public final class BenchInputs {
    private BenchInputs() {}

    /** The log of {@code steps} training steps, made now unless it is already on disk. */
    public static Path log(int steps) {
        Path file = dataFolder().resolve("steps_" + steps + "_seed_7.json");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        List<String> command = new ArrayList<>(List.of(
                "python3",
                generator().toString(),
                partial.toString(),
                "--steps",
                Integer.toString(steps),
                "--log-every",
                "1",
                "--eval-every",
                "1000",
                "--seed",
                "7"));
        try {
            Files.createDirectories(file.getParent());
            // The generator's output goes to our stderr, so a failure explains itself in JMH's log.
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException("gen_trainer_log.py exited with " + status + ": " + command);
            }
            // Written under another name and moved: a fork killed mid-write leaves no short log behind.
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making " + file, e);
        }
        return file;
    }

    private static Path dataFolder() {
        String configured = System.getProperty("bench.data");
        if (configured != null) {
            return Path.of(configured);
        }
        // Run from the repository root (java -jar bench/target/benchmarks.jar) or from bench/.
        Path bench = Files.isDirectory(Path.of("bench", "src")) ? Path.of("bench") : Path.of(".");
        return bench.resolve("target").resolve("bench-data").toAbsolutePath().normalize();
    }

    private static Path generator() {
        String configured = System.getProperty("bench.generator");
        if (configured != null) {
            return Path.of(configured);
        }
        for (String candidate :
                List.of("../shared/tools/gen_trainer_log.py", "../../shared/tools/gen_trainer_log.py")) {
            Path path = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        throw new IllegalStateException("cannot find gen_trainer_log.py in ../shared/tools from "
                + Path.of("").toAbsolutePath() + "; pass -Dbench.generator=PATH");
    }
}
