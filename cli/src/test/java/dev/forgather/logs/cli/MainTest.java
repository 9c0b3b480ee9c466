package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @Test
    void logsAlonePrintsItsHelp() {
        Cli.Result alone = Cli.run("logs");
        Cli.Result help = Cli.run("logs", "--help");
        assertThat(alone.exitCode()).isZero();
        assertThat(alone.err()).isEmpty();
        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(alone.out())
                .isEqualTo(help.out())
                .startsWith("Usage: forgather logs [-hV] [COMMAND]\n")
                .contains(
                        "\n  list     List the project's training logs, newest first.\n",
                        "\n  summary  Print summary statistics of training runs: loss, eval loss, speed,\n",
                        "\n  plot     Plot training metrics of one or more runs to a PNG, SVG or PDF file.\n");
    }

    @Test
    void versionNamesTheTool() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .matches("(?s)forgather-logs \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n.*")
                .endsWith("\nJava " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                        + ")\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpListsTheGlobalOptions() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .isEqualTo("Usage: forgather [-hV] [-p=DIR] [-t=NAME] [COMMAND]\n"
                        + "Understand your training runs: list, summarise, check, plot, compare, export,\n"
                        + "report and watch the training logs of Forgather, Hugging Face, TensorBoard,\n"
                        + "Lightning and MLflow.\n"
                        + "  -h, --help              Show this help message and exit.\n"
                        + "  -p, --project-dir=DIR   Project directory whose output_models/ holds the runs\n"
                        + "                            (default: .).\n"
                        + "  -t, --config-template=NAME\n"
                        + "                          Configuration template; its name prefixes default\n"
                        + "                            plot file names.\n"
                        + "  -V, --version           Print version information and exit.\n"
                        + "Commands:\n"
                        + "  logs                 List, summarise, check, plot, compare, export, report\n"
                        + "                         and watch training logs.\n"
                        + "  generate-completion  Print a shell completion script for bash or zsh (see the\n"
                        + "                         README).\n"
                        + "\n"
                        + "Run 'forgather logs --help' for the log commands.\n");
    }

    @Test
    void helpListsShellCompletionAmongTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("\n  generate-completion  Print a shell completion script for bash or zsh");
    }

    @Test
    void helpNeverBreaksAFileNameAcrossLines() {
        for (String[] args : new String[][] {
            {"--help"},
            {"logs", "--help"},
            {"logs", "plot", "--help"},
            {"logs", "summary", "--help"},
            {"logs", "export", "--help"},
            {"logs", "check", "--help"},
            {"logs", "compare", "--help"},
            {"logs", "watch", "--help"},
            {"logs", "report", "--help"}
        }) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).isEmpty();
            // A word cut by the 80-column layout: "tmp/training_plot." at a line's end, "png" on the next.
            List<String> lines = r.out().lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                assertThat(lines.get(i).length()).isLessThanOrEqualTo(80);
                String next = lines.get(i + 1);
                boolean newRow = next.matches("^ {2}[a-z][-a-z]* {2,}.*"); // "  generate-completion  Print..."
                boolean cut =
                        lines.get(i).matches(".*[^ ][./<]$") && next.strip().matches("^[a-z(].*") && !newRow;
                assertThat(cut)
                        .as("'%s' then '%s'", lines.get(i), lines.get(i + 1))
                        .isFalse();
            }
        }
        Cli.Result logs = Cli.run("logs", "--help");
        assertThat(logs.exitCode()).isZero();
        assertThat(logs.err()).isEmpty();
        assertThat(logs.out())
                .contains("\nForgather: output_models/<model>/runs/<run>/trainer_logs.json under -p DIR.\n");
        Cli.Result plot = Cli.run("logs", "plot", "--help");
        assertThat(plot.exitCode()).isZero();
        assertThat(plot.err()).isEmpty();
        assertThat(plot.out()).contains("tmp/training_plot.png");
    }

    @Test
    void helpFollowsAnExportedTerminalWidthBetween80And120Columns() {
        assertThat(Main.helpWidth(null)).isEqualTo(80);
        assertThat(Main.helpWidth("100")).isEqualTo(100);
        assertThat(Main.helpWidth("40")).isEqualTo(80);
        assertThat(Main.helpWidth("300")).isEqualTo(120);
        assertThat(Main.helpWidth("wide")).isEqualTo(80);
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli.Result r = Cli.run("logs", "lsit");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: Unmatched argument at index 1: 'lsit'\n"
                        + "Try 'forgather logs --help' for more information.\n");
    }

    @Test
    void shellCompletionIsGenerated() {
        Cli.Result r = Cli.run("generate-completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash\n").contains("complete -F _complete_forgather", "one-line");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void onlyTheNamedLogCommandIsBuilt() {
        assertThat(logCommandsBuiltFor("-p", "demo", "-t", "x.yaml", "logs", "summary", "--all"))
                .containsExactly("summary");
        assertThat(logCommandsBuiltFor("--project-dir=demo", "logs", "plot", "--help"))
                .containsExactly("plot");
        assertThat(logCommandsBuiltFor("-pdemo", "logs", "list")).containsExactly("list");
        assertThat(logCommandsBuiltFor("logs", "export", "-o", "x.csv", "--format", "csv", "run"))
                .containsExactly("export");
        List<String> all = List.of("list", "summary", "plot", "export", "report", "watch", "check", "compare");
        assertThat(logCommandsBuiltFor("logs", "lsit")).containsExactlyElementsOf(all);
        assertThat(logCommandsBuiltFor("logs")).containsExactlyElementsOf(all);
        assertThat(logCommandsBuiltFor("--help")).containsExactlyElementsOf(all);
        assertThat(logCommandsBuiltFor("logs", "--help", "summary")).containsExactlyElementsOf(all);
        assertThat(logCommandsBuiltFor("-p")).containsExactlyElementsOf(all);
        assertThat(Main.commandLine().getSubcommands()).containsOnlyKeys("logs", "generate-completion");
        assertThat(Main.commandLine(new String[] {"logs", "list"}).getSubcommands())
                .containsOnlyKeys("logs");
    }

    private static List<String> logCommandsBuiltFor(String... args) {
        return List.copyOf(Main.commandLine(args)
                .getSubcommands()
                .get("logs")
                .getSubcommands()
                .keySet());
    }

    @Test
    void aCommandBuiltAloneRunsLikeTheFullTree(@TempDir java.nio.file.Path empty) {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        String[] args = {"-p", empty.toString(), "logs", "list"};
        var cli = Main.commandLine(args);
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute(args)).isZero();
        assertThat(out.toString())
                .isEqualTo("No training logs found.\nSearched in: " + empty.resolve("output_models") + "\n");
        assertThat(err.toString()).isEmpty();
    }
}
