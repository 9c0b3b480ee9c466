package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckCommandTest extends InDemoProject {
    private static final String BASELINE_SPIKES = "baseline_2026-01-20T09-00-00: steps 2900-3000: spike in loss: 3.51"
            + " is 41.0 robust z above the median of the previous 28 records; recovered after 1 record\n"
            + "baseline_2026-01-20T09-00-00: steps 2900-3000: spike in grad_norm: 7.67 is 206.8 robust z above the"
            + " median of the previous 28 records; recovered after 1 record\n";
    private static final String DIVERGED_NANS = "diverged_lr1e-2_2026-01-21T14-30-00: steps 3000-5000: non-finite"
            + " loss: 21 NaN values\n"
            + "diverged_lr1e-2_2026-01-21T14-30-00: steps 3000-5000: non-finite eval_loss: 5 NaN values\n"
            + "diverged_lr1e-2_2026-01-21T14-30-00: steps 3000-5000: non-finite grad_norm: 21 NaN values\n";

    private Cli.Result check(String... args) {
        return logs("check", args);
    }

    /** The killed run's age depends on today's date: the golden file says AGE (StalledTest pins the wording). */
    private static String ageless(String text) {
        return text.replaceAll("has not changed for [^,]+, longer than", "has not changed for AGE, longer than");
    }

    @Test
    void allDemoRunsFailTheNanRunAndWarnOnTheSpikyBaseline() {
        Cli.Result r = check("--all");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo(killedWarning());
        Golden.of("cli").assertMatches("check_all.txt", ageless(r.out()));
        assertThat(r.out())
                .contains("diverged_lr1e-2_2026-01-21T14-30-00: steps 3000-5000: non-finite loss: 21 NaN values\n")
                .contains("baseline_2026-01-20T09-00-00: steps 2900-3000: spike in loss: 3.51 is ")
                .contains("adamw_lr1e-3: healthy\n")
                .contains("adamw_lr3e-3: healthy\n")
                .contains("diverged_lr1e-2_2026-01-21T14-30-00: failed (3 errors)\n")
                .contains("killed_2026-01-22T08-15-00: failed (1 error)\n")
                .contains("resumed_2026-01-23T10-00-00: healthy (1 info)\n");
        // Only these: the spikes, the NaNs, the dead run and the resume.
        assertThat(r.out().lines().filter(l -> !l.matches("[^:]+: (healthy|warning|failed)( \\(.*\\))?")))
                .hasSize(7);
    }

    @Test
    void theKilledRunIsDeadOnceItsFileIsOldAndInProgressBeforeThat() throws IOException {
        Path killed = Path.of(run("llama_1b/runs/killed_2026-01-22T08-15-00/trainer_logs.json"));
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Cli.Result dead = check(killed.toString());
        assertThat(dead.exitCode()).isEqualTo(3);
        assertThat(dead.out())
                .isEqualTo("killed_2026-01-22T08-15-00: step 5000: stalled: the log is still open but has"
                        + " not changed for 2 h, longer than the 5 min limit: the run is probably dead, not training\n"
                        + "killed_2026-01-22T08-15-00: failed (1 error)\n");
        assertThat(dead.err()).isEqualTo(killedWarning());

        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofSeconds(20))));
        Cli.Result live = check(killed.toString());
        assertThat(live.exitCode()).isZero();
        assertThat(live.out())
                .matches("killed_2026-01-22T08-15-00: step 5000: in_progress: the log is still open and"
                        + " changed 2\\d s ago, within the 5 min limit: the run is training\n"
                        + "killed_2026-01-22T08-15-00: healthy \\(1 info\\)\n");
        assertThat(live.err()).isEqualTo(killedWarning());
    }

    @Test
    void jsonIsAnArrayWithOneObjectPerRunNewestFirst() throws IOException {
        Cli.Result r = check("--all", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo(killedWarning());
        List<Map<String, Object>> runs = JsonTree.parseArray(r.out());
        assertThat(runs)
                .extracting(m -> m.get("run"))
                .containsExactly(
                        "resumed_2026-01-23T10-00-00",
                        "killed_2026-01-22T08-15-00",
                        "diverged_lr1e-2_2026-01-21T14-30-00",
                        "baseline_2026-01-20T09-00-00",
                        "adamw_lr3e-3",
                        "adamw_lr1e-3");
        Map<String, Object> diverged = runs.get(2);
        assertThat(diverged.keySet()).containsExactly("run", "model", "path", "format", "verdict", "findings");
        assertThat(diverged)
                .containsEntry("model", "llama_1b")
                .containsEntry("format", "forgather")
                .containsEntry("verdict", "failed")
                .containsEntry("path", run("llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00/trainer_logs.json"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) diverged.get("findings");
        assertThat(findings.get(0).keySet())
                .containsExactly(
                        "detector", "severity", "metric", "first_step", "last_step", "value", "threshold", "message");
        Map<String, Object> loss = findings.stream()
                .filter(f -> "loss".equals(f.get("metric")))
                .findFirst()
                .orElseThrow();
        assertThat(loss)
                .containsEntry("detector", "nonfinite")
                .containsEntry("severity", "error")
                .containsEntry("first_step", 3000L)
                .containsEntry("last_step", 5000L)
                .containsEntry("value", 21.0)
                .containsEntry("threshold", 0.0)
                .containsEntry("message", "non-finite loss: 21 NaN values");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> baseline =
                (List<Map<String, Object>>) runs.get(3).get("findings");
        assertThat(runs.get(3)).containsEntry("verdict", "warning");
        Map<String, Object> killed = runs.get(1);
        assertThat(killed).containsEntry("verdict", "failed");
        @SuppressWarnings("unchecked")
        Map<String, Object> stalled = ((List<Map<String, Object>>) killed.get("findings")).get(0);
        assertThat(stalled)
                .containsEntry("detector", "stalled")
                .containsEntry("severity", "error")
                .containsEntry("metric", null)
                .containsEntry("first_step", 5000L)
                .containsEntry("threshold", 300.0);
        assertThat((Double) stalled.get("value")).isGreaterThan(3600.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> rollback = ((List<Map<String, Object>>) runs.get(0).get("findings")).get(0);
        assertThat(rollback)
                .containsEntry("detector", "rollback")
                .containsEntry("severity", "info")
                .containsEntry("metric", "global_step")
                .containsEntry("first_step", 2100L)
                .containsEntry("last_step", 3000L)
                .containsEntry("value", 2100.0)
                .containsEntry("threshold", null);
        assertThat(runs.get(0)).containsEntry("verdict", "healthy");
        assertThat(baseline)
                .extracting(f -> f.get("detector") + " " + f.get("severity") + " " + f.get("metric") + " "
                        + f.get("first_step") + "-" + f.get("last_step") + " " + f.get("threshold"))
                .containsExactlyInAnyOrder("spike warn loss 2900-3000 6.0", "spike warn grad_norm 2900-3000 6.0");
        assertThat(runs.get(5)).containsEntry("verdict", "healthy").containsEntry("findings", List.of());
    }

    @Test
    void githubFormatAnnotatesEachFindingThenGivesTheVerdicts() {
        Cli.Result r = check(
                "--format",
                "github",
                run("llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00"),
                run("llama_1b/runs/baseline_2026-01-20T09-00-00"));
        assertThat(r.exitCode()).isEqualTo(3);
        String diverged = run("llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00/trainer_logs.json")
                .replace(":", "%3A")
                .replace(",", "%2C");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0))
                .isEqualTo("::error file=" + diverged + ",title=forgather check nonfinite::"
                        + "diverged_lr1e-2_2026-01-21T14-30-00: non-finite loss: 21 NaN values");
        assertThat(lines.get(3))
                .startsWith("::warning file=")
                .contains(",title=forgather check spike::" + "baseline_2026-01-20T09-00-00: spike in ");
        assertThat(lines.subList(5, 7))
                .containsExactly(
                        "diverged_lr1e-2_2026-01-21T14-30-00: failed (3 errors)",
                        "baseline_2026-01-20T09-00-00: warning (2 warnings)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void failOnDecidesWhichFindingsFailTheCommand() {
        String baseline = run("llama_1b/runs/baseline_2026-01-20T09-00-00");
        String warned = BASELINE_SPIKES + "baseline_2026-01-20T09-00-00: warning (2 warnings)\n";
        assertRun(check(baseline), 0, warned);
        assertRun(check("--fail-on", "error", baseline), 0, warned);
        assertRun(check("--fail-on", "warn", baseline), 3, warned);
        String diverged = run("llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00");
        String failed = DIVERGED_NANS + "diverged_lr1e-2_2026-01-21T14-30-00: failed (3 errors)\n";
        assertRun(check("--fail-on", "never", diverged), 0, failed);
        assertRun(check(diverged), 3, failed);
    }

    /** The same report whatever {@code --fail-on} says; only the exit status differs. */
    private static void assertRun(Cli.Result r, int exitCode, String out) {
        assertThat(r.exitCode()).isEqualTo(exitCode);
        assertThat(r.out()).isEqualTo(out);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aHealthyRunPassesQuietly() {
        Cli.Result r = check(run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("adamw_lr1e-3: healthy\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void anUnreadableLogIsOneLineAndTheOthersAreStillChecked() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(empty.resolve("trainer_logs.json"), "");
        Cli.Result r = check(empty.toString(), run("llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + empty.resolve("trainer_logs.json") + ": empty file\n");
        assertThat(r.out()).isEqualTo(DIVERGED_NANS + "diverged_lr1e-2_2026-01-21T14-30-00: failed (3 errors)\n");

        Cli.Result json = check("--format", "json", empty.toString());
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).isEqualTo("[ ]\n");
        assertThat(json.err()).isEqualTo("error: " + empty.resolve("trainer_logs.json") + ": empty file\n");
    }

    @Test
    void withoutPathsTheNewestLogIsCheckedAndNamedOnStderr() {
        Cli.Result r = check();
        assertThat(r.exitCode()).isZero();
        assertThat(r.err())
                .isEqualTo("Using latest log: "
                        + project.resolve("output_models/llama_1b/runs/resumed_2026-01-23T10-00-00/trainer_logs.json")
                        + "\n\n");
        assertThat(r.out())
                .isEqualTo("resumed_2026-01-23T10-00-00: steps 2100-3000: rollback in global_step: the steps go back"
                        + " from 3000 to 2100 (resumed from a checkpoint); steps 2100-3000 are logged twice\n"
                        + "resumed_2026-01-23T10-00-00: healthy (1 info)\n");
    }

    @Test
    void noLogsFoundIsAnError() throws IOException {
        Path nowhere = Files.createDirectories(tmp.resolve("empty_project/output_models"));
        Cli.Result r = Cli.run("-p", nowhere.getParent().toString(), "logs", "check");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: No training logs found.\nSearched in: " + nowhere + "\n");
    }

    @Test
    void badOptionsAreUsageErrors() {
        String baseline = run("llama_1b/runs/baseline_2026-01-20T09-00-00");
        Cli.Result format = check("--format", "xml", baseline);
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.out()).isEmpty();
        assertThat(format.err())
                .isEqualTo("error: Invalid value for option '--format': 'xml' is not a format;"
                        + " expected one of text, json, github\n"
                        + "Try 'forgather logs check --help' for more information.\n");
        Cli.Result level = check("--fail-on", "maybe", baseline);
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.out()).isEmpty();
        assertThat(level.err())
                .isEqualTo("error: Invalid value for option '--fail-on': 'maybe' is not a level;"
                        + " expected one of error, warn, never\n"
                        + "Try 'forgather logs check --help' for more information.\n");
        Cli.Result window = check("--spike-window", "0", baseline);
        assertThat(window.exitCode()).isEqualTo(2);
        assertThat(window.out()).isEmpty();
        assertThat(window.err())
                .isEqualTo("error: spike windows must be at least 1 record\n"
                        + "Try 'forgather logs check --help' for more information.\n");
    }

    @Test
    void aThresholdFlagChangesWhatIsFound() {
        String baseline = run("llama_1b/runs/baseline_2026-01-20T09-00-00");
        // The loss spike is 41 robust z above its median, the grad norm one 207: a limit of 100 keeps only the latter.
        Cli.Result r = check("--spike-z", "100", baseline);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .isEqualTo("baseline_2026-01-20T09-00-00: steps 2900-3000: spike in grad_norm: 7.67 is 206.8 robust"
                        + " z above the median of the previous 28 records; recovered after 1 record\n"
                        + "baseline_2026-01-20T09-00-00: warning (1 warning)\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aClipGivenOnTheCommandLineTurnsOnClipSaturation() {
        // The baseline's grad norms are about 0.4: a clip of 0.3 is hit by nearly every record.
        Cli.Result r = check("--clip", "0.3", run("llama_1b/runs/baseline_2026-01-20T09-00-00"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .isEqualTo("baseline_2026-01-20T09-00-00: steps 100-3300: clip_saturation in grad_norm: 33 of"
                        + " the last 33 records (100%, at least 50%) have a grad norm at or above the clip 0.3:"
                        + " clipping, not the learning rate, sets the step size\n"
                        + BASELINE_SPIKES
                        + "baseline_2026-01-20T09-00-00: warning (3 warnings)\n");
        assertThat(r.err()).isEmpty();
        Cli.Result noClip = check(run("llama_1b/runs/baseline_2026-01-20T09-00-00"));
        assertThat(noClip.exitCode()).isZero();
        assertThat(noClip.out()).isEqualTo(BASELINE_SPIKES + "baseline_2026-01-20T09-00-00: warning (2 warnings)\n");
        assertThat(noClip.err()).isEmpty();
    }
}
