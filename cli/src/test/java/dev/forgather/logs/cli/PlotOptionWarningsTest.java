package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 8, item 12: plot options that would be dropped silently, or write somewhere odd, say so. */
class PlotOptionWarningsTest extends InDemoProject {
    private static final String A = "tiny_gpt/runs/adamw_lr1e-3";
    private static final String B = "tiny_gpt/runs/adamw_lr3e-3";

    private Path chart() {
        return tmp.resolve("chart.png");
    }

    private void assertPlotted(Cli.Result r, int runs) {
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Plotting " + runs + " training run(s)...\nPlot saved to: " + chart() + "\n");
        assertThat(chart()).isNotEmptyFile();
    }

    @Test
    void aPathAndComparePathsArePlottedTogether() {
        Cli.Result r = logs("plot", run(A), "--compare", run(B), "-o", chart().toString());
        assertPlotted(r, 2);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void metricsThatNoRunHasAreNamedWithTheAvailableOnes() {
        Cli.Result r = logs("plot", run(A), "--metrics", "lossx,grad_norm,acc", "-o", chart().toString());
        assertPlotted(r, 1);
        assertThat(r.err())
                .isEqualTo("warning: no run has 'lossx', 'acc'; available: eval_loss, eval_runtime, "
                        + "eval_samples_per_second, eval_steps_per_second, grad_norm, learning_rate, loss, total_flos, train_loss, "
                        + "train_runtime, train_samples_per_second, train_steps_per_second\n");
    }

    @Test
    void labelsOfTheWrongCountAreOneWarningNamingTheRuns() {
        Cli.Result fewer = logs("plot", run(A), run(B), "--labels", "AdamW", "-o", chart().toString());
        assertPlotted(fewer, 2);
        assertThat(fewer.err())
                .isEqualTo("warning: --labels gives 1 name for 2 runs (adamw_lr1e-3, adamw_lr3e-3); "
                        + "the others are named by their folders\n");
        Cli.Result more = logs("plot", run(A), "--labels", "AdamW", "Apollo", "-o", chart().toString());
        assertPlotted(more, 1);
        assertThat(more.err())
                .isEqualTo("warning: --labels gives 2 names for 1 run (adamw_lr1e-3); "
                        + "the extra names are not used\n");
    }

    @Test
    void valuesALogAxisCannotPlaceAreCountedPerMetric() {
        // The diverged run's learning rate decays to exactly 0 at its last step.
        Cli.Result r = logs(
                "plot",
                run("llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00"),
                "--log-scale",
                "-o",
                chart().toString());
        assertPlotted(r, 1);
        assertThat(r.err()).isEqualTo("warning: --log-scale: 1 value of learning_rate is 0 or less and not drawn\n");
    }

    @Test
    void anEmptyOrFolderOutputIsAUsageError() throws Exception {
        Cli.Result empty = logs("plot", run(A), "--output", "");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.out()).isEmpty();
        assertThat(empty.err())
                .isEqualTo("error: --output is empty: name a file\n"
                        + "Try 'forgather logs plot --help' for more information.\n");
        Path folder = Files.createDirectory(tmp.resolve("charts"));
        for (String given : new String[] {folder + "/", folder.toString(), tmp.resolve("new") + "/"}) {
            Cli.Result r = logs("plot", run(A), "-o", given);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .isEqualTo("error: -o " + given + " is a folder: name a file in it\n"
                            + "Try 'forgather logs plot --help' for more information.\n");
        }
        assertThat(folder).isEmptyDirectory();
        assertThat(tmp.resolve("new.png")).doesNotExist();
    }

    @Test
    void globalOptionsAfterTheCommandSayWhereTheyGo() {
        Cli.Result summary = Cli.run("logs", "summary", "-p", project.toString());
        assertThat(summary.exitCode()).isEqualTo(2);
        assertThat(summary.out()).isEmpty();
        assertThat(summary.err())
                .isEqualTo(
                        "error: -p is a global option: it goes before 'logs', as in "
                                + "'forgather -p DIR logs summary ...'\nTry 'forgather logs summary --help' for more information.\n");
        Cli.Result plot = Cli.run("logs", "plot", "-t", "my_config.yaml");
        assertThat(plot.exitCode()).isEqualTo(2);
        assertThat(plot.out()).isEmpty();
        assertThat(plot.err())
                .isEqualTo(
                        "error: -t is a global option: it goes before 'logs', as in "
                                + "'forgather -t NAME logs plot ...'\nTry 'forgather logs plot --help' for more information.\n");
    }

    @Test
    void aProjectFolderThatDoesNotExistSaysSo() {
        Path missing = tmp.resolve("no_such_project");
        for (String option : new String[] {"-p", "--project-dir"}) {
            Cli.Result r = Cli.run(option, missing.toString(), "logs", "summary");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .isEqualTo("error: " + option + " " + missing + ": no such directory\n"
                            + "Try 'forgather --help' for more information.\n");
        }
        Cli.Result list = Cli.run("-p", missing.toString(), "logs", "list");
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.out()).isEmpty();
        assertThat(list.err()).startsWith("error: -p " + missing + ": no such directory\n");
    }
}
