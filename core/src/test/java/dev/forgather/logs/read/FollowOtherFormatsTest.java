package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.LogFollower;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.LogSnapshot.Change;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following the formats other than Forgather's: TensorBoard event files, a Lightning metrics.csv. */
class FollowOtherFormatsTest {
    @TempDir
    Path dir;

    private static String render(TrainingLog log) {
        return log.records().stream().map(Record::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void aTensorBoardRunIsFollowedAsItsFileGrowsAndANewFileAppears() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path first = run.resolve("events.out.tfevents.100.host.1.0");
        Files.write(
                first,
                new EventFiles()
                        .simple(10, 100.0, "train/loss", 3.0f)
                        .simple(20, 101.0, "train/loss", 2.0f)
                        .bytes());
        LogFollower follower = TrainingLogs.follow(run);

        LogSnapshot loaded = follower.poll();
        assertThat(loaded.change()).isEqualTo(Change.LOADED);
        assertThat(loaded.log().series("loss").values()).containsExactly(3.0, 2.0);
        assertThat(loaded.open()).isTrue();

        // The writer flushes two more events into its file (a new EventFiles starts with a
        // file-version event, which holds no scalar).
        Files.write(
                first,
                new EventFiles()
                        .simple(30, 102.0, "train/loss", 1.75f)
                        .simple(30, 102.5, "eval/loss", 1.5f)
                        .bytes(),
                StandardOpenOption.APPEND);
        LogSnapshot grown = follower.poll();
        assertThat(grown.change()).isEqualTo(Change.APPENDED);
        assertThat(grown.addedRecords()).isEqualTo(2);
        assertThat(grown.log().series("loss").values()).containsExactly(3.0, 2.0, 1.75);
        assertThat(grown.log().series("eval_loss").values()).containsExactly(1.5);

        // The run restarts: a second event file beside the first.
        Path second = run.resolve("events.out.tfevents.200.host.2.0");
        Files.write(
                second, new EventFiles().simple(40, 200.0, "train/loss", 1.25f).bytes());
        LogSnapshot restarted = follower.poll();
        assertThat(restarted.change()).isEqualTo(Change.APPENDED);
        assertThat(restarted.addedRecords()).isEqualTo(1);
        assertThat(restarted.log().series("loss").steps()).containsExactly(10, 20, 30, 40);
        assertThat(render(restarted.log())).isEqualTo(render(TrainingLogs.load(run)));
        assertThat(restarted.modified())
                .isEqualTo(Files.getLastModifiedTime(second).toInstant());

        LogSnapshot again = follower.poll();
        assertThat(again.change()).isEqualTo(Change.UNCHANGED);
        assertThat(again.log()).isSameAs(restarted.log());
        assertThat(loaded.log().series("loss").values())
                .as("the first snapshot")
                .containsExactly(3.0, 2.0);
    }

    @Test
    void aLightningCsvRewrittenWithANewColumnIsReadAgain() throws Exception {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, "epoch,step,train_loss\n0,9,2.5\n0,19,2.25\n");
        LogFollower follower = TrainingLogs.follow(file);

        LogSnapshot loaded = follower.poll();
        assertThat(loaded.log().recordCount()).isEqualTo(2);
        assertThat(loaded.log().has("eval_loss")).isFalse();

        // Lightning writes the whole file again when a metric appears: a column more, the old
        // rows with an empty cell in it.
        Files.writeString(file, "epoch,step,train_loss,val_loss\n0,9,2.5,\n0,19,2.25,\n0,19,,2.0\n");
        LogSnapshot widened = follower.poll();
        assertThat(widened.change()).isEqualTo(Change.APPENDED);
        assertThat(widened.addedRecords()).isEqualTo(1);
        assertThat(widened.firstNewRecord()).isEqualTo(2);
        assertThat(widened.log().series("eval_loss").values()).containsExactly(2.0);
        assertThat(widened.log().series("val_loss").values()).containsExactly(2.0);
        assertThat(render(widened.log())).isEqualTo(render(TrainingLogs.load(file)));

        // Touched, not changed: read again, and nothing new.
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        LogSnapshot touched = follower.poll();
        assertThat(touched.change()).isEqualTo(Change.UNCHANGED);
        assertThat(touched.addedRecords()).isZero();
        assertThat(touched.modified()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));

        // A new run in the same folder: its first rows differ.
        Files.writeString(file, "epoch,step,train_loss\n0,9,3.5\n");
        LogSnapshot rewritten = follower.poll();
        assertThat(rewritten.change()).isEqualTo(Change.REWRITTEN);
        assertThat(rewritten.addedRecords()).isEqualTo(1);
        assertThat(rewritten.log().series("loss").values()).containsExactly(3.5);
        assertThat(widened.log().recordCount()).as("the earlier snapshot").isEqualTo(3);
    }

    @Test
    void aHuggingFaceStateWithTheFinalRecordIsNoLongerOpen() throws Exception {
        Path file = dir.resolve("trainer_state.json");
        Files.writeString(
                file, "{\"log_history\": [{\"loss\": 2.5, \"step\": 10, \"epoch\": 0.5}], \"global_step\": 10}");
        LogFollower follower = TrainingLogs.follow(file);
        assertThat(follower.poll().open()).isTrue();

        Files.writeString(
                file,
                "{\"log_history\": [{\"loss\": 2.5, \"step\": 10, \"epoch\": 0.5},"
                        + " {\"train_runtime\": 12.5, \"step\": 20, \"epoch\": 1.0}], \"global_step\": 20}");
        LogSnapshot finished = follower.poll();
        assertThat(finished.change()).isEqualTo(Change.APPENDED);
        assertThat(finished.addedRecords()).isEqualTo(1);
        assertThat(finished.open()).isFalse();
    }
}
