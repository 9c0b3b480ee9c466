package dev.forgather.logs.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainingLogBuilderTest {
    private static void record(TrainingLogBuilder builder, long step, double loss) {
        builder.beginRecord();
        builder.step(step);
        builder.value(MetricNames.LOSS, loss);
        builder.endRecord();
    }

    @Test
    void aPartEndingInsideARecordAppendsOnlyItsCompleteRecords() {
        TrainingLogBuilder first = new TrainingLogBuilder();
        record(first, 10, 2.0);
        TrainingLogBuilder last = new TrainingLogBuilder();
        record(last, 20, 1.5);
        // The file's last part was cut inside a record that brought a new key.
        last.beginRecord();
        last.step(30);
        last.value(MetricNames.LOSS, 1.0);
        last.value("grad_norm", 0.5);

        first.append(last);
        TrainingLog log = first.build(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER);

        assertThat(log.recordCount()).isEqualTo(2);
        assertThat(log.series(MetricNames.LOSS).values()).containsExactly(2.0, 1.5);
        assertThat(log.series(MetricNames.LOSS).steps()).containsExactly(10L, 20L);
        assertThat(log.series("grad_norm").isEmpty()).isTrue();
    }
}
