package dev.forgather.logs.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.RunNames.Form;
import dev.forgather.logs.model.RunNames.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunNamesTest {
    private static final SourceFormat FORGATHER = () -> "forgather";
    private static final SourceFormat TENSORBOARD = () -> "tensorboard";
    private static final SourceFormat LIGHTNING = () -> "lightning";

    private static Run run(String model, String run, String path, SourceFormat format) {
        return new Run(model == null ? RunName.of(run) : RunName.of(model, run), Path.of(path), format);
    }

    @Test
    void runsNamedApartKeepTheirShortestNames() {
        List<Run> runs = List.of(
                run(
                        "tiny_gpt",
                        "adamw_lr1e-3",
                        "/p/output_models/tiny_gpt/runs/adamw_lr1e-3/trainer_logs.json",
                        FORGATHER),
                run(
                        "tiny_gpt",
                        "adamw_lr3e-3",
                        "/p/output_models/tiny_gpt/runs/adamw_lr3e-3/trainer_logs.json",
                        FORGATHER));

        assertThat(RunNames.distinct(runs, Form.RUN, false)).containsExactly("adamw_lr1e-3", "adamw_lr3e-3");
        assertThat(RunNames.distinct(runs, Form.QUALIFIED, true))
                .containsExactly("tiny_gpt/adamw_lr1e-3", "tiny_gpt/adamw_lr3e-3");
        assertThat(RunNames.distinct(runs.subList(0, 1), Form.MODEL, false)).containsExactly("tiny_gpt");
    }

    @Test
    void versionsOfDifferentModelsAreNamedByModel() {
        List<Run> runs = List.of(
                run("gpt", "version_0", "/logs/gpt/version_0/metrics.csv", LIGHTNING),
                run("bert", "version_0", "/logs/bert/version_0", TENSORBOARD),
                run("bert", "version_1", "/logs/bert/version_1/metrics.csv", LIGHTNING));

        assertThat(RunNames.distinct(runs, Form.RUN, false))
                .containsExactly("gpt/version_0", "bert/version_0", "version_1");
    }

    @Test
    void sameNamedFoldersGetTheFolderWhereTheirPathsPart() {
        List<Run> runs = List.of(
                run(null, "run_1", "/rw/tensorboard/tbreducer-strict/run_1", TENSORBOARD),
                run(null, "run_3", "/rw/tensorboard/tbreducer-lax/run_3", TENSORBOARD),
                run(null, "run_1", "/rw/tensorboard/tbreducer-dup-steps/run_1", TENSORBOARD));

        List<String> expected = List.of("tbreducer-strict/run_1", "run_3", "tbreducer-dup-steps/run_1");
        assertThat(RunNames.distinct(runs, Form.RUN, false)).isEqualTo(expected);
        assertThat(RunNames.distinct(runs, Form.QUALIFIED, true)).isEqualTo(expected);
    }

    @Test
    void sameRunsOfTwoProjectsGetTheProjectFolderBeforeModelAndRun() {
        List<Run> runs = List.of(
                run(
                        "tiny_gpt",
                        "baseline",
                        "/home/me/sweep_a/output_models/tiny_gpt/runs/baseline/trainer_logs.json",
                        FORGATHER),
                run(
                        "tiny_gpt",
                        "baseline",
                        "/home/me/sweep_b/output_models/tiny_gpt/runs/baseline/trainer_logs.json",
                        FORGATHER));

        assertThat(RunNames.distinct(runs, Form.RUN, false))
                .containsExactly("sweep_a/tiny_gpt/baseline", "sweep_b/tiny_gpt/baseline");
    }

    @Test
    void oneFoldersEventFileAndCsvAreToldApartByFormatUnlessTheFormatIsShown() {
        List<Run> runs = List.of(
                run("gpt", "version_0", "/logs/gpt/version_0", TENSORBOARD),
                run("gpt", "version_0", "/logs/gpt/version_0/metrics.csv", LIGHTNING));

        assertThat(RunNames.distinct(runs, Form.RUN, false))
                .containsExactly("gpt/version_0 [tensorboard]", "gpt/version_0 [lightning]");
        assertThat(RunNames.distinct(runs, Form.QUALIFIED, true)).containsExactly("gpt/version_0", "gpt/version_0");
    }

    @Test
    void aRunWithAModelAndOneWithoutAreToldApartByTheModel() {
        List<Run> runs = List.of(
                run(null, "adamw_lr1e-3", "/s/tensorboard/tiny_gpt/adamw_lr1e-3", TENSORBOARD),
                run(
                        "tiny_gpt",
                        "adamw_lr1e-3",
                        "/s/p/output_models/tiny_gpt/runs/adamw_lr1e-3/trainer_logs.json",
                        FORGATHER));

        assertThat(RunNames.distinct(runs, Form.RUN, false)).containsExactly("adamw_lr1e-3", "tiny_gpt/adamw_lr1e-3");
    }

    @Test
    void aLogGivenTwiceIsNumberedFromItsSecondShowingAroundNamesTaken() {
        List<Run> runs = List.of(
                run(null, "a", "/x/a/trainer_logs.json", FORGATHER),
                run(null, "a", "/x/a/trainer_logs.json", FORGATHER),
                run(null, "a (2)", "/x/a (2)/trainer_logs.json", FORGATHER));

        assertThat(RunNames.distinct(runs, Form.RUN, false)).containsExactly("a", "a (3)", "a (2)");
    }

    @Test
    void runsOfOneModelInALegendAreNamedModelSlashRun() {
        List<Run> runs = List.of(
                run("tiny_gpt", "a", "/p/output_models/tiny_gpt/runs/a/trainer_logs.json", FORGATHER),
                run("tiny_gpt", "b", "/p/output_models/tiny_gpt/runs/b/trainer_logs.json", FORGATHER),
                run("llama", "c", "/p/output_models/llama/runs/c/trainer_logs.json", FORGATHER));

        assertThat(RunNames.distinct(runs, Form.MODEL, false)).containsExactly("tiny_gpt/a", "tiny_gpt/b", "llama");
    }

    @Test
    void relativeAndAbsolutePathsOfOneFolderAreCompared() {
        Path here = Path.of("").toAbsolutePath();
        List<Run> runs = List.of(
                new Run(RunName.of("run_1"), Path.of("a/run_1"), TENSORBOARD),
                new Run(RunName.of("run_1"), here.resolve("b/run_1"), TENSORBOARD));

        assertThat(RunNames.distinct(runs, Form.RUN, false)).containsExactly("a/run_1", "b/run_1");
    }
}
