package dev.forgather.logs.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.forgather.logs.read.LogFormat;
import dev.forgather.logs.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunScannerTest {
    private final RunScanner scanner = new RunScanner();

    @TempDir
    Path dir;

    private static Path samples() {
        return Shared.samples();
    }

    @Test
    void samplesHoldTwoForgatherRunsATensorBoardRunAndALightningRun() {
        List<LogFile> runs = scanner.scan(samples());

        assertThat(runs)
                .extracting(LogFile::format, LogFile::runName, LogFile::modelName)
                .containsExactlyInAnyOrder(
                        tuple(LogFormat.FORGATHER, "adamw_lr1e-3", Optional.of("tiny_gpt")),
                        tuple(LogFormat.FORGATHER, "adamw_lr3e-3", Optional.of("tiny_gpt")),
                        tuple(LogFormat.TENSORBOARD, "adamw_lr1e-3", Optional.empty()),
                        tuple(LogFormat.LIGHTNING_CSV, "version_0", Optional.of("tiny_gpt")));
        assertThat(runs)
                .filteredOn(r -> r.format() == LogFormat.FORGATHER)
                .allSatisfy(r -> assertThat(r.path().getFileName()).hasToString("trainer_logs.json"));
    }

    @Test
    void mlflowRunsAreFoundInTheirStore() throws Exception {
        Path store = Paths.get(getClass().getResource("/mlruns").toURI());

        assertThat(scanner.scan(store)).singleElement().satisfies(run -> {
            assertThat(run.format()).isEqualTo(LogFormat.MLFLOW_FILES);
            assertThat(run.runName()).isEqualTo("adamw_lr1e-3");
            assertThat(run.modelName()).hasValue("tiny_gpt");
            assertThat(run.path().getFileName()).hasToString("6c1d5e2a9b7f4e0c8a3d2f1e0b9c8d7a");
        });
    }

    @Test
    void onlyTheNewestCheckpointOfAHuggingFaceRunIsListed() throws Exception {
        Path output = Files.createDirectories(dir.resolve("out"));
        for (String checkpoint : List.of("checkpoint-500", "checkpoint-1500", "checkpoint-1000")) {
            Files.writeString(
                    Files.createDirectories(output.resolve(checkpoint)).resolve("trainer_state.json"), "{}");
        }
        Path runs = Files.createDirectories(output.resolve("runs/Nov25_06-55-00_vm"));
        Files.write(runs.resolve("events.out.tfevents.1.vm.1.0"), new byte[16]);
        Files.write(runs.resolve("events.out.tfevents.2.vm.1.0"), new byte[16]);
        Files.writeString(Files.createDirectories(dir.resolve(".hidden/x")).resolve("trainer_logs.json"), "[]");
        Files.writeString(Files.createDirectories(dir.resolve("data")).resolve("metrics.csv"), "a,b\n1,2\n");

        List<LogFile> found = scanner.scan(dir);

        assertThat(found)
                .extracting(
                        LogFile::format,
                        r -> dir.relativize(r.path()).toString().replace('\\', '/'))
                .containsExactlyInAnyOrder(
                        tuple(LogFormat.HF_TRAINER_STATE, "out/checkpoint-1500/trainer_state.json"),
                        tuple(LogFormat.TENSORBOARD, "out/runs/Nov25_06-55-00_vm"));
        assertThat(found)
                .filteredOn(r -> r.format() == LogFormat.TENSORBOARD)
                .singleElement()
                .satisfies(r -> assertThat(r.modelName()).hasValue("out"));
    }

    @Test
    void newestRunComesFirst() throws Exception {
        Path older = Files.createDirectories(dir.resolve("a"));
        Path newer = Files.createDirectories(dir.resolve("b"));
        Files.writeString(older.resolve("trainer_logs.json"), "[]");
        Files.writeString(newer.resolve("trainer_state.json"), "{}");
        Files.setLastModifiedTime(older.resolve("trainer_logs.json"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(newer.resolve("trainer_state.json"), FileTime.fromMillis(2_000_000));

        assertThat(scanner.scan(dir)).extracting(LogFile::runName).containsExactly("b", "a");
    }

    @Test
    void runsAreFoundUnderTheFolderAsGivenWrittenWithoutDotSegments() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(dir);
        Files.createDirectories(dir.resolve("sub"));
        Path events = Files.createDirectories(dir.resolve("tb/run_1"));
        Files.write(events.resolve("events.out.tfevents.1.vm.1.0"), new byte[16]);
        Files.writeString(Files.createDirectories(dir.resolve("hf/run_2")).resolve("trainer_state.json"), "{}");

        List<LogFile> found = scanner.scan(relative.resolve("sub/.."));

        assertThat(found)
                .extracting(LogFile::path)
                .containsExactlyInAnyOrder(
                        relative.resolve("tb/run_1"), relative.resolve("hf/run_2/trainer_state.json"));
    }

    @Test
    void aMissingFolderHasNoRuns() {
        assertThat(scanner.scan(dir.resolve("nope"))).isEmpty();
    }
}
