package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListCommandTest {
    @TempDir
    Path tmp;

    @Test
    void listsEveryRunNewestFirstWithPathAndLocalTime() throws IOException {
        Path project = DemoProject.copyTo(Files.createDirectory(tmp.resolve("demo")));
        Cli.Result r = Cli.run("-p", project.toString(), "logs", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        // surefire runs this module with user.timezone=UTC, so local time is UTC here.
        Golden.of("cli").assertMatches("list_demo.txt", r.out().replace(project.toString(), "PROJECT"));
    }

    @Test
    void noLogsIsNotAnError() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Cli.Result r = Cli.run("-p", empty.toString(), "logs", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("No training logs found.\nSearched in: " + empty.resolve("output_models") + "\n");
        assertThat(r.err()).isEmpty();
    }
}
