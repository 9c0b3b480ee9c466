package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLabelsTest {
    private static final List<String> ONE_RECORD = List.of("{\"global_step\": 1, \"loss\": 2.0}");

    @TempDir
    Path dir;

    @Test
    void oneRunIsNamedByItsModelFolder() {
        assertThat(RunLabels.of(List.of(TestLogs.lr1e3()), List.of())).containsExactly("tiny_gpt");
    }

    @Test
    void runsOfOneModelAreNamedModelSlashRun() {
        assertThat(RunLabels.of(List.of(TestLogs.lr1e3(), TestLogs.lr3e3()), List.of()))
                .containsExactly("tiny_gpt/adamw_lr1e-3", "tiny_gpt/adamw_lr3e-3");
    }

    @Test
    void runsOfDifferentModelsKeepTheirShortNames() {
        TrainingLog other = TestLogs.write(dir, "big_gpt", "adamw_lr1e-3", ONE_RECORD);
        TrainingLog twin = TestLogs.write(dir, "tiny_gpt", "sgd", ONE_RECORD);
        assertThat(RunLabels.of(List.of(TestLogs.lr1e3(), other, twin), List.of()))
                .containsExactly("tiny_gpt/adamw_lr1e-3", "big_gpt", "tiny_gpt/sgd");
    }

    @Test
    void givenLabelsComeFirstInOrderAndTheRestAreNamed() {
        TrainingLog other = TestLogs.write(dir, "big_gpt", "a", ONE_RECORD);
        assertThat(RunLabels.of(List.of(TestLogs.lr1e3(), TestLogs.lr3e3(), other), List.of("baseline")))
                .containsExactly("baseline", "tiny_gpt", "big_gpt");
    }

    @Test
    void aLogOutsideAProjectIsNamedByItsFolder() {
        TrainingLog loose = TestLogs.writeFile(dir.resolve("copy/trainer_logs.json"), ONE_RECORD);
        assertThat(RunLabels.of(List.of(loose), List.of())).containsExactly("copy");
    }
}
