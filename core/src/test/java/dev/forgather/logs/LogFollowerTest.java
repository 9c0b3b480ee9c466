package dev.forgather.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.LogSnapshot.Change;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following a Forgather {@code trainer_logs.json} while the trainer writes it: "[\n", records
 * joined by ",\n", flushed in pieces that cut records, "\n]" at the end; truncated and rewritten
 * when the run resumes from a checkpoint; replaced by another file.
 */
class LogFollowerTest {
    @TempDir
    Path dir;

    /** A record as the trainer writes it; {@code run} tells the writes of a resumed run from the first. */
    private static String record(int run, int step) {
        return "{\"timestamp\": " + (1700000000 + run * 100000 + step * 0.25) + ", \"global_step\": " + step
                + ", \"epoch\": " + (step / 500.0) + ", \"loss\": " + (run + 5.0 / (1 + step))
                + ", \"grad_norm\": NaN, \"learning_rate\": 1e-05}";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** What a user sees of a log: every record, as text. */
    private static String render(TrainingLog log) {
        return log.records().stream().map(Record::toString).collect(Collectors.joining("\n"));
    }

    /** The trainer's writes, each flushed in two pieces, so that readers see records cut in half. */
    private static final class Trainer {
        private final OutputStream out;
        private int written;

        Trainer(OutputStream out) {
            this.out = out;
        }

        void open() throws IOException {
            out.write(ascii("[\n"));
            out.flush();
        }

        void write(int run, int step) throws IOException {
            byte[] bytes = ascii((written++ == 0 ? "" : ",\n") + record(run, step));
            int cut = bytes.length / 3;
            out.write(bytes, 0, cut);
            out.flush();
            Thread.onSpinWait();
            out.write(bytes, cut, bytes.length - cut);
            out.flush();
        }

        void close() throws IOException {
            out.write(ascii("\n]"));
            out.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aFollowerRacingTheTrainerNeverLosesNorDoublesARecord() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(file, "");
        AtomicInteger seen = new AtomicInteger(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int firstRun = 1500;
        int kept = 1000;
        int resumedTo = 2200;
        int replacedRun = 700;
        Thread writer = new Thread(() -> {
            try {
                Trainer first = new Trainer(Files.newOutputStream(file, StandardOpenOption.APPEND));
                first.open();
                for (int step = 0; step < firstRun; step++) {
                    first.write(0, step);
                    pause(step);
                }
                awaitSeen(seen, firstRun);
                // The run resumes from the checkpoint at step 999: the trainer truncates its log,
                // writes the records up to the checkpoint again, then the new ones.
                Trainer resumed = new Trainer(
                        Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
                resumed.open();
                for (int step = 0; step < resumedTo; step++) {
                    resumed.write(step < kept ? 0 : 1, step);
                    pause(step);
                }
                awaitSeen(seen, resumedTo);
                // Another run's log is moved over this one, and that run goes on writing.
                Path other = dir.resolve("trainer_logs.json.tmp");
                Trainer replacing = new Trainer(Files.newOutputStream(other));
                replacing.open();
                for (int step = 0; step < 100; step++) {
                    replacing.write(2, step);
                }
                Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                awaitSeen(seen, 100);
                for (int step = 100; step < replacedRun; step++) {
                    replacing.write(2, step);
                    pause(step);
                }
                replacing.close();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        LogFollower follower = TrainingLogs.follow(dir);
        writer.start();

        List<LogSnapshot> kept_ = new ArrayList<>();
        List<String> keptText = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        LogSnapshot previous = null;
        int polls = 0;
        while (writer.isAlive() || previous == null || previous.open()) {
            LogSnapshot now = follower.poll();
            polls++;
            TrainingLog log = now.log();
            for (int i = 0; i < log.recordCount(); i++) {
                assertThat(log.record(i).step())
                        .as("record %d of poll %d", i, polls)
                        .isEqualTo(i);
            }
            if (previous == null) {
                assertThat(now.change()).isEqualTo(Change.LOADED);
            } else {
                switch (now.change()) {
                    case UNCHANGED -> {
                        assertThat(now.addedRecords()).isZero();
                        assertThat(log.recordCount()).isEqualTo(previous.log().recordCount());
                    }
                    case APPENDED -> {
                        assertThat(log.startsWith(previous.log()))
                                .as("poll %d keeps every record", polls)
                                .isTrue();
                        assertThat(now.addedRecords())
                                .isPositive()
                                .isEqualTo(log.recordCount() - previous.log().recordCount());
                    }
                    case REWRITTEN -> assertThat(now.addedRecords()).isEqualTo(log.recordCount());
                    default -> throw new AssertionError("poll " + polls + ": " + now.change());
                }
            }
            if (now.change() != Change.UNCHANGED) {
                changes.add(now.change());
            }
            if (polls % 7 == 0 && kept_.size() < 60) {
                kept_.add(now);
                keptText.add(render(log));
            }
            seen.set(log.recordCount());
            previous = now;
            if (!writer.isAlive() && failure.get() != null) {
                break;
            }
        }
        writer.join();
        assertThat(failure.get()).isNull();

        TrainingLog fresh = TrainingLogs.load(file);
        LogSnapshot last = follower.poll();
        assertThat(last.open()).isFalse();
        assertThat(last.log().recordCount()).isEqualTo(replacedRun);
        assertThat(render(last.log())).isEqualTo(render(fresh));
        assertThat(last.log().startsWith(fresh) && fresh.startsWith(last.log())).isTrue();
        assertThat(last.log().warnings()).isEqualTo(fresh.warnings()).isEmpty();
        // Loaded, grown, rewritten by the resumed run, grown, replaced, grown: each rewrite seen once.
        assertThat(changes.stream().filter(c -> c == Change.REWRITTEN).count()).isEqualTo(2);
        assertThat(changes.get(0)).isEqualTo(Change.LOADED);
        assertThat(changes)
                .containsSubsequence(
                        Change.LOADED,
                        Change.APPENDED,
                        Change.REWRITTEN,
                        Change.APPENDED,
                        Change.REWRITTEN,
                        Change.APPENDED);
        for (int i = 0; i < kept_.size(); i++) {
            assertThat(render(kept_.get(i).log()))
                    .as("snapshot %d, after later polls", i)
                    .isEqualTo(keptText.get(i));
        }
        assertThat(kept_).hasSizeGreaterThan(3);
    }

    /** Lets the follower poll between some records, as it does between the trainer's steps. */
    private static void pause(int step) throws InterruptedException {
        if (step % 50 == 0) {
            Thread.sleep(1);
        }
    }

    /** Waits until the follower has seen {@code records} records, so that each rewrite comes after a poll. */
    private static void awaitSeen(AtomicInteger seen, int records) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen.get() != records && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void aRecordCutOffMidWriteIsReadWholeAtTheNextPoll() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        String two = "[\n" + record(0, 0) + ",\n" + record(0, 1);
        String third = ",\n" + record(0, 2);
        Files.writeString(file, two + third.substring(0, 40));
        LogFollower follower = TrainingLogs.follow(file);

        LogSnapshot cut = follower.poll();
        assertThat(cut.change()).isEqualTo(Change.LOADED);
        assertThat(cut.log().recordCount()).isEqualTo(2);
        assertThat(cut.addedRecords()).isEqualTo(2);
        assertThat(cut.open()).isTrue();
        assertThat(cut.log().warnings())
                .isEqualTo(TrainingLogs.load(file).warnings())
                .containsExactly(file + ": ignored the last 40 bytes, a record cut off mid-write"
                        + " (the run is still writing or was stopped); read 2 records");

        Files.writeString(file, third.substring(40), StandardOpenOption.APPEND);
        LogSnapshot whole = follower.poll();
        assertThat(whole.change()).isEqualTo(Change.APPENDED);
        assertThat(whole.addedRecords()).isEqualTo(1);
        assertThat(whole.firstNewRecord()).isEqualTo(2);
        assertThat(whole.log().record(2).get("loss")).hasValue(5.0 / 3);
        assertThat(whole.log().warnings())
                .isEqualTo(TrainingLogs.load(file).warnings())
                .containsExactly(file + ": no closing ']' (the run is still writing or was stopped); read 3 records");
        assertThat(cut.log().recordCount()).as("the earlier snapshot").isEqualTo(2);
        assertThat(cut.log().series("loss").size()).isEqualTo(2);

        Files.writeString(file, "\n]", StandardOpenOption.APPEND);
        LogSnapshot closed = follower.poll();
        assertThat(closed.change()).isEqualTo(Change.UNCHANGED);
        assertThat(closed.open()).isFalse();
        assertThat(closed.log().recordCount()).isEqualTo(3);
        assertThat(closed.log().warnings()).isEmpty();
    }

    @Test
    void aResumedRunThatRewroteMoreThanWasReadIsSeenAsRewritten() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        // Records of one width, so that the resumed run's bytes line up with the first run's.
        java.util.function.BiFunction<Integer, Integer, String> record =
                (run, step) -> String.format("{\"global_step\": %d, \"loss\": %d.%03d}", 100 + step, run, step);
        StringBuilder first = new StringBuilder("[\n");
        for (int step = 0; step < 300; step++) {
            first.append(step == 0 ? "" : ",\n").append(record.apply(0, step));
        }
        Files.writeString(file, first);
        LogFollower follower = TrainingLogs.follow(file);
        LogSnapshot before = follower.poll();
        Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();

        // Resumed from the checkpoint at step 199, and already past where the first run stopped,
        // before the next poll: the file is as long as before, and the same file.
        StringBuilder resumed = new StringBuilder("[\n");
        for (int step = 0; step < 400; step++) {
            resumed.append(step == 0 ? "" : ",\n").append(record.apply(step < 200 ? 0 : 1, step));
        }
        Files.writeString(file, resumed, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
                        .fileKey())
                .isEqualTo(inode);
        LogSnapshot after = follower.poll();

        assertThat(after.change()).isEqualTo(Change.REWRITTEN);
        assertThat(after.addedRecords()).isEqualTo(400);
        assertThat(render(after.log())).isEqualTo(render(TrainingLogs.load(file)));
        assertThat(after.log().record(250).get("loss")).hasValue(1.250);
        assertThat(before.log().record(250).get("loss"))
                .as("the earlier snapshot")
                .hasValue(0.250);
    }

    @Test
    void aPollWithNothingNewReturnsTheSameLog() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(file, "[\n" + record(0, 0));
        Instant modified = Instant.parse("2026-01-02T03:04:05Z");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        LogFollower follower = TrainingLogs.follow(file);

        LogSnapshot first = follower.poll();
        LogSnapshot again = follower.poll();
        LogSnapshot third = follower.poll();

        assertThat(first.modified()).isEqualTo(modified);
        assertThat(again.change()).isEqualTo(Change.UNCHANGED);
        assertThat(again.log()).isSameAs(first.log());
        assertThat(again.modified()).isEqualTo(modified);
        assertThat(again.open()).isTrue();
        assertThat(third).isSameAs(again);
        assertThat(follower.last()).containsSame(third);
    }

    @Test
    void anEmptyLogJustCreatedHasNoRecordsYet() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(file, "");
        LogFollower follower = TrainingLogs.follow(file);

        LogSnapshot empty = follower.poll();
        assertThat(empty.log().recordCount()).isZero();
        assertThat(empty.open()).isTrue();

        Files.writeString(file, "[\n" + record(0, 0) + ",\n" + record(0, 1));
        LogSnapshot grown = follower.poll();
        assertThat(grown.change()).isEqualTo(Change.APPENDED);
        assertThat(grown.addedRecords()).isEqualTo(2);
    }

    @Test
    void aMissingFileFailsThePollAndTheNextPollReadsOn() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(file, "[\n" + record(0, 0));
        LogFollower follower = TrainingLogs.follow(file);
        LogSnapshot first = follower.poll();
        Files.delete(file);

        assertThatThrownBy(follower::poll).isInstanceOf(LogReadException.class).hasMessage(file + ": no such file");
        assertThat(follower.last()).containsSame(first);

        // Another run starts: its file may even get the old one's inode, but its bytes differ.
        Files.writeString(file, "[\n" + record(1, 0) + ",\n" + record(1, 1));
        LogSnapshot back = follower.poll();
        assertThat(back.change()).isEqualTo(Change.REWRITTEN);
        assertThat(back.log().record(0).get("loss")).hasValue(6.0);
        assertThat(back.log().recordCount()).isEqualTo(2);
    }

    @Test
    void aLogTheScannerDoesNotReadIsFollowedWholeWithTheSameResults() throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        // A nested value: the fast scanner declines it, Jackson reads it.
        Files.writeString(file, "[\n{\"global_step\": 1, \"loss\": 2.5, \"extra\": {\"a\": 1}}");
        LogFollower follower = TrainingLogs.follow(file);
        assertThat(follower.poll().log().recordCount()).isEqualTo(1);

        Files.writeString(file, ",\n{\"global_step\": 2, \"loss\": 2.0}\n]", StandardOpenOption.APPEND);
        LogSnapshot grown = follower.poll();

        assertThat(grown.change()).isEqualTo(Change.APPENDED);
        assertThat(grown.addedRecords()).isEqualTo(1);
        assertThat(grown.open()).isFalse();
        assertThat(render(grown.log())).isEqualTo(render(TrainingLogs.load(file)));
    }

    @Test
    void followingAPathWithNoLogFailsAtOnce() {
        assertThatThrownBy(() -> TrainingLogs.follow(dir))
                .isInstanceOf(LogReadException.class)
                .hasMessage(dir + ": no trainer_logs.json in this run directory");
    }
}
