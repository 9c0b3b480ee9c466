package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RecordGrouper} keeps what it knows of a name by number rather than by string; its
 * records must be those of the string-keyed grouper it replaced ({@link Before}, kept here as
 * it was), bit for bit, and so must the TensorBoard reader's, which no longer merges one file's
 * values with itself. The inputs are the tricky ones: steps out of order and repeated, a tag
 * appearing mid-run, one step's events split by another step's, wall times differing within a
 * step, epochs, evaluation and test values, several files.
 */
class RecordGrouperTest {
    private static final String[] TAGS = {
        "train/loss", "train/grad_norm", "train/learning_rate", "train/epoch", "epoch", "eval/loss", "val_loss",
        "test/acc", "validation_accuracy", "loss", "lr", "eval_accuracy", "test_loss", "custom"
    };

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void groupsAsTheStringKeyedGrouperDid(long seed) {
        Random random = new Random(seed);
        List<Point> points = randomPoints(random, 1 + random.nextInt(400));
        List<String> names = new ArrayList<>();
        for (Point p : points) {
            if (!names.contains(p.name)) {
                names.add(p.name);
            }
        }
        for (boolean splitOnTime : new boolean[] {false, true}) {
            for (boolean epochCloses : new boolean[] {false, true}) {
                TrainingLogBuilder before = new TrainingLogBuilder();
                Before old = new Before(before, splitOnTime, epochCloses);
                TrainingLogBuilder after = new TrainingLogBuilder();
                RecordGrouper now = new RecordGrouper(after, splitOnTime, epochCloses);
                // Numbered up front in another order than the values come: numbers are not names.
                for (int i = names.size() - 1; i >= 0; i--) {
                    now.index(names.get(i));
                }
                for (Point p : points) {
                    old.add(p.step, p.time, p.name, p.value);
                    if (random.nextBoolean()) {
                        now.add(p.step, p.time, p.name, p.value);
                    } else {
                        now.add(p.step, p.time, now.index(p.name), p.value);
                    }
                }
                old.finish();
                now.finish();
                assertThat(describe(after)).isEqualTo(describe(before));
            }
        }
    }

    /** The TensorBoard reader, one file or several, against the merge and the grouper it had. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tensorBoardGroupsAsBefore(long seed) {
        Random random = new Random(seed);
        int fileCount = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
        TensorBoardReader.Tags tags = new TensorBoardReader.Tags();
        // The tags in the order the reader numbers them: first seen first.
        List<String> tagNames = new ArrayList<>();
        List<TensorBoardReader.FileScalars> files = new ArrayList<>();
        for (int f = 0; f < fileCount; f++) {
            TensorBoardReader.FileScalars file = new TensorBoardReader.FileScalars();
            for (Point p : randomPoints(random, random.nextInt(300))) {
                if (!tagNames.contains(p.name)) {
                    tagNames.add(p.name);
                }
                file.add(tags.of(p.name), p.step, p.time, p.value);
            }
            files.add(file);
        }
        TrainingLogBuilder after = new TrainingLogBuilder();
        tags.emit(files, after);
        assertThat(describe(after)).isEqualTo(describe(emitAsBefore(tagNames, files)));
    }

    @Test
    void summaryWriterShapeGroupsOneRecordPerStep() {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        RecordGrouper grouper = new RecordGrouper(builder, false, true);
        for (int step = 1; step <= 3; step++) {
            grouper.add(step, 100 + step, "loss", step);
            grouper.add(step, 100.5 + step, "grad_norm", 0.5);
            grouper.add(step, 101 + step, "epoch", 0.1 * step);
        }
        grouper.finish();
        TrainingLog log = build(builder);
        assertThat(log.recordCount()).isEqualTo(3);
        assertThat(log.series("grad_norm").timestamp(0)).isEqualTo(101.5);
        assertThat(log.record(2).epoch()).hasValue(0.1 * 3);
    }

    /** {@code TensorBoardReader.Tags.emit} as it was: every file merged by time, names by string. */
    private static TrainingLogBuilder emitAsBefore(List<String> tagNames, List<TensorBoardReader.FileScalars> files) {
        TrainingLogBuilder into = new TrainingLogBuilder();
        String[] names = CanonicalNames.aliased(tagNames, into);
        Before grouper = new Before(into, false, true);
        int[] next = new int[files.size()];
        while (true) {
            int pick = -1;
            double earliest = Double.POSITIVE_INFINITY;
            for (int f = 0; f < next.length; f++) {
                TensorBoardReader.FileScalars file = files.get(f);
                if (next[f] < file.size && (pick < 0 || file.times[next[f]] < earliest)) {
                    pick = f;
                    earliest = file.times[next[f]];
                }
            }
            if (pick < 0) {
                break;
            }
            TensorBoardReader.FileScalars file = files.get(pick);
            int i = next[pick]++;
            grouper.add(file.steps[i], file.times[i], names[file.metric[i]], file.values[i]);
        }
        grouper.finish();
        return into;
    }

