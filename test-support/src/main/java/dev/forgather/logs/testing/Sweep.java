package dev.forgather.logs.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A three-seed sweep of two learning rates, generated at test time with the shared
 * {@code gen_trainer_log.py}: {@code lr1e-3_seed1..3} (seed 3 stopped at step 800) and
 * {@code lr3e-3_seed1..3} (seed 3 diverged to NaN at step 300). Tests that need it are skipped
 * where python3 is missing.
 */
public final class Sweep {
    public static final List<String> RUNS =
            List.of("lr1e-3_seed1", "lr1e-3_seed2", "lr1e-3_seed3", "lr3e-3_seed1", "lr3e-3_seed2", "lr3e-3_seed3");

    private Sweep() {}

    /** Writes the sweep under {@code root/output_models/sweep/runs/}; returns the run folders in {@link #RUNS} order. */
    public static List<Path> generate(Path root) throws IOException, InterruptedException {
        Path tool = Shared.logGenerator();
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < RUNS.size(); i++) {
            String name = RUNS.get(i);
            Path run = root.resolve("output_models/sweep/runs").resolve(name);
            int seed = i + 1;
            List<String> command = new ArrayList<>(List.of(
                    "python3",
                    tool.toString(),
                    run.resolve("trainer_logs.json").toString(),
                    "--steps",
                    name.equals("lr1e-3_seed3") ? "800" : "1000",
                    "--log-every",
                    "10",
                    "--eval-every",
                    "100",
                    "--seed",
                    Integer.toString(seed),
                    "--peak-lr",
                    name.startsWith("lr1e-3") ? "1e-3" : "3e-3",
                    "--start-time",
                    "1700000000"));
            if (name.equals("lr3e-3_seed3")) {
                command.addAll(List.of("--nan-at", "300"));
            }
            run(command);
            runs.add(run);
        }
        return runs;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is needed to generate the sweep: " + e.getMessage());
            return;
        }
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "the generator did not finish");
        if (process.exitValue() != 0) {
            throw new IOException("gen_trainer_log.py failed: " + command);
        }
    }
}
