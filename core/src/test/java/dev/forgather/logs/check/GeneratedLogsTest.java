package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detectors on logs from gen_trainer_log.py, whose faults are known from how it makes them. */
class GeneratedLogsTest {
    @TempDir
    Path tmp;

    private static List<Finding> check(TrainingLog log) {
        return Checks.run(LogMaker.closed(log), Checks.standard()).findings();
    }

    /** The generator's loss curve without noise or spikes: a spike multiplies it by 2.5 to 3.5. */
    private static double curve(long step, int steps) {
        return 1.35 + 5.0 * Math.exp(-step / (steps * 0.08));
    }

    @Test
    void everyInjectedSpikeIsFoundAtItsStepAndNothingElse() throws Exception {
        int steps = 30000;
        TrainingLog log = TrainingLogs.load(Generated.log(
                tmp.resolve("trainer_logs.json"),
                "--steps",
                "" + steps,
                "--log-every",
                "100",
                "--eval-every",
                "1000",
                "--seed",
                "5",
                "--spikes",
                "4"));
        Series loss = log.series("loss", RecordKind.TRAINING);
        List<Long> injected = new ArrayList<>();
        for (int i = 20; i < loss.size(); i++) { // judged from the 21st record on
            if (loss.value(i) / curve(loss.step(i), steps) > 2) {
                injected.add(loss.step(i));
            }
        }
        assertThat(injected).hasSizeGreaterThanOrEqualTo(3);
        List<Finding> findings = check(log);
        assertThat(findings).allSatisfy(f -> assertThat(f.detector()).isEqualTo("spike"));
        List<Long> lossSpikes = findings.stream()
                .filter(f -> f.metric().orElseThrow().equals("loss"))
                .map(f -> f.firstStep().getAsLong())
                .sorted()
                .toList();
        List<Long> gradSpikes = findings.stream()
                .filter(f -> f.metric().orElseThrow().equals("grad_norm"))
                .map(f -> f.firstStep().getAsLong())
                .sorted()
                .toList();
        assertThat(lossSpikes).isEqualTo(injected);
        assertThat(gradSpikes).isEqualTo(injected);
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).endsWith("recovered after 1 record"));
    }

    @Test
    void theSameRunWithoutSpikesIsHealthy() throws Exception {
        TrainingLog log = TrainingLogs.load(Generated.log(
                tmp.resolve("trainer_logs.json"),
                "--steps",
                "30000",
                "--log-every",
                "100",
                "--eval-every",
                "1000",
                "--seed",
                "5"));
        assertThat(check(log)).isEmpty();
    }

    @Test
    void aRunThatTurnsNanIsFailedAtItsFirstNanStep() throws Exception {
        TrainingLog log = TrainingLogs.load(Generated.log(
                tmp.resolve("trainer_logs.json"),
                "--steps",
                "5000",
                "--log-every",
                "100",
                "--eval-every",
                "500",
                "--seed",
                "12",
                "--nan-at",
                "3050",
                "--no-final"));
        List<Finding> findings = check(log);
        assertThat(findings).extracting(Finding::detector).containsOnly("nonfinite");
        assertThat(findings)
                .extracting(f -> f.metric().orElseThrow() + "@" + f.firstStep().getAsLong() + "-"
                        + f.lastStep().getAsLong() + "x" + (int) f.value())
                .containsExactlyInAnyOrder("loss@3100-5000x20", "grad_norm@3100-5000x20", "eval_loss@3500-5000x4");
    }
}
