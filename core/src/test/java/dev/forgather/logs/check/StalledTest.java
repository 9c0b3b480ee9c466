package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalledTest {
    private static final Instant NOW = Instant.parse("2026-01-27T12:00:00Z");

    @TempDir
    Path tmp;

    /** Training records every 10 s for 20 records, with one 60 s gap. */
    private static TrainingLog everyTenSeconds() {
        LogMaker maker = new LogMaker();
        double t = 1_000_000;
        for (int i = 1; i <= 20; i++) {
            t += i == 10 ? 60 : 10;
            maker.record(i * 100L, t, "loss", 2.0);
        }
        return maker.build();
    }

    private static List<Finding> check(TrainingLog log, boolean open, Duration age) {
        return Stalled.defaults().check(new RunState(log, open, Optional.of(NOW.minus(age)), NOW));
    }

    @Test
    void theLimitIsTheLongestOfTenMedianIntervalsThreeLongestGapsAndFiveMinutes() {
        Stalled stalled = Stalled.defaults();
        assertThat(stalled.limitSeconds(everyTenSeconds())).isEqualTo(300); // 100 s, 180 s, 300 s
        assertThat(new Stalled(40, 3, Duration.ofMinutes(5)).limitSeconds(everyTenSeconds()))
                .isEqualTo(400);
        assertThat(new Stalled(10, 6, Duration.ofMinutes(5)).limitSeconds(everyTenSeconds()))
                .isEqualTo(360);
    }

    @Test
    void anOpenLogUnchangedForLongerThanTheLimitIsStalled() {
        List<Finding> found = check(everyTenSeconds(), true, Duration.ofHours(2).plusMinutes(13));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.detector()).isEqualTo("stalled");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.metric()).isEmpty();
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(2000));
            assertThat(f.value()).isEqualTo(7980);
            assertThat(f.threshold()).hasValue(300);
            assertThat(f.message())
                    .isEqualTo("stalled: the log is still open but has not changed for 2 h 13 min, longer"
                            + " than the 5 min limit: the run is probably dead, not training");
        });
    }

    @Test
    void anOpenLogWithinTheLimitIsInProgress() {
        List<Finding> found = check(everyTenSeconds(), true, Duration.ofSeconds(42));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.detector()).isEqualTo("in_progress");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message())
                    .isEqualTo("in_progress: the log is still open and changed 42 s ago, within the 5 min"
                            + " limit: the run is training");
        });
        assertThat(check(everyTenSeconds(), true, Duration.ofSeconds(300)))
                .extracting(Finding::detector)
                .containsExactly("in_progress");
        assertThat(check(everyTenSeconds(), true, Duration.ofSeconds(301)))
                .extracting(Finding::detector)
                .containsExactly("stalled");
    }

    @Test
    void aClosedLogIsNeitherStalledNorInProgress() {
        assertThat(check(everyTenSeconds(), false, Duration.ofDays(30))).isEmpty();
    }

    @Test
    void aForgatherLogIsOpenWithoutItsClosingBracketAndFinalRecord() throws Exception {
        String records = "[\n{\"global_step\": 10, \"loss\": 2.0},\n{\"global_step\": 20, \"loss\": 1.9}";
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Path open = write("open", records);
        Path cut = write("cut", records + ",\n{\"global_step\": 30, \"lo");
        Path closed = write("closed", records + "\n]\n");
        Path finished = write("finished", records + ",\n{\"global_step\": 20, \"train_runtime\": 12.5}");
        assertThat(RunState.of(TrainingLogs.load(open), clock).open()).isTrue();
        assertThat(RunState.of(TrainingLogs.load(cut), clock).open()).isTrue();
        assertThat(RunState.of(TrainingLogs.load(closed), clock).open()).isFalse();
        assertThat(RunState.of(TrainingLogs.load(finished), clock).open()).isFalse();
        RunState state = RunState.of(TrainingLogs.load(open), clock);
        assertThat(state.lastModified()).contains(Instant.parse("2026-01-27T11:00:00Z"));
        assertThat(state.now()).isEqualTo(NOW);
        assertThat(Checks.run(TrainingLogs.load(open), Checks.standard(), clock).findings())
                .extracting(Finding::detector)
                .containsExactly("stalled");
    }

    private Path write(String run, String text) throws Exception {
        Path file = Files.createDirectories(tmp.resolve(run)).resolve("trainer_logs.json");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-27T11:00:00Z")));
        return file;
    }
}
