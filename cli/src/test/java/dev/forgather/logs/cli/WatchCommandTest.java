package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Watches;
import dev.forgather.logs.testing.Golden;
import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.Frame;
import dev.forgather.logs.watch.FrameRenderer;
import dev.forgather.logs.watch.ViewState;
import dev.forgather.logs.watch.WatchAxis;
import dev.forgather.logs.watch.WatchModel;
import dev.forgather.logs.watch.WatchSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WatchCommandTest extends InDemoProject {
    private static final Map<String, String> UTF8 = Map.of("LANG", "C.UTF-8", "TERM", "xterm-256color");

    /** {@code forgather -p <copy> logs watch args...} in process, with {@code env} as the environment. */
    private Cli.Result watch(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("-p", project.toString(), "logs", "watch"));
        all.addAll(List.of(args));
        CommandLine cli = Main.commandLine();
        WatchCommand command =
                cli.getSubcommands().get("logs").getSubcommands().get("watch").getCommand();
        command.env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(all.toArray(String[]::new));
        return new Cli.Result(code, out.toString(), err.toString().replace(project.toString(), "PROJECT"));
    }

    /** One frame of {@code watch args...}: the run succeeds quietly and its stdout is returned. */
    private String frame(Map<String, String> env, String... args) {
        Cli.Result r = watch(env, args);
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out();
    }

    private static void assertUsageError(Cli.Result r, String error) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(error + "Try 'forgather logs watch --help' for more information.\n");
    }

    private static Map<String, String> with(Map<String, String> env, String... keysAndValues) {
        Map<String, String> m = new HashMap<>(env);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void onceDrawsOneRunAtOneHundredByThirtyWithoutEscapes() {
        Cli.Result r = watch(UTF8, "--once", run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).doesNotContain("\u001b");
        assertThat(r.out().lines())
                .hasSize(30)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        Golden.of("cli").assertMatches("watch_adamw_lr1e-3.txt", r.out());
    }

    @Test
    void onceOverlaysSixRunsSmoothedAndPutsTheCutOffWarningOnStderr() {
        Cli.Result r = watch(UTF8, "--once", "--all", "--last", "6", "--smooth", "20");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err())
                .isEqualTo("warning: PROJECT/output_models/llama_1b/runs/killed_2026-01-22T08-15-00/"
                        + "trainer_logs.json: ignored the last 110 bytes, a record cut off mid-write (the run is still writing"
                        + " or was stopped); read 60 records\n");
        Golden.of("cli").assertMatches("watch_all_smooth20.txt", r.out());
    }

    @Test
    void columnsAndLinesSetTheSizeOfAFrame() {
        Cli.Result r = watch(
                with(UTF8, "COLUMNS", "60", "LINES", "14"),
                "--once",
                "--charset",
                "block",
                run("tiny_gpt/runs/adamw_lr3e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines())
                .hasSize(14)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
        Golden.of("cli").assertMatches("watch_block_60x14.txt", r.out());
    }

    @Test
    void dumbTerminalFallsBackToAscii() {
        Cli.Result r = watch(
                with(UTF8, "TERM", "dumb"),
                "--once",
                "--x-axis",
                "epoch",
                run("llama_1b/runs/baseline_2026-01-20T09-00-00"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).matches("\\A[\\x20-\\x7e\\n]*\\z");
        Golden.of("cli").assertMatches("watch_baseline_ascii_epoch.txt", r.out());
    }

    @Test
    void aLocaleThatIsNotUtf8FallsBackToAsciiAsDumbDoes() {
        String dumb = frame(with(UTF8, "TERM", "dumb"), "--once", run("tiny_gpt/runs/adamw_lr1e-3"));
        String latin =
                frame(Map.of("LANG", "de_DE.ISO-8859-1", "TERM", "xterm"), "--once", run("tiny_gpt/runs/adamw_lr1e-3"));
        String unset = frame(Map.of("TERM", "xterm"), "--once", run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(latin).isEqualTo(dumb).matches("\\A[\\x20-\\x7e\\n]*\\z");
        assertThat(unset).isEqualTo(dumb);
        String lcAll = frame(
                Map.of("LC_ALL", "en_US.utf8", "LANG", "C", "TERM", "xterm"),
                "--once",
                run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(lcAll).contains("\u2595");
    }

    @Test
    void refreshBelowAFifthOfASecondIsAUsageError() {
        Cli.Result r = watch(UTF8, "--once", "--refresh", "0.1", run("tiny_gpt/runs/adamw_lr1e-3"));
        assertUsageError(r, "error: --refresh must be at least 0.2 seconds, not 0.1\n");
        Golden.of("cli")
                .assertMatches(
                        "watch_adamw_lr1e-3.txt",
                        frame(UTF8, "--once", "--refresh", "0.2", run("tiny_gpt/runs/adamw_lr1e-3")));
    }

    @Test
    void moreThanNineRunsIsAUsageError() {
        List<String> args = new ArrayList<>(List.of("--once"));
        for (int i = 0; i < 10; i++) {
            args.add(run("tiny_gpt/runs/adamw_lr1e-3"));
        }
        Cli.Result r = watch(UTF8, args.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: 10 runs named; at most 9 can be watched at once\n");
        assertUsageError(watch(UTF8, "--once", "--all", "--last", "10"), "error: --last must be from 1 to 9, not 10\n");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertUsageError(
                watch(UTF8, "--once", "--charset", "emoji"),
                "error: Invalid value for option '--charset': 'emoji' is not a charset; expected one of braille,"
                        + " block, ascii\n");
        assertUsageError(
                watch(UTF8, "--once", "--x-axis", "wall"),
                "error: Invalid value for option '--x-axis': 'wall' is not an x axis; expected one of step, epoch,"
                        + " time\n");
        assertUsageError(watch(UTF8, "--once", "--smooth", "-1"), "error: --smooth must be 0 or more, got -1\n");
    }

    @Test
    void aMissingLogIsOneLineAndExitStatusOne() {
        Cli.Result r = watch(UTF8, "--once", project.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: PROJECT/nope: no such file\n");
    }

    @Test
    void withoutPathsTheNewestRunIsWatchedAndNamedOnStderr() {
        Cli.Result r = watch(UTF8, "--once");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err())
                .startsWith("Using latest log: PROJECT/output_models/llama_1b/runs/resumed_2026-01-23T10-00-00");
        assertThat(r.out()).startsWith(" forgather logs watch \u00B7 resumed_2026-01-23T10-00-00 \u00B7");
    }

    @Test
    void metricsChooseThePanels() {
        Cli.Result r = watch(UTF8, "--once", "--metrics", "grad_norm", run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(" Grad Norm vs Global Step").doesNotContain("Eval Loss vs");
    }

    @Test
    void noColorKeepsBoldAndFaintButDropsColour() {
        WatchSession session = Watches.session(
                List.of(Path.of(run("tiny_gpt/runs/adamw_lr1e-3"))),
                Optional.empty(),
                WatchModel.DEFAULT_METRICS,
                Clock.systemUTC());
        Frame frame = FrameRenderer.render(
                session.poll(), ViewState.start(10, false, WatchAxis.STEP), ChartCharset.BRAILLE, 100, 30);
        String coloured = TerminalLook.ansi(frame, TerminalLook.colour(Map.of()));
        String plain = TerminalLook.ansi(frame, TerminalLook.colour(Map.of("NO_COLOR", "1")));
        // tab10 blue, the first run's colour; bold (1) and faint (2) with or without colour.
        assertThat(coloured).contains("\u001b[0;1;38;2;31;119;180m\u25CF").contains("\u001b[0;2;38;2;31;119;180m");
        assertThat(plain).doesNotContain("38;").contains("\u001b[0;1m\u25CF").contains("\u001b[0;2m");
        assertThat(TerminalLook.colour(Map.of("NO_COLOR", ""))).isTrue();
        assertThat(plain.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(frame.plainText());
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(frame.plainText());
    }
}
