package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs watch} in a real terminal: a tmux pane runs it as a user would, the test writes to
 * the log, and reads the screen with {@code capture-pane}. Skipped where tmux is not installed
 * ({@code apt-get install -y tmux}; {@code .ci/run} installs it).
 */
class WatchTerminalTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration UPDATE = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    private Path log;
    private String session;

    @BeforeEach
    void tmuxAndALiveLog() throws IOException {
        assumeTrue(tmuxWorks(), "tmux is not installed");
        log = tmp.resolve("project/output_models/gpt/runs/live/trainer_logs.json");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "[\n" + records(10, 100));
        session = "forgather-watch-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void killTheSession() throws Exception {
        if (session != null) {
            run("tmux", "kill-session", "-t", session);
        }
    }

    private static String records(long from, long to) {
        StringBuilder sb = new StringBuilder();
        for (long s = from; s <= to; s += 10) {
            if (s > from) {
                sb.append(",\n");
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "{\"timestamp\": %.3f, \"global_step\": %d, \"epoch\": %s, \"loss\": %s,"
                            + " \"learning_rate\": 0.001}",
                    System.currentTimeMillis() / 1000.0 - (1000 - s) * 0.01,
                    s,
                    s / 1000.0,
                    2.0 + 10.0 / s));
        }
        return sb.toString();
    }

    @Test
    void followsTheLogRedrawsOnResizeAndLeavesTheTerminalAsItWasOnQ() throws Exception {
        start();
        String first = waitForScreen(s -> s.contains("live  live    100"), START);
        // Box-drawing characters as themselves, not the DEC line-drawing set's x and m.
        assertThat(first)
                .contains("forgather logs watch \u00B7 live")
                .contains("Loss vs Global Step")
                .contains("\u2595");

        Files.writeString(log, ",\n" + records(110, 250), StandardOpenOption.APPEND);
        waitForScreen(s -> s.contains("live  live    250"), UPDATE);

        run("tmux", "resize-window", "-t", session, "-x", "80", "-y", "24");
        String resized = waitForScreen(
                s -> s.lines()
                        .anyMatch(l -> l.startsWith(" Loss vs Global Step      ") && l.indexOf("Eval Loss") == 41),
                UPDATE);
        assertThat(resized.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));

        run("tmux", "send-keys", "-t", session, "q");
        assertThat(waitForFile(tmp.resolve("rc"))).isEqualTo("0");
        assertThat(Files.readString(tmp.resolve("after"))).isEqualTo(Files.readString(tmp.resolve("before")));
        String after = screen();
        assertThat(after).contains("MARKER").doesNotContain("Loss vs Global Step");
    }

    @Test
    void ctrlCExitsWith130AndRestoresTheTerminal() throws Exception {
        start();
        waitForScreen(s -> s.contains("live  live    100"), START);
        run("tmux", "send-keys", "-t", session, "C-c");
        assertThat(waitForFile(tmp.resolve("rc"))).isEqualTo("130");
        assertThat(Files.readString(tmp.resolve("after"))).isEqualTo(Files.readString(tmp.resolve("before")));
        assertThat(screen()).contains("MARKER").doesNotContain("Loss vs Global Step");
    }

    @Test
    void followsTheSimulatedTrainerThroughAResumeThatRewritesTheLog() throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 is not installed");
        Files.delete(log);
        Path simulator = DemoProject.repository().resolve("demo/simulate-training.py");
        Process trainer = new ProcessBuilder(
                        "python3",
                        simulator.toString(),
                        tmp.resolve("project").toString(),
                        "--model",
                        "gpt",
                        "--run",
                        "live",
                        "--steps",
                        "400",
                        "--interval",
                        "0.15",
                        "--resume-at",
                        "250",
                        "--checkpoint-every",
                        "100",
                        "--pause",
                        "1.5")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("trainer.out").toFile())
                .start();
        try {
            waitForFileToExist(log);
            start();
            // The trainer stops at 250 for 1.5 s, then resumes from its checkpoint at 200, rewriting
            // the log: the table goes back to the 200s, then on to the end.
            waitForScreen(s -> s.contains("live  live    250"), START);
            waitForScreen(s -> s.matches("(?s).*live  live    2[0-4]0.*"), UPDATE);
            String done = waitForScreen(s -> s.contains("live  finished   400"), UPDATE.multipliedBy(4));
            assertThat(done).doesNotContain("error:");
            assertThat(Files.readString(tmp.resolve("trainer.out")))
                    .contains("crashed at step 250; resuming from checkpoint 200");
        } finally {
            trainer.destroy();
        }
        run("tmux", "send-keys", "-t", session, "q");
        assertThat(waitForFile(tmp.resolve("rc"))).isEqualTo("0");
    }

    private void waitForFileToExist(Path file) throws InterruptedException {
        long end = System.nanoTime() + START.toNanos();
        while (!Files.exists(file) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    /** Starts a shell in a 100x30 pane that records stty before and after watch, and watch's exit status. */
    private void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = tmp.resolve("run.sh");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "cd " + quote(tmp.toString()),
                        "echo MARKER",
                        "stty -g > before",
                        "LANG=C.UTF-8 " + quote(java) + " -cp " + quote(System.getProperty("java.class.path"))
                                + " dev.forgather.logs.cli.Main -p project logs watch --refresh 0.3",
                        // stty first: the test reads both files once rc appears.
                        "status=$?",
                        "stty -g > after",
                        "echo $status > rc.tmp && mv rc.tmp rc",
                        "sleep 600",
                        ""),
                StandardCharsets.UTF_8);
        run("tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", "bash " + quote(script.toString()));
    }

    private String screen() throws Exception {
        return run("tmux", "capture-pane", "-p", "-t", session);
    }

    private String waitForScreen(Predicate<String> ready, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        String s = screen();
        while (!ready.test(s)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the screen did not show what was expected within " + limit + ":\n" + s);
            }
            Thread.sleep(100);
            s = screen();
        }
        return s;
    }

    private String waitForFile(Path file) throws Exception {
        long end = System.nanoTime() + UPDATE.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("watch did not exit; the screen:\n" + screen());
            }
            Thread.sleep(100);
        }
        return Files.readString(file).strip();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean tmuxWorks() {
        try {
            return new ProcessBuilder("tmux", "-V")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(String... command) throws Exception {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
