package dev.forgather.logs.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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

    /**
     * Records that make joining hard, one consumer each: a part starts with records without a
     * step (they inherit the step before the part), an evaluation repeated across a part
     * boundary, a metric first seen in a later part, a value with its own time only there, NaN,
     * and a last part cut inside a record.
     */
    private static List<Consumer<TrainingLogBuilder>> trickyRecords() {
        List<Consumer<TrainingLogBuilder>> records = new ArrayList<>();
        records.add(b -> record(b, 10, 2.0));
        records.add(b -> evaluation(b, 10, 1.9));
        // part boundary 1: the same evaluation again, then a record without a step.
        records.add(b -> evaluation(b, 10, 1.9));
        records.add(b -> {
            b.beginRecord();
            b.value(MetricNames.LOSS, Double.NaN);
            b.endRecord();
        });
        records.add(b -> record(b, 20, 1.5));
        // part boundary 2: records without a step, one with a new metric and a time of its own.
        records.add(b -> {
            b.beginRecord();
            b.timestamp(100);
            b.value("grad_norm", 0.5, 105);
            b.endRecord();
        });
        records.add(b -> record(b, 20, 1.25));
        records.add(b -> evaluation(b, 20, 1.7));
        records.add(b -> evaluation(b, 20, 1.7));
        records.add(b -> {
            // cut off: never ended
            b.beginRecord();
            b.step(30);
            b.value("learning_rate", 1e-3);
        });
        return records;
    }

    private static void evaluation(TrainingLogBuilder builder, long step, double evalLoss) {
        builder.beginRecord();
        builder.step(step);
        builder.value(MetricNames.EVAL_LOSS, evalLoss);
        builder.endRecord();
    }

    private static String describe(TrainingLog log) {
        StringBuilder sb = new StringBuilder();
        for (Record r : log.records()) {
            sb.append(r.kind())
                    .append(' ')
                    .append(r.hasStep())
                    .append(' ')
                    .append(r)
                    .append('\n');
        }
        for (String name : log.metricNames()) {
            Series series = log.series(name);
            sb.append(name).append(": ").append(series).append(" times ");
            for (int i = 0; i < series.size(); i++) {
                sb.append(series.timestamp(i)).append(' ');
            }
            sb.append('\n');
        }
        return sb.append(log.hasSteps()).toString();
    }

    @Test
    void partsJoinedInOneAppendReadAsTheWholeInOneBuilder() {
        List<Consumer<TrainingLogBuilder>> records = trickyRecords();
        TrainingLogBuilder whole = new TrainingLogBuilder();
        records.forEach(r -> r.accept(whole));
        String expected = describe(whole.build(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER));

        // Every way to cut the records into three parts, each part read by a builder of its own.
        for (int first = 0; first <= records.size(); first++) {
            for (int second = first; second <= records.size(); second++) {
                TrainingLogBuilder head = new TrainingLogBuilder();
                TrainingLogBuilder middle = new TrainingLogBuilder();
                TrainingLogBuilder tail = new TrainingLogBuilder();
                // A reader's estimate, too low for one part and too high for another.
                head.reserve(1);
                middle.reserve(100);
                for (int i = 0; i < records.size(); i++) {
                    records.get(i).accept(i < first ? head : i < second ? middle : tail);
                }
                head.append(List.of(middle, tail));
                TrainingLog joined = head.build(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER);

                assertThat(describe(joined))
                        .as("parts [0, %d), [%d, %d), [%d, end)", first, first, second, second)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void columnsSizedFromAWrongEstimateStillKeepEveryValue() {
        for (int estimate : new int[] {0, 10, 10_000, 1_000_000}) {
            TrainingLogBuilder builder = new TrainingLogBuilder();
            builder.reserve(estimate);
            for (int step = 1; step <= 10_000; step++) {
                record(builder, step, 1.0 / step);
                if (step % 100 == 0) {
                    evaluation(builder, step, 2.0 / step);
                }
                if (step == 5_000) {
                    builder.expect(estimate / 2); // a reader's estimate, revised (here: wrongly)
                }
            }
            TrainingLog log = builder.build(Path.of("trainer_logs.json"), RunName.of("run"), LogFormat.FORGATHER);

            assertThat(log.recordCount()).as("estimate %d", estimate).isEqualTo(10_100);
            assertThat(log.series(MetricNames.LOSS).values()).hasSize(10_000).startsWith(1.0, 0.5);
            assertThat(log.series(MetricNames.LOSS).steps()).endsWith(9_999L, 10_000L);
            assertThat(log.series(MetricNames.EVAL_LOSS).values()).hasSize(100).endsWith(2.0 / 10_000);
            assertThat(log.record(10_099).step()).isEqualTo(10_000L);
        }
    }
}
