package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.testing.Shared;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code logs list}, {@code logs summary --all --format one-line} and {@link TrainingLogs#load}
 * agree on every run of {@code ../shared/samples} and {@code ../shared/real-world}: the same runs,
 * the same names, each name shown once, and loss and learning rate found exactly in the logs that
 * hold them (per PROVENANCE.md and the files' own tags: tensorboard-reducer's test runs log only
 * {@code foo}/{@code bar} tags, the Lightning LSTM run and the Keras TF1 run log no learning rate,
 * and the Git LFS pointer files hold no events at all).
 */
class RunsAgreeTest {
    /** What a user must see for one run: its names in list and one-line, and what it holds. */
    private record Expected(String listed, String oneLine, boolean loss, boolean learningRate) {
        static Expected unreadable(String listed) {
            return new Expected(listed, null, false, false);
        }

        boolean readable() {
            return oneLine != null;
        }
    }

    private static final Pattern LIST_ENTRY = Pattern.compile(
            "(?m)^(\\d+)\\. (.+)\\n   Path: (.+)\\n   Modified: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$");

    @Test
    void samplesAgree() throws LogReadException {
        Map<String, Expected> expected = new LinkedHashMap<>();
        expected.put(
                "tensorboard/tiny_gpt/adamw_lr1e-3",
                new Expected("adamw_lr1e-3 [tensorboard]", "adamw_lr1e-3", true, true));
        expected.put(
                "lightning/tiny_gpt/version_0/metrics.csv",
                new Expected("tiny_gpt/version_0 [lightning]", "version_0", true, true));
        expected.put(
                "forgather_project/output_models/tiny_gpt/runs/adamw_lr3e-3/trainer_logs.json",
                new Expected("tiny_gpt/adamw_lr3e-3", "adamw_lr3e-3", true, true));
        // The same run name as the TensorBoard copy of this training: one-line tells them apart by model.
        expected.put(
                "forgather_project/output_models/tiny_gpt/runs/adamw_lr1e-3/trainer_logs.json",
                new Expected("tiny_gpt/adamw_lr1e-3", "tiny_gpt/adamw_lr1e-3", true, true));

        assertAgree(Shared.samples(), expected);
    }

    @Test
    void realWorldLogsAgree() throws LogReadException {
        Map<String, Expected> expected = new LinkedHashMap<>();
        // Two runs named run_1: both get the folder where their paths part, in list and in one-line.
        expected.put(
                "tensorboard/tbreducer-strict/run_1",
                new Expected("tbreducer-strict/run_1 [tensorboard]", "tbreducer-strict/run_1", false, false));
        expected.put("tensorboard/tbreducer-lax/run_3", new Expected("run_3 [tensorboard]", "run_3", false, false));
        expected.put(
                "tensorboard/tbreducer-dup-steps/run_1",
                new Expected("tbreducer-dup-steps/run_1 [tensorboard]", "tbreducer-dup-steps/run_1", false, false));
        expected.put(
                "tensorboard/lightning-lstm-textgen/version_0",
                new Expected("lightning-lstm-textgen/version_0 [tensorboard]", "version_0", true, false));
        expected.put(
                "tensorboard/keras-tf1-wandb-asset",
                new Expected("keras-tf1-wandb-asset [tensorboard]", "keras-tf1-wandb-asset", true, false));
        expected.put(
                "tensorboard/hf-runs-lfs-pointers/runs/Dec30_05-50-47_ficino",
                Expected.unreadable("hf-runs-lfs-pointers/Dec30_05-50-47_ficino [tensorboard]"));
        expected.put(
                "tensorboard/hf-runs-lfs-pointers/runs/Dec30_05-50-47_ficino/1672375864.9455469",
                Expected.unreadable("hf-runs-lfs-pointers/Dec30_05-50-47_ficino/1672375864.9455469 [tensorboard]"));
        for (String run : List.of("whisper-tiny-nb", "whisper-large-ja", "whisper-flemish", "multi-eval-viz")) {
            // whisper-large-ja's last-checkpoint/ copy is the same run, not one of its own.
            expected.put(
                    "huggingface/" + run + "/trainer_state.json",
                    new Expected(run + " [huggingface]", run, true, true));
        }

        assertAgree(Shared.realWorld(), expected);
    }

    private static void assertAgree(Path root, Map<String, Expected> expected) throws LogReadException {
        List<LogFile> found = TrainingLogs.find(root);
        assertThat(found)
                .extracting(f -> root.relativize(f.path()).toString().replace('\\', '/'))
                .containsExactlyInAnyOrderElementsOf(expected.keySet());

        // logs list: every run found, in order, each path the one load takes, each name once.
        Cli.Result list = Cli.run("-p", root.toString(), "logs", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.err()).isEmpty();
        List<String> listedNames = new ArrayList<>();
        List<Path> listedPaths = new ArrayList<>();
        Matcher entry = LIST_ENTRY.matcher(list.out());
        while (entry.find()) {
            assertThat(entry.group(1)).isEqualTo(String.valueOf(listedNames.size() + 1));
            listedNames.add(entry.group(2));
            listedPaths.add(Path.of(entry.group(3)));
        }
        assertThat(list.out()).startsWith("Found " + found.size() + " training log(s):\n\n");
        assertThat(listedPaths)
                .containsExactlyElementsOf(found.stream().map(LogFile::path).toList());
        assertThat(new HashSet<>(listedNames)).as("list names, each once").hasSameSizeAs(listedNames);

        // load: each listed path loads that run under the name list gave it, or fails in one line.
        List<TrainingLog> loaded = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            LogFile file = found.get(i);
            String key = root.relativize(file.path()).toString().replace('\\', '/');
            Expected want = expected.get(key);
            assertThat(listedNames.get(i)).as(key).isEqualTo(want.listed());
            if (!want.readable()) {
                assertThatThrownBy(() -> TrainingLogs.load(file.path()))
                        .as(key)
                        .isInstanceOf(LogReadException.class)
                        .hasMessageContaining("a Git LFS pointer");
                unreadable.add(key);
                continue;
            }
            TrainingLog log = TrainingLogs.load(file.path());
            assertThat(log.name()).as(key).isEqualTo(file.name());
            assertThat(log.format()).as(key).isEqualTo(file.format());
            SummaryStatistics summary = TrainingLogs.summarize(log);
            assertThat(log.has(MetricNames.LOSS)).as(key + " has loss").isEqualTo(want.loss());
            assertThat(summary.finalLoss().isPresent()).as(key + " final loss").isEqualTo(want.loss());
            assertThat(log.has(MetricNames.LEARNING_RATE))
                    .as(key + " has a learning rate")
                    .isEqualTo(want.learningRate());
            assertThat(summary.initialLr().isPresent()).as(key + " initial lr").isEqualTo(want.learningRate());
            assertThat(summary.finalLr().isPresent()).as(key + " final lr").isEqualTo(want.learningRate());
            loaded.add(log);
        }

        // summary --all --format one-line: one row per readable run, in list's order, each name once.
        Cli.Result oneLine = Cli.run("-p", root.toString(), "logs", "summary", "--all", "--format", "one-line");
        assertThat(oneLine.exitCode()).isEqualTo(unreadable.isEmpty() ? 0 : 1);
        assertThat(oneLine.err().lines().toList())
                .hasSize(unreadable.size())
                .allSatisfy(line -> assertThat(line).startsWith("error: ").contains("a Git LFS pointer"));
        List<String> lines = oneLine.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Run Name ");
        assertThat(lines.get(1)).matches("-+");
        List<String> rowNames = lines.subList(2, lines.size()).stream()
                .map(line -> line.substring(0, line.indexOf(" | ")).strip())
                .toList();
        List<String> expectedRows = new ArrayList<>();
        for (LogFile file : found) {
            Expected want = expected.get(root.relativize(file.path()).toString().replace('\\', '/'));
            if (want.readable()) {
                expectedRows.add(want.oneLine());
            }
        }
        assertThat(rowNames).containsExactlyElementsOf(expectedRows);
        assertThat(new HashSet<>(rowNames)).as("one-line names, each once").hasSameSizeAs(rowNames);
        // The library's rule gives the loaded logs the same names.
        assertThat(RunNames.ofLogs(loaded, RunNames.Form.RUN)).containsExactlyElementsOf(rowNames);
        // And each run's one-line name is its list name, or the end of it.
        int row = 0;
        for (int i = 0; i < found.size(); i++) {
            if (expected.get(root.relativize(found.get(i).path()).toString().replace('\\', '/'))
                    .readable()) {
                String listed = listedNames.get(i).replaceFirst(" \\[[a-z-]+]$", "");
                assertThat(listed).endsWith(rowNames.get(row++));
            }
        }
    }
}
