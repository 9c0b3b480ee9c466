package dev.forgather.logs.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFinderTest {
    @TempDir
    Path project;

    private final RunFinder finder = new RunFinder(Map.of("trainer_logs.json", "forgather"));

    private Path log(String model, String run, long modifiedMillis) throws Exception {
        Path file = project.resolve("output_models").resolve(model).resolve("runs").resolve(run).resolve("trainer_logs.json");
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
        assertThat(finder.find(Path.of(".").relativize(Path.of(".")).resolve(project)).get(0).path())
                .isEqualTo(project.resolve("output_models/m/runs/r/trainer_logs.json"));
        assertThat(RunFinder.searchedFolder(Path.of("."))).isEqualTo(Path.of("output_models"));
    }

    @Test
    void identifyNamesModelAndRunFromTheLastRunsFolder() {
        LogFile id = RunFinder.identify(Path.of("/home/runs/proj/output_models/gpt/runs/r1/trainer_logs.json"));
        assertThat(id.modelName()).hasValue("gpt");
        assertThat(id.runName()).isEqualTo("r1");
    }

    @Test
    void identifyFallsBackToTheParentFolder() {
        LogFile id = RunFinder.identify(Path.of("/data/experiment7/trainer_logs.json"));
        assertThat(id.modelName()).isEmpty();
        assertThat(id.runName()).isEqualTo("experiment7");
    }
}
