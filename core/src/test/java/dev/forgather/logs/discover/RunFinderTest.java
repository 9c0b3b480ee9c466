package dev.forgather.logs.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.RunName;
import dev.forgather.logs.read.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFinderTest {
    @TempDir
    Path project;

    private final RunFinder finder = new RunFinder(List.of(LogFormat.FORGATHER));

    private Path log(String model, String run, long modifiedMillis) throws Exception {
        Path file = project.resolve("output_models")
                .resolve(model)
                .resolve("runs")
                .resolve(run)
                .resolve("trainer_logs.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[]");
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
        return file;
    }

    @Test
    void findsEveryRunNewestFirst() throws Exception {
        log("gpt", "old", 1_000_000);
        log("gpt", "new", 3_000_000);
        log("llama", "middle", 2_000_000);
        List<LogFile> found = finder.find(project);
        assertThat(found).extracting(LogFile::runName).containsExactly("new", "middle", "old");
        assertThat(found).extracting(f -> f.modelName().orElseThrow()).containsExactly("gpt", "llama", "gpt");
    }

    @Test
    void equalTimesAreOrderedByPath() throws Exception {
        log("m", "b", 1_000_000);
        log("m", "a", 1_000_000);
        assertThat(finder.find(project)).extracting(LogFile::runName).containsExactly("a", "b");
    }

    @Test
    void runFoldersWithoutALogAndDirectoriesNamedLikeALogArePassedOver() throws Exception {
        log("m", "good", 1_000_000);
        Files.createDirectories(project.resolve("output_models/m/runs/empty"));
        Files.createDirectories(project.resolve("output_models/m/runs/odd/trainer_logs.json"));
        assertThat(finder.find(project)).extracting(LogFile::runName).containsExactly("good");
    }

    @Test
    void aProjectWithoutOutputModelsHasNoLogs() {
        assertThat(finder.find(project)).isEmpty();
    }

    @Test
    void pathsAreShownAsFoundUnderTheProjectDirectory() throws Exception {
        log("m", "r", 1_000_000);
        assertThat(finder.find(Path.of(".").relativize(Path.of(".")).resolve(project))
                        .get(0)
                        .path())
                .isEqualTo(project.resolve("output_models/m/runs/r/trainer_logs.json"));
        assertThat(RunFinder.searchedFolder(Path.of("."))).isEqualTo(Path.of("output_models"));
    }

    @Test
    void aRunIsNamedByTheFoldersAroundTheLastRunsFolder() {
        assertThat(LogFormat.FORGATHER.name(Path.of("/home/runs/proj/output_models/gpt/runs/r1/trainer_logs.json")))
                .isEqualTo(RunName.of("gpt", "r1"));
    }

    @Test
    void aRunOutsideARunsFolderIsNamedByItsParentFolder() {
        assertThat(LogFormat.FORGATHER.name(Path.of("/data/experiment7/trainer_logs.json")))
                .isEqualTo(RunName.of("experiment7"));
        assertThat(LogFormat.FORGATHER.name(Path.of("/home/runs/a/b/experiment7/trainer_logs.json")))
                .as("a runs folder far up the path is not the project's")
                .isEqualTo(RunName.of("experiment7"));
    }
}
