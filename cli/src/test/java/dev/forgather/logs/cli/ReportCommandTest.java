package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportCommandTest extends InDemoProject {
    private Cli.Result report(String... args) {
        return logs("report", args);
    }

    /** A report of {@code runs} runs was written to {@code out}, with {@code err} on stderr. */
    private static void assertWritten(Cli.Result r, int runs, Path out, String err) {
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Report of " + runs + " run(s) written to: " + out + "\n");
        assertThat(r.err()).isEqualTo(err);
    }

    @Test
    void allRunsGiveOneSelfContainedFileUnderTwoMegabytes() throws IOException {
        Path out = tmp.resolve("out/report.html");
        Cli.Result r = report("--all", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Report of 6 run(s) written to: " + out + "\n");
        // The killed run's torn record is noted, as summary notes it.
        assertThat(r.err()).isEqualTo(killedWarning());
        String html = Files.readString(out);
        assertThat(Files.size(out)).isLessThan(2_000_000);
        int csp = html.indexOf(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-");
        assertThat(csp).isPositive().isLessThan(html.indexOf("<script"));
        assertThat(html).doesNotContain("http://", "https://cdn", "src=\"http", "<link ");
        assertThat(html)
                .contains(
                        "<title>Training report</title>",
                        "llama_1b/resumed_2026-01-23T10-00-00",
                        "tiny_gpt/adamw_lr1e-3",
                        "/*! https://github.com/leeoniya/uPlot (v1.6.30) */");
    }

    @Test
    void theSameRunsGiveTheSameBytes() throws IOException {
        Path first = tmp.resolve("first.html");
        Path second = tmp.resolve("second.html");
        assertWritten(report("--all", "-o", first.toString()), 6, first, killedWarning());
        assertWritten(report("--all", "-o", second.toString()), 6, second, killedWarning());
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void everyRunCarriesLogsChecksVerdictAndFindingsWithoutClockTimes() throws IOException {
        Path out = tmp.resolve("checked.html");
        assertWritten(report("--all", "-o", out.toString()), 6, out, killedWarning());
        String html = Files.readString(out);
        // The demo's NaN run fails, the spiky baseline warns, the resumed run gets its rollback note.
        assertThat(html)
                .contains(
                        "<td class=\"verdict failed\">failed</td>",
                        "<td class=\"verdict warning\">warning</td>",
                        "non-finite loss: 21 NaN values",
                        "spike in loss",
                        "rollback in global_step");
        // stalled judges a log by the clock; the report holds no clock times, so it is left out.
        assertThat(html).doesNotContain("stalled:", "has not changed for");
    }

    @Test
    void severalRunsAreComparedWithTheFirstAsLogsCompareDoes() throws IOException {
        String a = run("tiny_gpt/runs/adamw_lr1e-3");
        String b = run("tiny_gpt/runs/adamw_lr3e-3");
        Path out = tmp.resolve("compared.html");
        assertWritten(report(a, b, "-o", out.toString()), 2, out, "");
        String html = Files.readString(out);
        // The same numbers as the text table of `logs compare` (CompareCommandTest checks those).
        Cli.Result compare = logs("compare", a, b);
        assertThat(compare.exitCode()).isZero();
        assertThat(compare.err()).isEmpty();
        assertThat(compare.out()).contains("-12.91%", "-13.77%");
        assertThat(html).contains("-12.91%", "-13.77%", "1.5058", "1.3478 @ 1500");

        Path single = tmp.resolve("single.html");
        assertWritten(report(a, "-o", single.toString()), 1, single, "");
        assertThat(Files.readString(single)).doesNotContain("-12.91%");
    }

    @Test
    void titleNamesThePage() throws IOException {
        Path out = tmp.resolve("t.html");
        Cli.Result r = report(run("tiny_gpt/runs/adamw_lr1e-3"), "--title", "Sweep <3>", "-o", out.toString());
        assertWritten(r, 1, out, "");
        assertThat(Files.readString(out)).contains("<title>Sweep &lt;3&gt;</title>", "<h1>Sweep &lt;3&gt;</h1>");
    }

    @Test
    void aLogThatCannotBeReadIsNamedAndTheOthersStillReported() throws IOException {
        Path bad = tmp.resolve("bad/trainer_logs.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "{\"not\": \"a list\"}");
        Path out = tmp.resolve("r.html");
        Cli.Result r = report(run("tiny_gpt/runs/adamw_lr1e-3"), bad.toString(), "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + bad + ": line 1, column 1: not a JSON array\n");
        assertThat(r.out()).isEqualTo("Report of 1 run(s) written to: " + out + "\n");
        assertThat(Files.readString(out)).contains("tiny_gpt");
    }

    @Test
    void aLogIsNeverOverwritten() throws IOException {
        Path log = Path.of(run("tiny_gpt/runs/adamw_lr1e-3")).resolve("trainer_logs.json");
        byte[] before = Files.readAllBytes(log);
        Cli.Result r = report(log.toString(), "-o", log.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: -o " + log + " is one of the logs being read\n");
        assertThat(r.out()).isEmpty();
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }

    @Test
    void anOutputIsRequired() {
        Cli.Result r = report("--all");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: Missing required option: '--output=FILE'\n"
                        + "Try 'forgather logs report --help' for more information.\n");
    }
}
