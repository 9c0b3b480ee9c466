package example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.check.CheckFormat;
import dev.forgather.logs.check.CheckResult;
import dev.forgather.logs.check.Checks;
import dev.forgather.logs.check.Detector;
import dev.forgather.logs.check.Finding;
import dev.forgather.logs.check.RunState;
import dev.forgather.logs.check.Severity;
import dev.forgather.logs.check.Verdict;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The README's own-detector example, from outside the library's packages. */
class CheckApiTest {
    /** The README's example: a warning at the first loss above {@code limit}. */
    record LossAbove(double limit) implements Detector {
        @Override
        public String name() {
            return "loss_above_" + (long) limit;
        }

        @Override
        public List<Finding> check(RunState run) {
            Series loss = run.log().series("loss");
            for (int i = 0; i < loss.size(); i++) {
                if (loss.value(i) > limit) {
                    return List.of(Finding.of(
                            name(),
                            Severity.WARN,
                            "loss",
                            loss.step(i),
                            loss.step(i),
                            loss.value(i),
                            limit,
                            "loss above " + (long) limit));
                }
            }
            return List.of();
        }
    }

    @Test
    void anOwnDetectorRunsBesideTheBuiltInOnes() throws Exception {
        TrainingLog log = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        List<Detector> detectors = new ArrayList<>(Checks.standard());
        detectors.add(new LossAbove(10));
        CheckResult result = Checks.run(log, detectors);
        assertThat(result.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(result.verdict().label()).isEqualTo("healthy");
        assertThat(CheckFormat.TEXT.formatter().format(List.of(result))).isEqualTo("adamw_lr1e-3: healthy\n");

        detectors.add(new LossAbove(5)); // the sample run's first loss is 5.2
        CheckResult warned = Checks.run(log, detectors);
        assertThat(warned.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(warned.findings()).singleElement().satisfies(f -> {
            assertThat(f.detector()).isEqualTo("loss_above_5");
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(10));
        });
        assertThat(CheckFormat.TEXT.formatter().format(List.of(warned)))
                .isEqualTo("adamw_lr1e-3: step 10: loss above 5\nadamw_lr1e-3: warning (1 warning)\n");
    }
}