    private record Point(long step, double time, String name, double value) {}

    /**
     * Mostly SummaryWriter-like steps (a few tags, each its own wall time, rising steps), with
     * steps going back, repeating, one step's values interleaved with the next's, tags first seen
     * mid-run, equal and NaN times.
     */
    private static List<Point> randomPoints(Random random, int n) {
        List<Point> points = new ArrayList<>();
        int tagPool = 1 + random.nextInt(TAGS.length);
        long step = random.nextInt(3);
        double time = 1.7e9 + random.nextInt(100);
        while (points.size() < n) {
            switch (random.nextInt(10)) {
                case 0 -> step -= random.nextInt(5);
                case 1 -> {}
                default -> step += 1 + (random.nextInt(4) == 0 ? random.nextInt(50) : 0);
            }
            int values = 1 + random.nextInt(4);
            for (int v = 0; v < values && points.size() < n; v++) {
                // A tag of the pool, which grows mid-run.
                if (random.nextInt(40) == 0 && tagPool < TAGS.length) {
                    tagPool++;
                }
                String name = TAGS[random.nextInt(tagPool)];
                switch (random.nextInt(6)) {
                    case 0 -> {}
                    case 1 -> time -= random.nextInt(3);
                    default -> time += random.nextInt(3) * 0.25;
                }
                double t = random.nextInt(50) == 0 ? Double.NaN : time;
                long s = random.nextInt(15) == 0 ? step + 1 : step;
                points.add(new Point(s, t, name, random.nextInt(30) == 0 ? Double.NaN : random.nextDouble()));
            }
        }
        return points;
    }

    private static TrainingLog build(TrainingLogBuilder builder) {
        return builder.build(Path.of("run", "events"), RunName.of("run"), LogFormat.TENSORBOARD);
    }

    /** The records bit for bit, then every series in the log's order with each value's own time. */
    private static String describe(TrainingLogBuilder builder) {
        TrainingLog log = build(builder);
        StringBuilder sb = new StringBuilder(ForgatherLogFuzzTest.describe(log));
        sb.append(log.aliases()).append('\n');
        for (String name : log.metricNames()) {
            Series series = log.series(name);
            sb.append(name).append(':');
            for (int i = 0; i < series.size(); i++) {
                sb.append(' ')
                        .append(series.recordIndex(i))
                        .append('@')
                        .append(Double.doubleToRawLongBits(series.timestamp(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** RecordGrouper as it was before names were numbered: a set of the record's names, phases by string. */
    private static final class Before {
        private final TrainingLogBuilder into;
        private final boolean splitOnTime;
        private final boolean epochClosesRecord;

        private boolean open;
        private long step;
        private double time;
        private String phase;
        private boolean hasEpoch;
        private final Set<String> names = new HashSet<>();

        Before(TrainingLogBuilder into, boolean splitOnTime, boolean epochClosesRecord) {
            this.into = into;
            this.splitOnTime = splitOnTime;
            this.epochClosesRecord = epochClosesRecord;
        }

        void add(long step, double time, String name, double value) {
            boolean isEpoch = name.equals(CanonicalNames.EPOCH);
            String valuePhase = isEpoch ? null : RecordGrouper.phaseOf(name);
            if (!open
                    || step != this.step
                    || splitOnTime && Double.doubleToLongBits(time) != Double.doubleToLongBits(this.time)
                    || (isEpoch ? hasEpoch : names.contains(name))
                    || valuePhase != null && phase != null && !valuePhase.equals(phase)
                    || epochClosesRecord && hasEpoch && !isEpoch) {
                startRecord(step, time);
            }
            if (isEpoch) {
                into.epoch(value);
                hasEpoch = true;
            } else {
                into.value(name, value, time);
                names.add(name);
                if (phase == null) {
                    phase = valuePhase;
                }
            }
        }

        void finish() {
            if (open) {
                into.endRecord();
                open = false;
            }
        }

        private void startRecord(long step, double time) {
            finish();
            into.beginRecord();
            into.step(step);
            if (!Double.isNaN(time)) {
                into.timestamp(time);
            }
            open = true;
            this.step = step;
            this.time = time;
            phase = null;
            hasEpoch = false;
            names.clear();
        }
    }
}
