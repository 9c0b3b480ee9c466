package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run the launcher records its class archive from. */
class ArchiveTrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandOfTheTrainingSucceedsOnTheDemoAndLeavesNothingBehind() throws IOException {
        Path project = DemoProject.copyTo(dir.resolve("demo"));
        List<Path> before = files(project);
        List<Path> scratchBefore = scratchFolders();

        // A command that failed would leave its classes out of the archive, silently: each must succeed.
        assertThat(ArchiveTraining.run(project)).isEmpty();

        assertThat(files(project)).as("nothing written into the project").isEqualTo(before);
        assertThat(scratchFolders()).as("the plot's temporary folder is gone").isEqualTo(scratchBefore);
    }

    @Test
    void aProjectWithoutRunsFailsEveryCommandThatNeedsALog() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String p = "-p " + empty + " logs ";

        // list finds no runs and says so, with exit status 0; the others have no log to read.
        assertThat(ArchiveTraining.run(empty))
                .hasSize(5)
                .allSatisfy(line -> assertThat(line).startsWith(p).endsWith(": exit status 1"))
                .noneSatisfy(line -> assertThat(line).startsWith(p + "list"));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().toList();
        }
    }

    private static List<Path> scratchFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("forgather-archive-"))
                    .sorted()
                    .toList();
        }
    }
}
