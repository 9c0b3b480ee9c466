package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClipSaturationTest {
    /** 300 records, the last {@code clipped} of the final 100 with a grad norm at the clip 1.0. */
    private static TrainingLog run(int clipped) {
        return run(clipped, new LogMaker());
    }

    private static TrainingLog run(int clipped, LogMaker maker) {
        for (int i = 0; i < 300; i++) {
            double grad = i >= 300 - clipped ? 1.0 : 0.6;
            maker.train((i + 1) * 10L, "loss", 2.0, "grad_norm", grad);
        }
        return maker.build();
    }

    private static List<Finding> check(OptionalDouble clip, TrainingLog log) {
        return ClipSaturation.defaults(clip).check(LogMaker.closed(log));
    }

    @Test
    void halfTheLastHundredRecordsAtTheClipWarns() {
        List<Finding> found = check(OptionalDouble.of(1.0), run(50));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.detector()).isEqualTo("clip_saturation");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(2010));
            assertThat(f.lastStep()).isEqualTo(OptionalLong.of(3000));
            assertThat(f.threshold()).hasValue(0.5);
            assertThat(f.message())
                    .isEqualTo(
                            "clip_saturation in grad_norm: 50 of the last 100 records (50%, at least"
                                    + " 50%) have a grad norm at or above the clip 1: clipping, not the learning rate, sets the step size");
        });
        assertThat(check(OptionalDouble.of(1.0), run(49))).isEmpty();
    }

    @Test
    void theClipComesFromTheRunsConfigWhenNotGiven() {
        TrainingLog configured = run(60, new LogMaker().config("max_grad_norm", "1.0"));
        assertThat(check(OptionalDouble.empty(), configured))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("60 of the last 100 records", "the clip 1:"));
        // A clip given on the command line wins over the config's.
        assertThat(check(OptionalDouble.of(2.0), configured)).isEmpty();
        // 0 is Hugging Face's "no clipping"; a value that is not a number says nothing.
        assertThat(check(OptionalDouble.empty(), run(60, new LogMaker().config("max_grad_norm", "0"))))
                .isEmpty();
        assertThat(check(OptionalDouble.empty(), run(60, new LogMaker().config("max_grad_norm", "none"))))
                .isEmpty();
    }

    @Test
    void withoutAKnownClipItIsNotJudged() {
        assertThat(check(OptionalDouble.empty(), run(100))).isEmpty();
    }
}
