package dev.forgather.logs.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import java.util.List;
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

    private static void steplessRecord(TrainingLogBuilder builder, double loss) {
        builder.beginRecord();
        builder.value(MetricNames.LOSS, loss);
        builder.endRecord();
    }

    @Test
    void eachRecordSaysWhetherItGaveAStepAcrossAppendedParts() {
        TrainingLogBuilder first = new TrainingLogBuilder();
        steplessRecord(first, 3.0);
        record(first, 10, 2.5);
        TrainingLogBuilder last = new TrainingLogBuilder();
        // A part starting with a record without a step: it is placed at the step before it (10).
        steplessRecord(last, 2.2);
        record(last, 20, 2.0);

        first.append(last);
        TrainingLog log = first.build(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER);

        Series loss = log.series(MetricNames.LOSS);
        assertThat(loss.steps()).containsExactly(0L, 10L, 10L, 20L);
        assertThat(List.of(loss.hasStep(0), loss.hasStep(1), loss.hasStep(2), loss.hasStep(3)))
                .containsExactly(false, true, false, true);
        assertThat(log.records()).extracting(Record::hasStep).containsExactly(false, true, false, true);
        assertThat(log.hasSteps()).isTrue();
        // The global_step series holds only the steps records gave, as epoch holds only theirs.
        assertThat(log.series(MetricNames.STEP).values()).containsExactly(10.0, 20.0);
    }

    @Test
    void aLogWhoseRecordsAllHaveStepsMarksNone() {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        record(builder, 1, 2.0);
        record(builder, 2, 1.0);
        TrainingLog log = builder.build(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER);
        assertThat(log.records()).extracting(Record::hasStep).containsExactly(true, true);
    }

    @Test
    void aSnapshotKeepsItsRecordsStepsWhenLaterRecordsHaveNone() {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        record(builder, 1, 2.0);
        TrainingLog before =
                builder.snapshot(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER, List.of());
        steplessRecord(builder, 1.5);
        TrainingLog after =
                builder.snapshot(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER, List.of());

        assertThat(before.records()).extracting(Record::hasStep).containsExactly(true);
        assertThat(after.records()).extracting(Record::hasStep).containsExactly(true, false);
        assertThat(after.startsWith(before)).isTrue();
    }
}
