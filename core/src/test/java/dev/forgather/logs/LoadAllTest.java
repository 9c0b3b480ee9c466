package dev.forgather.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadAllTest {
    @TempDir
    Path dir;

    @Test
    void manyRunsLoadInTheirOrderAndAFailureStopsNoOther() throws Exception {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path run = Files.createDirectories(dir.resolve("run" + i));
            Files.writeString(
                    run.resolve("trainer_logs.json"), i == 17 ? "" : "[{\"global_step\": " + i + ", \"loss\": 1.5}]");
            paths.add(run);
        }
        List<TrainingLogs.Loaded> loaded = TrainingLogs.loadAll(paths);
        assertThat(loaded).extracting(TrainingLogs.Loaded::path).containsExactlyElementsOf(paths);
        for (int i = 0; i < 40; i++) {
            long step = i;
            if (i == 17) {
                assertThat(loaded.get(i))
                        .isInstanceOfSatisfying(
                                TrainingLogs.Loaded.Failed.class,
                                failed -> assertThat(failed.error().problem()).isEqualTo("empty file"));
            } else {
                assertThat(loaded.get(i))
                        .isInstanceOfSatisfying(
                                TrainingLogs.Loaded.Read.class,
                                read -> assertThat(read.log().record(0).step()).isEqualTo(step));
            }
        }
    }
}
