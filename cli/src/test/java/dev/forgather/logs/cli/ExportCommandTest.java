package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.DuckDb;
import dev.forgather.logs.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExportCommandTest extends InDemoProject {
    private Cli.Result export(String... args) {
        return logs("export", args);
    }

    @Test
    void csvOfOneRunMatchesItsGolden() throws IOException {
        Path out = tmp.resolve("out/runs.csv");
        Cli.Result r = export(run("tiny_gpt/runs/adamw_lr1e-3"), "--format", "csv", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Exported 479 rows from 1 run(s) to " + out + "\n");
        Golden.of("cli").assertMatches("export_adamw_lr1e-3.csv", Files.readString(out));
    }

    @Test
    void jsonLinesOfTheDivergedRunFlagsItsNaNs() throws IOException {
        Path out = tmp.resolve("diverged.jsonl");
        Cli.Result r = export(run("llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00"), "-o", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Exported 160 rows from 1 run(s) to " + out + "\n");
        Golden.of("cli").assertMatches("export_diverged.jsonl", Files.readString(out));
        assertThat(Files.readAllLines(out))
                .filteredOn(l -> l.contains("\"nonfinite\":\"NaN\""))
                .hasSize(21 + 21 + 5)
                .allMatch(l -> l.contains("\"value\":null"));
    }

    @Test
    void allRunsToParquetOpenInDuckDbWithTheRightCounts() throws Exception {
        Path out = tmp.resolve("out.parquet");
        Cli.Result r = export("--all", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Exported 1684 rows from 6 run(s) to " + out + "\n");
        // The killed run's torn record is noted, as summary notes it.
        assertThat(r.err()).isEqualTo(killedWarning());
        List<String> counts = DuckDb.rows("SELECT metric, count(*), count(*) FILTER (WHERE isnan(value)) FROM '" + out
                + "' WHERE metric IN ('loss', 'eval_loss') GROUP BY 1 ORDER BY 1");
        assertThat(counts).containsExactly("eval_loss | 50 | 5", "loss | 493 | 21");
    }

    @Test
    void wideCsvHasAColumnPerMetric() throws IOException {
        Path out = tmp.resolve("wide.csv");
        Cli.Result r = export(run("tiny_gpt/runs/adamw_lr3e-3"), "--wide", "-o", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Exported 157 rows from 1 run(s) to " + out + "\n");
        assertThat(r.err()).isEmpty();
        assertThat(Files.readAllLines(out).get(0))
                .startsWith("run,model,format,step,epoch,time,loss,grad_norm,learning_rate,eval_loss");
    }

    @Test
    void withoutPathsTheNewestLogIsExportedAndNamedOnStderr() {
        Path out = tmp.resolve("latest.jsonl");
        Cli.Result r = export("-o", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err())
                .isEqualTo("Using latest log: "
                        + project.resolve("output_models/llama_1b/runs/resumed_2026-01-23T10-00-00/trainer_logs.json")
                        + "\n\n");
        assertThat(r.out()).isEqualTo("Exported 197 rows from 1 run(s) to " + out + "\n");
        assertThat(out).exists();
    }

    @Test
    void outputIsRequired() {
        Cli.Result r = export(run("tiny_gpt/runs/adamw_lr1e-3"), "--format", "csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: Missing required option: '--output=FILE'\n"
                        + "Try 'forgather logs export --help' for more information.\n");
    }

    @Test
    void anUnknownFormatOrExtensionIsAUsageError() {
        Cli.Result unknown =
                export("--format", "xlsx", "-o", tmp.resolve("a.xlsx").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err())
                .isEqualTo("error: Invalid value for option '--format': 'xlsx' is not a format; "
                        + "expected one of csv, jsonl, parquet\n"
                        + "Try 'forgather logs export --help' for more information.\n");
        Cli.Result noExtension = export("-o", tmp.resolve("runs").toString());
        assertThat(noExtension.exitCode()).isEqualTo(2);
        assertThat(noExtension.out()).isEmpty();
        assertThat(noExtension.err())
                .isEqualTo("error: cannot tell the format of " + tmp.resolve("runs")
                        + " from its extension; give --format csv|jsonl|parquet\n"
                        + "Try 'forgather logs export --help' for more information.\n");
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void aBadLogIsReportedAndTheOthersAreStillExported() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("runs/empty")).resolve("trainer_logs.json");
        Files.writeString(empty, "");
        Path out = tmp.resolve("some.csv");
        Cli.Result r = export(empty.toString(), run("tiny_gpt/runs/adamw_lr1e-3"), "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + empty + ": empty file\n");
        assertThat(r.out()).isEqualTo("Exported 479 rows from 1 run(s) to " + out + "\n");
    }

    @Test
    void anUnwritableOutputIsOneErrorLineAndLeavesNoFile() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("taken.csv"));
        Cli.Result r = export(run("tiny_gpt/runs/adamw_lr1e-3"), "-o", folder.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + folder + ": cannot write: is a directory\n");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("demo", "taken.csv");
        }
    }
}
