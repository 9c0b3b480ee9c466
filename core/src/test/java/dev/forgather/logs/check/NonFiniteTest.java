package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NonFiniteTest {
    private static List<Finding> check(TrainingLog log) {
        return new NonFinite().check(LogMaker.closed(log));
    }

    @Test
    void oneFindingPerMetricFromTheFirstToTheLastNonFiniteStepWithTheCount() {
        LogMaker maker = new LogMaker();
        for (int step = 100; step <= 1000; step += 100) {
            double loss = step >= 700 ? Double.NaN : 2.0;
            double grad = step == 800 ? Double.POSITIVE_INFINITY : step >= 700 ? Double.NaN : 0.5;
            maker.train(step, "loss", loss, "grad_norm", grad);
            if (step % 500 == 0) {
                maker.eval(step, step >= 700 ? Double.NaN : 1.9);
            }
        }
        List<Finding> findings = check(maker.build());
        assertThat(findings)
                .extracting(f -> f.metric().orElseThrow())
                .containsExactly("loss", "eval_loss", "grad_norm");
        Finding loss = findings.get(0);
        assertThat(loss.severity()).isEqualTo(Severity.ERROR);
        assertThat(loss.firstStep()).isEqualTo(OptionalLong.of(700));
        assertThat(loss.lastStep()).isEqualTo(OptionalLong.of(1000));
        assertThat(loss.value()).isEqualTo(4);
        assertThat(loss.message()).isEqualTo("non-finite loss: 4 NaN values");
        Finding eval = findings.get(1);
        assertThat(eval.firstStep()).isEqualTo(OptionalLong.of(1000));
        assertThat(eval.message()).isEqualTo("non-finite eval_loss: 1 NaN value");
        assertThat(findings.get(2).message()).isEqualTo("non-finite grad_norm: 3 NaN and 1 infinite values");
    }

    @Test
    void aFiniteRunHasNoFinding() {
        assertThat(check(LogMaker.losses(3, 2, 1, 0.5, 0.0))).isEmpty();
    }

    @Test
    void aZeroLossBesideANonFiniteGradNormIsHuggingFacesDisguisedNan() {
        TrainingLog log = new LogMaker()
                .train(10, "loss", 2.1, "grad_norm", 0.4)
                .train(20, "loss", 0.0, "grad_norm", 0.3) // a real zero: grad norm is fine
                .train(30, "loss", 0.0, "grad_norm", Double.NaN)
                .train(40, "loss", 0.0, "grad_norm", Double.NaN)
                .build();
        List<Finding> findings = check(log);
        assertThat(findings).hasSize(2);
        Finding loss = findings.get(0);
        assertThat(loss.metric()).contains("loss");
        assertThat(loss.firstStep()).isEqualTo(OptionalLong.of(30));
        assertThat(loss.lastStep()).isEqualTo(OptionalLong.of(40));
        assertThat(loss.value()).isEqualTo(2);
        assertThat(loss.message())
                .isEqualTo("non-finite loss: 2 records with a loss of exactly 0.0 beside a"
                        + " non-finite grad norm (Hugging Face's logging_nan_inf_filter hides a NaN loss this way)");
        assertThat(findings.get(1).metric()).contains("grad_norm");
    }
}
