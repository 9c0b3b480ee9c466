package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.LogFollower;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.LogSnapshot.Change;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.TrainingLog;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a TensorBoard run: an offset per event file, new files noticed, rewrites told apart. */
class TensorBoardFollowTest {
    @TempDir
    Path dir;

    private static String render(TrainingLog log) {
        return log.records().stream().map(Record::toString).collect(Collectors.joining("\n"));
    }

    private static byte[] losses(long fromStep, long toStep, double sign) {
        EventFiles events = new EventFiles();
        for (long step = fromStep; step <= toStep; step++) {
            events.simple(step, 1000.0 + step, "train/loss", (float) (sign * step));
        }
        return events.bytes();
    }

    @Test
    void onlyTheBytesAFileGainedAreRead() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path file = run.resolve("events.out.tfevents.100.host.1.0");
        byte[] first = losses(1, 20, 1);
        Files.write(file, first);
        LogFollower follower = TrainingLogs.follow(run);
        assertThat(follower.poll().log().series("loss").size()).isEqualTo(20);

        // Damage a record far before the end, in place: a follower that read the file again
        // would skip it; one that reads on from its offset never sees it.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55}), 60);
        }
        Files.write(file, losses(21, 22, 1), StandardOpenOption.APPEND);
        LogSnapshot grown = follower.poll();

        assertThat(grown.change()).isEqualTo(Change.APPENDED);
        assertThat(grown.addedRecords()).isEqualTo(2);
        assertThat(grown.log().series("loss").size()).isEqualTo(22);
        assertThat(grown.log().warnings()).isEmpty();
        assertThat(TrainingLogs.load(run).warnings())
                .as("a whole read meets the damage")
                .singleElement()
                .asString()
                .contains("skipped 1 damaged record");
    }

    @Test
    void aRecordCutOffMidWriteIsReadWholeAtTheNextPoll() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path file = run.resolve("events.out.tfevents.100.host.1.0");
        Files.write(file, losses(1, 2, 1));
        LogFollower follower = TrainingLogs.follow(run);
        follower.poll();
        byte[] next = Arrays.copyOfRange(losses(3, 3, 1), losses(1, 0, 1).length, losses(3, 3, 1).length);

        Files.write(file, Arrays.copyOf(next, 10), StandardOpenOption.APPEND);
        LogSnapshot torn = follower.poll();
        assertThat(torn.change()).isEqualTo(Change.UNCHANGED);
        assertThat(torn.log().warnings()).singleElement().asString().contains("ignored the last 10 bytes");

        Files.write(file, Arrays.copyOfRange(next, 10, next.length), StandardOpenOption.APPEND);
        LogSnapshot whole = follower.poll();
        assertThat(whole.change()).isEqualTo(Change.APPENDED);
        assertThat(whole.log().series("loss").values()).containsExactly(1.0, 2.0, 3.0);
        assertThat(whole.log().warnings()).isEmpty();
    }

    @Test
    void aTruncatedAReplacedAndARemovedFileAreRewrites() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path a = run.resolve("events.out.tfevents.100.host.1.0");
        Path b = run.resolve("events.out.tfevents.200.host.2.0");
        Files.write(a, losses(1, 5, 1));
        Files.write(b, losses(6, 8, 1));
        LogFollower follower = TrainingLogs.follow(run);
        assertThat(follower.poll().log().recordCount()).isEqualTo(8);

        // Truncated in place and written again shorter: same file, smaller than the offset.
        Files.write(b, losses(6, 6, 1), StandardOpenOption.TRUNCATE_EXISTING);
        LogSnapshot truncated = follower.poll();
        assertThat(truncated.change()).isEqualTo(Change.REWRITTEN);
        assertThat(truncated.log().series("loss").steps()).containsExactly(1, 2, 3, 4, 5, 6);

        // Replaced by another file of the same size, other values.
        Path replacement = run.resolve("replacement.tmp");
        Files.write(replacement, losses(1, 5, -1));
        Files.move(replacement, a, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LogSnapshot replaced = follower.poll();
        assertThat(replaced.change()).isEqualTo(Change.REWRITTEN);
        assertThat(replaced.log().series("loss").values()).containsExactly(-1.0, -2.0, -3.0, -4.0, -5.0, 6.0);

        Files.delete(b);
        LogSnapshot removed = follower.poll();
        assertThat(removed.change()).isEqualTo(Change.REWRITTEN);
        assertThat(removed.log().recordCount()).isEqualTo(5);
        assertThat(render(removed.log())).isEqualTo(render(TrainingLogs.load(run)));
    }

    @Test
    void aNewFileWhoseEventsCameEarlierIsARewrite() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.write(run.resolve("events.out.tfevents.200.host.2.0"), losses(10, 12, 1));
        LogFollower follower = TrainingLogs.follow(run);
        follower.poll();

        // A file flushed late whose events were logged before the ones read: merged in wall-time
        // order they come first, so the records read before are no longer the log's first.
        Files.write(run.resolve("events.out.tfevents.100.host.1.0"), losses(1, 2, 1));
        LogSnapshot merged = follower.poll();

        assertThat(merged.change()).isEqualTo(Change.REWRITTEN);
        assertThat(merged.log().series("loss").steps()).containsExactly(1, 2, 10, 11, 12);
    }

    @Test
    void aWriterThatAppendsAddsAFileAndRewritesOneNeverLosesOrDoublesARecord() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path a = run.resolve("events.out.tfevents.100.host.1.0");
        Path b = run.resolve("events.out.tfevents.200.host.2.0");
        Files.write(a, new EventFiles().bytes());
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                // Steps 1-300 into the first file, each event in two writes, so that a poll may
                // meet half a record; then 301-600 into a second file; then the first file is
                // replaced by one holding steps 1-150 with negative losses.
                appendSlowly(a, 1, 300);
                Files.write(b, new EventFiles().bytes());
                appendSlowly(b, 301, 600);
                Path replacement = run.resolve("replacement.tmp");
                Files.write(replacement, losses(1, 150, -1));
                Files.move(replacement, a, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                done.set(true);
            }
        });
        LogFollower follower = TrainingLogs.follow(run);
        writer.start();
        TrainingLog previous = null;
        List<Change> changes = new ArrayList<>();
        int failedPolls = 0;
        while (true) {
            boolean finished = done.get();
            LogSnapshot now;
            try {
                now = follower.poll();
            } catch (LogReadException e) {
                // The replacement's rename, seen between the listing and the stat: poll again.
                assertThat(++failedPolls)
                        .as("failed polls, the last: %s", e.getMessage())
                        .isLessThan(100);
                continue;
            }
            changes.add(now.change());
            assertNoStepTwiceAndEveryValueWritten(now.log());
            if (previous != null && now.change() == Change.APPENDED) {
                assertThat(now.log().startsWith(previous)).isTrue();
                assertThat(now.addedRecords()).isEqualTo(now.log().recordCount() - previous.recordCount());
            }
            if (previous != null && now.change() == Change.UNCHANGED) {
                assertThat(now.log().recordCount()).isEqualTo(previous.recordCount());
            }
            previous = now.log();
            if (finished) {
                break;
            }
        }
        writer.join();
        assertThat(failure.get()).isNull();

        TrainingLog last = follower.poll().log();
        assertThat(render(last)).isEqualTo(render(TrainingLogs.load(run)));
        assertThat(last.series("loss").size()).isEqualTo(150 + 300);
        assertThat(last.series("loss").value(0)).isEqualTo(-1.0);
        assertThat(changes).contains(Change.APPENDED, Change.REWRITTEN);
    }

    /** Appends one loss event per step, each in two writes with a pause between. */
    private static void appendSlowly(Path file, long from, long to) throws Exception {
        int header = new EventFiles().bytes().length;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            for (long step = from; step <= to; step++) {
                byte[] all = losses(step, step, 1);
                byte[] event = Arrays.copyOfRange(all, header, all.length);
                out.write(event, 0, event.length / 2);
                out.flush();
                Thread.yield();
                out.write(event, event.length / 2, event.length - event.length / 2);
                out.flush();
            }
        }
    }

    private static void assertNoStepTwiceAndEveryValueWritten(TrainingLog log) {
        Set<Long> steps = new HashSet<>();
        for (Record record : log.records()) {
            assertThat(steps.add(record.step()))
                    .as("step %s twice", record.step())
                    .isTrue();
            double loss = record.get("loss").orElseThrow();
            assertThat(Math.abs(loss)).as("record %s", record).isEqualTo((double) record.step());
            assertThat(record.timestamp()).hasValue(1000.0 + record.step());
        }
    }
}
