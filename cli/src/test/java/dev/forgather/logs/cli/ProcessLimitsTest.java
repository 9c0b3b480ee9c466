package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: what a user sees when the process itself is limited: the umask, the heap, a full disk. */
class ProcessLimitsTest {
    @TempDir
    Path tmp;

    private static String run(String name) {
        return DemoProject.repository()
                .resolve("demo/output_models/tiny_gpt/runs")
                .resolve(name)
                .toString();
    }

    @Test
    void aNewOutputFileHonoursTheUmaskAndAReplacedOneKeepsItsMode() throws Exception {
        Path fresh = tmp.resolve("fresh.txt");
        Cli.Result r = Forked.run(
                tmp, "umask 027;", List.of(), null, "logs", "summary", run("adamw_lr1e-3"), "-o", fresh.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Summary written to: " + fresh + "\n");
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));

        Path shared = Files.writeString(tmp.resolve("shared.txt"), "old");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
        r = Forked.run(
                tmp, "umask 077;", List.of(), null, "logs", "summary", run("adamw_lr1e-3"), "-o", shared.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Summary written to: " + shared + "\n");
        assertThat(r.err()).isEmpty();
        assertThat(shared).content().startsWith("Training Run Summary");
        assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(PosixFilePermissions.fromString("rw-rw-r--"));
    }

    @Test
    void aFullStandardOutputIsAnError() throws Exception {
        File full = new File("/dev/full");
        Assumptions.assumeTrue(full.exists() && full.canWrite(), "no /dev/full here");
        Cli.Result r = Forked.run(tmp, "", List.of(), full, "logs", "summary", run("adamw_lr1e-3"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out())
                .as("standard output is /dev/full, not the file Forked reads back")
                .isEmpty();
        assertThat(r.err()).isEqualTo("error: cannot write to standard output: No space left on device\n");
    }

    @Test
    void logsTooBigForTheHeapGetOneLineEachFromEveryLoadingThread() throws Exception {
        Path a = bigLog(tmp.resolve("a"));
        Path b = bigLog(tmp.resolve("b"));
        long mb = (Files.size(a) + (1 << 20) - 1) >> 20;
        // Two processors: the two logs load in parallel, each on its own thread.
        Cli.Result r = Forked.run(
                tmp,
                "",
                List.of("-Xmx24m", "-XX:ActiveProcessorCount=2"),
                null,
                "logs",
                "summary",
                a.toString(),
                b.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: not enough memory to read " + a + " (" + mb
                        + " MB); raise the limit with FORGATHER_JAVA_OPTS=-Xmx1g\n"
                        + "error: not enough memory to read " + b + " (" + mb
                        + " MB); raise the limit with FORGATHER_JAVA_OPTS=-Xmx1g\n");
    }

    @Test
    void runningOutOfMemoryWhileDrawingIsOneLineToo() throws Exception {
        // A 300 dpi chart is a 3600×2400 image: 35 MB, more than this heap.
        Cli.Result r = Forked.run(
                tmp,
                "",
                List.of("-Xmx40m"),
                null,
                "logs",
                "plot",
                run("adamw_lr1e-3"),
                "-o",
                tmp.resolve("chart.png").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("Plotting 1 training run(s)...\n");
        assertThat(r.err()).isEqualTo("error: not enough memory; raise the limit with FORGATHER_JAVA_OPTS=-Xmx1g\n");
        assertThat(tmp.resolve("chart.png")).doesNotExist();
    }

    /** A 60 MB log of 500,000 records: its columns need more than 40 MB. */
    private static Path bigLog(Path run) throws IOException {
        Path log = Files.createDirectories(run).resolve("trainer_logs.json");
        try (BufferedWriter w = Files.newBufferedWriter(log)) {
            w.write("[\n");
            int n = 500_000;
            for (int i = 0; i < n; i++) {
                w.write("{\"timestamp\": 1769500000.5, \"global_step\": " + i
                        + ", \"epoch\": 0.25, \"loss\": 2.5, \"grad_norm\": 0.3, \"learning_rate\": 0.001}"
                        + (i < n - 1 ? ",\n" : "\n"));
            }
            w.write("]\n");
        }
        return log;
    }
}
