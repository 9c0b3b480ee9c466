package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Issue 8: no command's output can replace a training log, and outputs go where the user meant. */
class OutputSafetyTest extends InDemoProject {
    private static final String RUN = "tiny_gpt/runs/adamw_lr1e-3";

    private Path log(String run) {
        return project.resolve("output_models").resolve(run).resolve("trainer_logs.json");
    }

    private static void assertRefused(Cli.Result r, String option, Object output, String reason) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + option + " " + output + " " + reason + "\n");
    }

    @Test
    void aSummaryOntoTheLogOfTheRunItSummarisesIsRefused() throws IOException {
        Path log = log(RUN);
        byte[] before = Files.readAllBytes(log);
        Cli.Result r = logs("summary", run(RUN), "--output", log.toString());
        assertRefused(r, "--output", log, "is one of the logs being read");
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }

    @Test
    void aSummaryOfAllRunsOntoAnyLogOfTheProjectIsRefusedNamingTheOptionAsTyped() throws IOException {
        Path log = log("llama_1b/runs/baseline_2026-01-20T09-00-00");
        byte[] before = Files.readAllBytes(log);
        Cli.Result r = logs("summary", "--all", "-o", log.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        // The killed run's warning comes first: the logs are read before the output is checked.
        assertThat(r.err().lines().filter(l -> l.startsWith("error: ")))
                .containsExactly("error: -o " + log + " is one of the logs being read");
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }

    @Test
    void anExportOntoTheLogItExportsIsRefused() throws IOException {
        Path log = log(RUN);
        byte[] before = Files.readAllBytes(log);
        Cli.Result r = logs("export", run(RUN), "--format", "jsonl", "-o", log.toString());
        assertRefused(r, "-o", log, "is one of the logs being read");
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }

    @Test
    void anExportOfALightningRunOntoItsMetricsCsvIsRefused() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("lightning_run"));
        Path metrics = run.resolve("metrics.csv");
        Files.copy(Samples.shared().resolve("samples/lightning/tiny_gpt/version_0/metrics.csv"), metrics);
        byte[] before = Files.readAllBytes(metrics);
        Cli.Result r = logs("export", run.toString(), "-o", metrics.toString());
        assertRefused(r, "-o", metrics, "is one of the logs being read");
        assertThat(Files.readAllBytes(metrics)).isEqualTo(before);
    }

    @Test
    void anOutputReachingALogThroughDotDotASymlinkOrAHardLinkIsRefused() throws IOException {
        Path log = log(RUN);
        byte[] before = Files.readAllBytes(log);
        Path dotDot = log.getParent().resolve("../" + log.getParent().getFileName() + "/trainer_logs.json");
        assertRefused(
                logs("summary", run(RUN), "-o", dotDot.toString()), "-o", dotDot, "is one of the logs being read");

        Path symlink = Files.createSymbolicLink(tmp.resolve("summary.png"), log);
        assertRefused(logs("plot", run(RUN), "-o", symlink.toString()), "-o", symlink, "is one of the logs being read");

        Path hardLink = Files.createLink(tmp.resolve("copy.csv"), log);
        assertRefused(
                logs("export", run(RUN), "--output", hardLink.toString()),
                "--output",
                hardLink,
                "is one of the logs being read");
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
        assertThat(Files.isSymbolicLink(symlink)).isTrue();
    }

    @Test
    void anOutputThatIsALogOfAnotherRunOrFormatIsRefusedToo() throws IOException {
        Path other = log("tiny_gpt/runs/adamw_lr3e-3");
        assertRefused(
                logs("summary", run(RUN), "-o", other.toString()),
                "-o",
                other,
                "is a training log: refusing to overwrite it");
        Path events = Files.createDirectories(tmp.resolve("tb")).resolve("events.out.tfevents.1.host.2.0");
        Files.write(events, new byte[] {1, 2, 3});
        assertRefused(
                logs("summary", run(RUN), "-o", events.toString()),
                "-o",
                events,
                "is a training log: refusing to overwrite it");
        assertThat(events).hasBinaryContent(new byte[] {1, 2, 3});
    }

    @Test
    void writingTheSameSummaryAndExportAgainReplacesThem() throws IOException {
        // A JSON array of summaries and a CSV with a step column look like logs by their content;
        // only a trainer's file names, or the logs being read, are protected.
        Path json = tmp.resolve("results.json");
        Path csv = tmp.resolve("runs.csv");
        for (int i = 0; i < 2; i++) {
            Cli.Result summary = logs(
                    "summary", run(RUN), run("tiny_gpt/runs/adamw_lr3e-3"), "--format", "json", "-o", json.toString());
            assertThat(summary.exitCode()).isZero();
            assertThat(summary.err()).isEmpty();
            assertThat(summary.out()).isEqualTo("Summary written to: " + json + "\n");
            Cli.Result export = logs("export", run(RUN), "-o", csv.toString());
            assertThat(export.exitCode()).isZero();
            assertThat(export.err()).isEmpty();
            assertThat(export.out()).isEqualTo("Exported 479 rows from 1 run(s) to " + csv + "\n");
        }
        assertThat(Files.readString(json)).startsWith("[");
        assertThat(Files.readString(csv)).startsWith("run,model,format,step");
    }

    @Test
    void anOutputThroughASymlinkWritesTheLinksTargetAndKeepsTheLink() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("reports")).resolve("summary.md");
        Files.writeString(target, "old");
        Path link = Files.createSymbolicLink(tmp.resolve("latest.md"), Path.of("reports/summary.md"));
        Cli.Result r = logs("summary", run(RUN), "--format", "md", "-o", link.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Summary written to: " + link + "\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("reports/summary.md"));
        assertThat(Files.readString(target)).startsWith("# Training Run Summary");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aDanglingSymlinkCreatesItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("chart.svg"), tmp.resolve("charts/new.svg"));
        Cli.Result r = logs("plot", run(RUN), "-o", link.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Plotting 1 training run(s)...\nPlot saved to: " + link + "\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(tmp.resolve("charts/new.svg"))).contains("<svg");
    }

    @Test
    void aNewOutputIsNotAFileOfAnotherFolderWhenTheLinkIsRelative() throws IOException {
        // The link's target is relative to the link's folder, not to the working directory.
        Path folder = Files.createDirectories(tmp.resolve("a/b"));
        Files.writeString(folder.resolve("real.txt"), "old");
        Path link = Files.createSymbolicLink(folder.resolve("link.txt"), Path.of("real.txt"));
        Cli.Result r = logs("summary", run(RUN), "-o", link.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Summary written to: " + link + "\n");
        assertThat(Files.readString(folder.resolve("real.txt"))).startsWith("Training Run Summary");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.exists(Path.of("real.txt"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aFifoIsWrittenThroughNotReplaced() throws Exception {
        Path fifo = tmp.resolve("summary.fifo");
        Assumptions.assumeTrue(command("mkfifo", fifo.toString()) == 0, "mkfifo is not available");
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<String> read = reader.submit(() -> Files.readString(fifo));
        try {
            Cli.Result r = logs("summary", run(RUN), "--format", "one-line", "-o", fifo.toString());
            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo("Summary written to: " + fifo + "\n");
            assertThat(Files.isRegularFile(fifo))
                    .as("the FIFO was replaced by a file")
                    .isFalse();
            assertThat(read.get(10, TimeUnit.SECONDS))
                    .startsWith("adamw_lr1e-3")
                    .contains("steps=1500");
        } finally {
            if (!read.isDone() && !Files.isRegularFile(fifo)) {
                // The write never came: unblock the reader (read-write opens a FIFO without waiting).
                new RandomAccessFile(fifo.toFile(), "rw").close();
            }
            reader.shutdownNow();
        }
    }

    @Test
    void aDeviceIsWrittenThroughNotReplaced() throws Exception {
        // A copy of /dev/null made in the test's own folder: mknod needs root.
        Path device = tmp.resolve("null");
        Assumptions.assumeTrue(
                command("mknod", device.toString(), "c", "1", "3") == 0, "cannot make a device node here");
        Cli.Result r = logs("export", run(RUN), "--format", "csv", "-o", device.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Exported 479 rows from 1 run(s) to " + device + "\n");
        assertThat(Files.isRegularFile(device))
                .as("the device node was replaced by a file")
                .isFalse();
        assertThat(Files.readAttributes(device, BasicFileAttributes.class).isOther())
                .isTrue();
    }

    @Test
    void aWriteErrorOnADeviceIsAnErrorAndTheDeviceStays() throws Exception {
        // A copy of /dev/full: every write fails with "No space left on device".
        Path device = tmp.resolve("full");
        Assumptions.assumeTrue(
                command("mknod", device.toString(), "c", "1", "7") == 0, "cannot make a device node here");
        Cli.Result r = logs("summary", run(RUN), "-o", device.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + device + ": cannot write: no space left on device\n");
        assertThat(Files.readAttributes(device, BasicFileAttributes.class).isOther())
                .isTrue();
    }

    private static int command(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
