package dev.forgather.logs.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainingLogAliasTest {
    private static TrainingLog lightningLike() {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        builder.alias("train_loss_step", "loss");
        builder.alias("lr-AdamW", "learning_rate");
        builder.alias("train/epoch", "epoch");
        builder.alias("same", "same");
        for (int step = 1; step <= 3; step++) {
            builder.beginRecord();
            builder.step(step);
            builder.epoch(step / 10.0);
            builder.value("loss", 4.0 - step);
            builder.value("learning_rate", 1e-3);
            builder.endRecord();
        }
        return builder.build(Path.of("metrics.csv"), RunName.of("tiny_gpt", "version_0"), LogFormat.LIGHTNING_CSV);
    }

    @Test
    void originalNamesServeTheCanonicalSeries() {
        TrainingLog log = lightningLike();

        assertThat(log.metricNames()).containsExactly("loss", "learning_rate");
        assertThat(log.series("train_loss_step").values()).containsExactly(3.0, 2.0, 1.0);
        assertThat(log.series("train_loss_step").name()).isEqualTo("train_loss_step");
        assertThat(log.series("train/epoch").values()).containsExactly(0.1, 0.2, 0.3);
        assertThat(log.has("lr-AdamW")).isTrue();
        assertThat(log.has("lr-SGD")).isFalse();
        assertThat(log.record(0).get("lr-AdamW")).hasValue(1e-3);
        assertThat(log.record(0).keys()).containsExactly("loss", "learning_rate");
    }

    @Test
    void aNameThatIsAlreadyCanonicalIsNoAlias() {
        assertThat(lightningLike().aliases()).containsOnlyKeys("train_loss_step", "lr-AdamW", "train/epoch");
    }

    @Test
    void aLogWithoutAliasesHasNone() {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        assertThat(builder.build(Path.of("x"), RunName.of("x"), LogFormat.FORGATHER)
                        .aliases())
                .isEmpty();
    }
}
