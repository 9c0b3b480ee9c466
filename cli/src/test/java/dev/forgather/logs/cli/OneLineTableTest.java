package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.format.DisplayText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line table stays a table for any run name: columns counted as a terminal draws them. */
class OneLineTableTest {
    @TempDir
    Path project;

    private void run(String name) throws IOException {
        Samples.copyLog(
                "adamw_lr1e-3",
                Files.createDirectories(project.resolve("output_models/m/runs").resolve(name)));
    }

    @Test
    void wideNamesPipesAndLineBreaksKeepEveryColumnInPlace() throws IOException {
        run("plain");
        run("训练_日本語_🚀_run");
        run("a|b");
        run("two\nlines");
        run("🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀"); // 32 columns: cut to 30, never half an emoji

        Cli.Result r = Cli.run("-p", project.toString(), "logs", "summary", "--all", "--format", "one-line");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2 + 5);
        assertThat(r.out())
                .contains("训练_日本語_🚀_run ", "a\\|b ", "two\\nlines ", "🚀".repeat(15) + " |")
                .doesNotContain("?");
        // Every row's first separator sits in the same terminal column as the header's.
        int column = DisplayText.width(lines.get(0).substring(0, lines.get(0).indexOf(" | ")));
        assertThat(column).isEqualTo(30);
        for (String line : lines.subList(2, lines.size())) {
            int bar = line.indexOf(" | ");
            assertThat(DisplayText.width(line.substring(0, bar))).as(line).isEqualTo(column);
        }
    }
}
