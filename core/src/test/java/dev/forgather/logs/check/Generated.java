package dev.forgather.logs.check;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forgather.logs.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Logs written at test time by {@code ../shared/tools/gen_trainer_log.py}; skipped without python3. */
final class Generated {
    private Generated() {}

    static Path script() {
        return Samples.shared().resolve("tools/gen_trainer_log.py");
    }

    /** Writes {@code out} with the generator's {@code args}; the test is skipped when it cannot run. */
    static Path log(Path out, String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(script()), "no " + script());
        List<String> command = new ArrayList<>(List.of("python3", script().toString(), out.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not available: " + e.getMessage());
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes());
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "the generator did not finish");
        if (process.exitValue() != 0) {
            throw new IOException("gen_trainer_log.py failed: " + output);
        }
        return out;
    }
}
