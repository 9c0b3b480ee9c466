package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project with every kind of broken run: each gets one clear line, and the good runs still count. */
class RobustnessTest {
    @TempDir
    Path project;

    private Path run(String name) throws IOException {
        return Files.createDirectories(project.resolve("output_models/m/runs").resolve(name));
    }

    @Test
    void brokenRunsAreReportedOneLineEachAndTheOthersSummarised() throws IOException {
        Path good = Samples.copyLog("adamw_lr1e-3", run("good"));
        Samples.copyLog("adamw_lr3e-3", run("rün_日本"));
        Files.createFile(run("empty").resolve("trainer_logs.json"));
        Files.writeString(run("no_records").resolve("trainer_logs.json"), "[]");
        Files.writeString(run("not_json").resolve("trainer_logs.json"), "loss: 1.0\n");
        Files.createDirectories(run("dir_named_like_a_log").resolve("trainer_logs.json"));
        run("no_log_yet");
        Files.createSymbolicLink(run("loop").resolve("again"), project.resolve("output_models"));

        Cli.Result r = Cli.run("-p", project.toString(), "logs", "summary", "--all", "--format", "one-line");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines())
                .containsExactlyInAnyOrder(
                        "error: " + project.resolve("output_models/m/runs/empty/trainer_logs.json") + ": empty file",
                        "error: " + project.resolve("output_models/m/runs/not_json/trainer_logs.json")
                                + ": line 1, column 1: not a JSON array");
        assertThat(r.out()).contains("good ", "rün_日本 ", "no_records ");
        assertThat(r.out().lines()).hasSize(2 + 3);
        assertThat(good).exists();
    }

    @Test
    void aLogOfAnotherUsersRunThatCannotBeOpenedIsReported() throws Exception {
        Path log = Samples.copyLog("adamw_lr1e-3", run("private"));
        Unprivileged.require(project);
        Unprivileged.lock(log);
        try {
            Cli.Result r = Unprivileged.run(project, "logs", "summary", log.toString());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("error: " + log + ": permission denied\n");
        } finally {
            Unprivileged.unlock(log);
        }
    }

    @Test
    void runsThatCannotBeOpenedAreNamedInOneWarningByListAndAll() throws Exception {
        Samples.copyLog("adamw_lr1e-3", run("good"));
        Path locked = run("locked");
        Samples.copyLog("adamw_lr3e-3", locked);
        Path otherModel = Files.createDirectories(project.resolve("output_models/other/runs"));
        Samples.copyLog("adamw_lr3e-3", Files.createDirectories(otherModel.resolve("r")));
        Unprivileged.require(project);
        Unprivileged.lock(locked);
        Unprivileged.lock(otherModel);
        try {
            String warning = "warning: 2 run folders could not be opened: "
                    + project.resolve("output_models/m/runs/locked") + " (permission denied), "
                    + project.resolve("output_models/other/runs") + " (permission denied)\n";
            Cli.Result list = Unprivileged.run(project, "-p", project.toString(), "logs", "list");
            assertThat(list.exitCode()).isZero();
            assertThat(list.err()).isEqualTo(warning);
            assertThat(list.out()).startsWith("Found 1 training log(s):").contains("m/good");

            Cli.Result all =
                    Unprivileged.run(project, "-p", project.toString(), "logs", "summary", "--all", "--format", "json");
            assertThat(all.exitCode()).isZero();
            assertThat(all.err()).isEqualTo(warning);
            assertThat(all.out()).contains("\"run_name\": \"good\"");
        } finally {
            Unprivileged.unlock(locked);
            Unprivileged.unlock(otherModel);
        }
    }

    @Test
    void aFifoGivenAsALogIsRefusedAtOnce() throws Exception {
        Path fifo = run("live").resolve("trainer_logs.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo works here").isZero();

        for (Path given : new Path[] {fifo, fifo.getParent()}) {
            // Opening a FIFO waits for a writer: a reader that tries would never return.
            Cli.Result r = assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> Cli.run("logs", "summary", given.toString()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("error: " + fifo + ": not a regular file\n");
        }
    }

    @Test
    void aSocketGivenAsALogIsRefused() throws Exception {
        Path socket = run("socket").resolve("events.out.tfevents.1.host");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Cli.Result r = assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> Cli.run("logs", "summary", socket.toString()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("error: " + socket + ": not a regular file\n");
        }
    }

    @Test
    void aTensorBoardRunOfGitLfsPointersSaysToRunGitLfsPull() {
        // A real Hugging Face run folder as committed to a model repository: cloned without
        // git-lfs, each event file is a 130-byte pointer.
        Path run = Samples.shared().resolve("real-world/tensorboard/hf-runs-lfs-pointers/runs/Dec30_05-50-47_ficino");
        Cli.Result r = Cli.run("logs", "summary", run.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: " + run.resolve("events.out.tfevents.1672375864.ficino.2745717.0")
                        + ": a Git LFS pointer: run git lfs pull\n");
    }

    @Test
    void anEventFileOfRandomBytesIsNotATensorBoardEventFile() throws IOException {
        Path file = run("random").resolve("events.out.tfevents.1700000000.host.1.0");
        byte[] noise = new byte[4096];
        new java.util.Random(8).nextBytes(noise);
        Files.write(file, noise);
        Cli.Result r = Cli.run("logs", "summary", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + file + ": not a TensorBoard event file\n");
    }

    @Test
    void aRunDirectoryThatCannotBeOpenedSaysPermissionDenied() throws Exception {
        Path dir = run("locked");
        Samples.copyLog("adamw_lr1e-3", dir);
        Unprivileged.require(project);
        Unprivileged.lock(dir);
        try {
            Cli.Result r = Unprivileged.run(project, "logs", "summary", dir.toString());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            // It used to say: no trainer_logs.json in this run directory.
            assertThat(r.err()).isEqualTo("error: " + dir + ": permission denied\n");
        } finally {
            Unprivileged.unlock(dir);
        }
    }

    @Test
    void aPathGivenOnTheCommandLineThatIsNotValidUtf8Opens() throws Exception {
        // Real bytes end to end: bash makes the run folder 'r\xffn' and passes its name in argv,
        // as a shell would; Java decodes the 0xff as U+FFFD, which names no file.
        Path sample = Samples.shared().resolve("samples/forgather_project/output_models/tiny_gpt/runs/adamw_lr1e-3");
        String script =
                "set -e; run=\"$BASE/$(printf 'r\\377n')\"; mkdir \"$run\"; cp \"$SAMPLE/trainer_logs.json\" \"$run/\";"
                        + " exec \"$JAVA\" -cp \"$CP\" dev.forgather.logs.cli.Main logs summary --format one-line \"$run\"";
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script);
        bash.environment().put("BASE", project.toString());
        bash.environment().put("SAMPLE", sample.toString());
        bash.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        bash.environment().put("CP", System.getProperty("java.class.path"));
        bash.environment().put("LC_ALL", "C.UTF-8");
        bash.redirectErrorStream(false);
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(err).isZero();
        assertThat(err).isEmpty();
        assertThat(out).isEqualTo("r\uFFFDn | steps=1500 | time=00:22 | loss=1.7338 | eval=1.5631 | samp/s=2171.0\n");
    }
}
