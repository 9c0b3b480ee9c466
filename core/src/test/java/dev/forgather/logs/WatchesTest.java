package dev.forgather.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.check.Checks;
import dev.forgather.logs.check.Detector;
import dev.forgather.logs.check.Finding;
import dev.forgather.logs.check.RunState;
import dev.forgather.logs.check.Stalled;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.watch.Assessment;
import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.FrameRenderer;
import dev.forgather.logs.watch.RunStatus;
import dev.forgather.logs.watch.ViewState;
import dev.forgather.logs.watch.WatchAxis;
import dev.forgather.logs.watch.WatchModel;
import dev.forgather.logs.watch.WatchSession;
import dev.forgather.logs.watch.WatchedRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchesTest {
    @TempDir
    Path tmp;

    private static String record(long step) {
        return record(step, 0);
    }

    /** A record written {@code later} seconds after the first run's record of that step (a resumed run's). */
    private static String record(long step, long later) {
        return String.format(
                Locale.ROOT,
                "{\"timestamp\": %d.5, \"global_step\": %d, \"epoch\": %s, \"loss\": %s, "
                        + "\"learning_rate\": 0.001}",
                1_700_000_000L + step + later,
                step,
                step / 1000.0,
                2.0 + 1.0 / step);
    }

    /** The log as the trainer leaves it while training: "[\n", records joined by ",\n", no "]". */
    private static String openLog(long firstStep, long lastStep) {
        StringBuilder sb = new StringBuilder("[\n");
        for (long s = firstStep; s <= lastStep; s += 10) {
            if (s > firstStep) {
                sb.append(",\n");
            }
            sb.append(record(s));
        }
        return sb.toString();
    }

    private static void append(Path log, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long latestStep(WatchModel model) {
        return model.runs().get(0).progress().step().orElseThrow();
    }

    private WatchSession session(Path log, Clock clock) {
        return Watches.session(List.of(log), Optional.empty(), WatchModel.DEFAULT_METRICS, clock);
    }

    /** Every snapshot the sessions' feeds returned, in order. */
    private final List<LogSnapshot> snapshots = new CopyOnWriteArrayList<>();

    /** A session as {@link Watches#session} makes it, whose feeds record their snapshots in {@link #snapshots}. */
    private WatchSession recording(List<Path> logs, Optional<Supplier<List<Path>>> newRuns, Clock clock) {
        return new WatchSession(
                logs,
                path -> {
                    WatchSession.Feed feed = new Watches.FollowingFeed(path);
                    return () -> {
                        LogSnapshot s = feed.poll();
                        snapshots.add(s);
                        return s;
                    };
                },
                () -> new Watches.LiveChecks(Runnable::run, Checks.standard()),
                newRuns,
                WatchModel.DEFAULT_METRICS,
                clock);
    }

    private static String frame(WatchModel model, int width) {
        return FrameRenderer.render(model, ViewState.start(0, false, WatchAxis.STEP), ChartCharset.BRAILLE, width, 30)
                .plainText();
    }

    /** The table row of the first run: the line after the table's heading. */
    private static String row(WatchModel model) {
        List<String> lines = frame(model, 200).lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("  run ")) {
                return lines.get(i + 1);
            }
        }
        throw new AssertionError("no table in the frame");
    }

    /** The first run's row in a frame {@code width} characters wide. */
    private static String tableRow(WatchModel model, int width) {
        return frame(model, width)
                .lines()
                .filter(l -> l.startsWith("\u25CF "))
                .findFirst()
                .orElseThrow();
    }

    /** A clock that stands still until a test moves it. */
    private static final class ManualClock extends Clock {
        Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void framesTakenWhileAWriterAppendsAlwaysShowCompleteRecordsAndEndAtTheLastStep() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        WatchSession session = recording(List.of(log), Optional.empty(), Clock.systemUTC());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (long s = 110; s <= 3000; s += 10) {
                    String r = ",\n" + record(s);
                    // Half a record now and half later, as a flush in mid-record leaves it.
                    append(log, r.substring(0, r.length() / 2));
                    append(log, r.substring(r.length() / 2));
                }
                append(log, "\n]");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        List<Long> steps = new ArrayList<>();
        while (writer.isAlive()) {
            WatchModel model = session.poll();
            long step = latestStep(model);
            steps.add(step);
            String frame = FrameRenderer.render(
                            model, ViewState.start(10, false, WatchAxis.STEP), ChartCharset.BRAILLE, 100, 30)
                    .plainText();
            assertThat(frame).contains("\u25CF junit-").doesNotContain("waiting for data");
            assertThat(frame.lines()).hasSize(30);
            assertThat(step % 10).isZero();
        }
        writer.join();
        assertThat(failure.get()).isNull();
        WatchModel last = session.poll();
        assertThat(latestStep(last)).isEqualTo(3000);
        assertThat(last.runs().get(0).log().recordCount()).isEqualTo(300);
        assertThat(last.runs().get(0).assessment().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(steps).isSorted();
        // The follower read each record once: the first poll the 10 there were, later ones only what was appended.
        assertThat(snapshots.get(0).change()).isEqualTo(LogSnapshot.Change.LOADED);
        assertThat(snapshots.subList(1, snapshots.size()))
                .extracting(LogSnapshot::change)
                .doesNotContain(LogSnapshot.Change.LOADED, LogSnapshot.Change.REWRITTEN)
                .contains(LogSnapshot.Change.APPENDED);
        assertThat(snapshots.stream().mapToInt(LogSnapshot::addedRecords).sum()).isEqualTo(300);
        // Grown poll by poll, the charts are the ones a fresh look at the finished log draws.
        assertThat(frame(last, 100))
                .isEqualTo(frame(session(log, Clock.systemUTC()).poll(), 100));
        assertThat(session.errors()).isEmpty();
    }

    @Test
    void aResumeThatTruncatesAndRewritesTheLogRestartsTheSeriesWithoutError() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 600));
        WatchSession session = recording(List.of(log), Optional.empty(), Clock.systemUTC());
        assertThat(latestStep(session.poll())).isEqualTo(600);
        // Resumed from the checkpoint at step 400: the trainer truncates the file and rewrites what it keeps.
        Files.writeString(log, openLog(10, 400));
        WatchModel rewritten = session.poll();
        assertThat(session.errors()).isEmpty();
        assertThat(latestStep(rewritten)).isEqualTo(400);
        assertThat(rewritten.runs().get(0).log().recordCount()).isEqualTo(40);
        assertThat(rewritten.runs().get(0).colour()).isZero();
        assertThat(snapshots.get(snapshots.size() - 1).change()).isEqualTo(LogSnapshot.Change.REWRITTEN);
        append(log, ",\n" + record(410) + ",\n" + record(420));
        WatchModel resumed = session.poll();
        assertThat(latestStep(resumed)).isEqualTo(420);
        String frame = FrameRenderer.render(
                        resumed, ViewState.start(0, false, WatchAxis.STEP), ChartCharset.ASCII, 100, 30)
                .plainText();
        assertThat(frame).contains("  420  ").contains("+10");
    }

    @Test
    void aLiveLogsMissingBracketIsNotAWarningButARecordCutOffMidWriteIs() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        WatchSession session = session(log, Clock.systemUTC());
        WatchModel open = session.poll();
        assertThat(open.runs().get(0).log().warnings())
                .as("the log itself still says it")
                .containsExactly(log + ": no closing ']' (the run is still writing or was stopped); read 10 records");
        assertThat(open.status()).isEmpty();
        append(log, ",\n{\"global_step\": 110, \"lo");
        WatchModel cut = session.poll();
        assertThat(cut.status())
                .hasValue("warning: " + log + ": ignored the last 26 bytes, a record cut off mid-write"
                        + " (the run is still writing or was stopped); read 10 records");
    }

    @Test
    void aLogGoneForAMomentKeepsItsLastSnapshotAndSaysWhy() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        WatchSession session = session(log, Clock.systemUTC());
        session.poll();
        Files.delete(log);
        WatchModel model = session.poll();
        assertThat(latestStep(model)).isEqualTo(100);
        assertThat(session.errors()).hasSize(1);
        assertThat(model.status())
                .hasValueSatisfying(s -> assertThat(s).startsWith("error: ").contains("trainer_logs.json"));
        Files.writeString(log, openLog(10, 200));
        assertThat(latestStep(session.poll())).isEqualTo(200);
        assertThat(session.errors()).isEmpty();
    }

    @Test
    void aResumeMidWatchWhileTheWriterRunsRestartsTheSeriesOnceAndEndsWithTheResumedRecordsOnly() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        WatchSession session = recording(List.of(log), Optional.empty(), Clock.systemUTC());
        session.poll();
        CountDownLatch seen600 = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (long s = 110; s <= 600; s += 10) {
                    append(log, ",\n" + record(s));
                }
                // The trainer crashed after step 600; it resumes from its checkpoint at step 400 once the watch has
                // seen 600.
                seen600.await();
                Files.writeString(log, openLog(10, 400));
                for (long s = 410; s <= 1500; s += 10) {
                    // An hour later than the records of the same steps before the crash.
                    String r = ",\n" + record(s, 3600);
                    append(log, r.substring(0, r.length() / 3));
                    append(log, r.substring(r.length() / 3));
                }
                append(log, "\n]");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        List<Long> steps = new ArrayList<>();
        while (writer.isAlive()) {
            WatchModel model = session.poll();
            assertThat(session.errors()).isEmpty();
            OptionalLong step = model.runs().get(0).progress().step();
            if (step.isPresent()) {
                steps.add(step.getAsLong());
                if (step.getAsLong() == 600) {
                    seen600.countDown();
                }
            }
            assertThat(frame(model, 100).lines()).hasSize(30);
        }
        writer.join();
        assertThat(failure.get()).isNull();
        WatchModel last = session.poll();
        TrainingLog resumed = last.runs().get(0).log();
        assertThat(resumed.recordCount()).isEqualTo(150);
        for (int i = 0; i < resumed.recordCount(); i++) {
            assertThat(resumed.record(i).step()).isEqualTo(10L * (i + 1));
            assertThat(resumed.record(i).timestamp()).hasValue(1_700_000_000.5 + 10 * (i + 1) + (i >= 40 ? 3600 : 0));
        }
        assertThat(last.runs().get(0).assessment().status()).isEqualTo(RunStatus.FINISHED);
        steps.add(latestStep(last));
        assertThat(steps).contains(600L).endsWith(1500L);
        int drops = 0;
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i) < steps.get(i - 1)) {
                drops++;
                assertThat(steps.get(i - 1)).isEqualTo(600);
                assertThat(steps.get(i)).isLessThanOrEqualTo(1500);
            }
        }
        assertThat(drops).isLessThanOrEqualTo(1);
        assertThat(snapshots).extracting(LogSnapshot::change).contains(LogSnapshot.Change.REWRITTEN);
    }

    @Test
    void aRewriteThatOutgrowsTheOldFileBeforeThePollIsStillARewrite() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 600));
        WatchSession session = recording(List.of(log), Optional.empty(), Clock.systemUTC());
        session.poll();
        // Resumed at step 400 and already past 600 by the next poll: the file never looked smaller.
        StringBuilder resumed =
                new StringBuilder(openLog(10, 400).replace("\"learning_rate\": 0.001", "\"learning_rate\": 0.002"));
        for (long s = 410; s <= 700; s += 10) {
            resumed.append(",\n").append(record(s));
        }
        Files.writeString(log, resumed);
        WatchModel model = session.poll();
        assertThat(session.errors()).isEmpty();
        assertThat(snapshots.get(snapshots.size() - 1).change()).isEqualTo(LogSnapshot.Change.REWRITTEN);
        assertThat(latestStep(model)).isEqualTo(700);
        assertThat(model.runs().get(0).log().recordCount()).isEqualTo(70);
        assertThat(model.runs().get(0).progress().learningRate()).hasValue(0.001);
        assertThat(model.runs().get(0).log().series("learning_rate").value(0)).isEqualTo(0.002);
    }

    @Test
    void underAllANewRunJoinsAtTheNextLookInTheNextColour() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a")).resolve("trainer_logs.json");
        Files.writeString(a, openLog(10, 100));
        List<Path> appeared = new CopyOnWriteArrayList<>();
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        WatchSession session = recording(List.of(a), Optional.of(() -> List.copyOf(appeared)), clock);
        assertThat(session.poll().runs()).extracting(WatchedRun::label).containsExactly("a");
        Path b = Files.createDirectories(tmp.resolve("b")).resolve("trainer_logs.json");
        Files.writeString(b, openLog(10, 50));
        appeared.add(b.getParent());
        // New runs are looked for every 5 s, not on every poll.
        assertThat(session.poll().runs()).hasSize(1);
        clock.now = clock.now.plusSeconds(5);
        WatchModel joined = session.poll();
        assertThat(joined.runs()).extracting(WatchedRun::label).containsExactly("a", "b");
        assertThat(joined.runs()).extracting(WatchedRun::colour).containsExactly(0, 1);
        assertThat(joined.runs().get(1).progress().step()).hasValue(50);
        clock.now = clock.now.plusSeconds(5);
        assertThat(session.poll().runs()).hasSize(2);
    }

    @Test
    void theCheckColumnShowsTheVerdictAndTheNewestFindingOfTheWorstSeverity() throws Exception {
        Path log = Files.createDirectories(tmp.resolve("nan_run")).resolve("trainer_logs.json");
        String nan = record(50).replace("\"loss\": 2.02", "\"loss\": NaN");
        Files.writeString(log, openLog(10, 40) + ",\n" + nan + ",\n" + record(60) + "\n]");
        WatchSession session = recording(List.of(log), Optional.empty(), Clock.systemUTC());
        WatchModel model = session.poll();
        Assessment a = model.runs().get(0).assessment();
        assertThat(a.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(a.verdict()).hasValue("failed");
        assertThat(a.newestFinding()).hasValueSatisfying(f -> {
            assertThat(f.detector()).isEqualTo("nonfinite");
            assertThat(f.firstStep()).hasValue(50);
            assertThat(f.message()).isEqualTo("non-finite loss: 1 NaN value");
        });
        assertThat(row(model))
                .endsWith(
                        "  finished    60  0.0600  2.0167          \u2014  0.001000     1.00    \u2014  failed \u00B7 non-finite loss: 1 NaN value");
        // Where the message does not fit, the finding's detector and step do, or as much of the detector as fits.
        assertThat(tableRow(model, 106)).endsWith("  \u2014  failed \u00B7 nonfinite at 50");
        assertThat(tableRow(model, 100)).endsWith("  \u2014  failed \u00B7 nonfinite");
        assertThat(tableRow(model, 91)).endsWith("  \u2014  failed \u00B7 non\u2026");
        assertThat(tableRow(model, 88)).endsWith("  \u2014  failed");
        assertThat(model.runs().get(0).assessment()).isEqualTo(Watches.assess(snapshots.get(0), Instant.now()));
        Files.writeString(log, openLog(10, 60) + "\n]");
        assertThat(session.poll().runs().get(0).assessment())
                .isEqualTo(new Assessment(RunStatus.FINISHED, Optional.of("healthy"), Optional.empty()));
    }

    /** A detector that finds nothing and counts how often it ran. */
    private static Detector counting(AtomicInteger runs) {
        return new Detector() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public List<Finding> check(RunState run) {
                runs.incrementAndGet();
                return List.of();
            }
        };
    }

    @Test
    void aRunTurnsStalledWhenItsLogStaysQuietPastTheLimitWithoutTheOtherChecksRunningAgain() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        Instant written = Instant.parse("2026-01-01T00:00:00Z");
        Files.setLastModifiedTime(log, FileTime.from(written));
        ManualClock clock = new ManualClock(written.plusSeconds(299));
        AtomicInteger checks = new AtomicInteger();
        WatchSession session = new WatchSession(
                List.of(log),
                Watches.FollowingFeed::new,
                () -> new Watches.LiveChecks(Runnable::run, List.of(counting(checks), Stalled.defaults())),
                Optional.empty(),
                WatchModel.DEFAULT_METRICS,
                clock);
        // Records 10 s apart: the limit is the 5-minute floor. Epoch 0.1 of 1,000 steps at 1 step/s: 15 minutes to go.
        WatchModel live = session.poll();
        assertThat(row(live))
                .endsWith("  live    100  0.1000  2.0100          \u2014  0.001000     1.00  15:00  healthy");
        assertThat(session.poll().runs().get(0).assessment().status()).isEqualTo(RunStatus.LIVE);
        assertThat(checks).hasValue(1);
        clock.now = written.plusSeconds(301);
        WatchModel stalled = session.poll();
        assertThat(row(stalled))
                .endsWith(
                        "  stalled   100  0.1000  2.0100          \u2014  0.001000     1.00    \u2014  failed \u00B7 stalled at 100");
        assertThat(stalled.runs().get(0).assessment().newestFinding().map(Finding::message))
                .hasValue("stalled: the log is still open but has not changed for 5 min, longer than the 5 min limit:"
                        + " the run is probably dead, not training");
        clock.now = written.plusSeconds(400);
        assertThat(session.poll().runs().get(0).assessment().status()).isEqualTo(RunStatus.STALLED);
        assertThat(checks).hasValue(1);
        // The trainer writes again: a new snapshot, checked again, live.
        append(log, ",\n" + record(110));
        Files.setLastModifiedTime(log, FileTime.from(written.plusSeconds(400)));
        WatchModel again = session.poll();
        assertThat(again.runs().get(0).assessment())
                .isEqualTo(new Assessment(RunStatus.LIVE, Optional.of("healthy"), Optional.empty()));
        assertThat(checks).hasValue(2);
    }

    @Test
    void aLightningRunQuietPastTheLimitIsFinishedNotStalledAsCheckSays() throws Exception {
        Path log = tmp.resolve("metrics.csv");
        StringBuilder csv = new StringBuilder("step,train_loss\n");
        for (int step = 10; step <= 100; step += 10) {
            csv.append(step).append(',').append(2.0 - step / 1000.0).append('\n');
        }
        Files.writeString(log, csv);
        Instant written = Instant.parse("2026-01-01T00:00:00Z");
        Files.setLastModifiedTime(log, FileTime.from(written));
        ManualClock clock = new ManualClock(written.plusSeconds(60));
        WatchSession session = new WatchSession(
                List.of(log),
                Watches.FollowingFeed::new,
                () -> new Watches.LiveChecks(Runnable::run, Checks.standard()),
                Optional.empty(),
                WatchModel.DEFAULT_METRICS,
                clock);
        assertThat(session.poll().runs().get(0).assessment().status()).isEqualTo(RunStatus.LIVE);
        clock.now = written.plusSeconds(3600);
        WatchModel quiet = session.poll();
        assertThat(quiet.runs().get(0).assessment())
                .as("metrics.csv never says a run is unfinished: a quiet one is done, as for logs check")
                .isEqualTo(new Assessment(RunStatus.FINISHED, Optional.of("healthy"), Optional.empty()));
        LogSnapshot snapshot = TrainingLogs.follow(log).poll();
        assertThat(Watches.assess(snapshot, written.plusSeconds(3600)))
                .isEqualTo(new Assessment(RunStatus.FINISHED, Optional.of("healthy"), Optional.empty()));
        assertThat(Watches.assess(snapshot, written.plusSeconds(60)).status()).isEqualTo(RunStatus.LIVE);
    }

    @Test
    void checksOnAnotherThreadNeverHoldUpAPollAndOnlyTheNewestWaitingSnapshotIsChecked() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        List<Runnable> queued = new ArrayList<>();
        AtomicInteger checks = new AtomicInteger();
        WatchSession session = new WatchSession(
                List.of(log),
                Watches.FollowingFeed::new,
                () -> new Watches.LiveChecks(queued::add, List.of(counting(checks), Stalled.defaults())),
                Optional.empty(),
                WatchModel.DEFAULT_METRICS,
                Clock.systemUTC());
        WatchModel first = session.poll();
        assertThat(first.runs().get(0).assessment().verdict()).isEmpty();
        assertThat(row(first)).endsWith("  \u2014");
        append(log, ",\n" + record(110));
        session.poll();
        append(log, ",\n" + record(120));
        assertThat(latestStep(session.poll())).isEqualTo(120);
        assertThat(queued).hasSize(1);
        assertThat(checks).hasValue(0);
        // The background thread checks the first snapshot, then the newest one waiting; step 110's is skipped.
        queued.remove(0).run();
        assertThat(checks).hasValue(2);
        WatchModel checked = session.poll();
        assertThat(checked.runs().get(0).assessment().verdict()).hasValue("healthy");
        assertThat(queued).isEmpty();
        assertThat(checks).hasValue(2);
    }

    @Test
    void aFullCheckRestsThreeTimesTheLastOnesDurationSoABigLogsChecksLeaveTheCoresToTheView() throws Exception {
        Path log = tmp.resolve("trainer_logs.json");
        Files.writeString(log, openLog(10, 100));
        List<Runnable> queued = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        List<Long> slept = new ArrayList<>();
        AtomicInteger checks = new AtomicInteger();
        // Each full check "takes" one second of the fake clock, as on a log of a million records.
        Detector oneSecond = new Detector() {
            @Override
            public String name() {
                return "one_second";
            }

            @Override
            public List<Finding> check(RunState run) {
                checks.incrementAndGet();
                now.addAndGet(1_000_000_000L);
                return List.of();
            }
        };
        WatchSession session = new WatchSession(
                List.of(log),
                Watches.FollowingFeed::new,
                () -> new Watches.LiveChecks(queued::add, List.of(oneSecond, Stalled.defaults()), now::get, nanos -> {
                    slept.add(nanos);
                    now.addAndGet(nanos);
                }),
                Optional.empty(),
                WatchModel.DEFAULT_METRICS,
                Clock.systemUTC());
        session.poll();
        queued.remove(0).run();
        assertThat(checks).hasValue(1);
        assertThat(slept).as("the first check does not wait").isEmpty();

        now.addAndGet(500_000_000L); // half a second later, the trainer appends
        append(log, ",\n" + record(110));
        assertThat(latestStep(session.poll())).isEqualTo(110);
        queued.remove(0).run();
        assertThat(slept)
                .as("3 s of rest after a 1 s check, less the 0.5 s gone by")
                .containsExactly(2_500_000_000L);
        assertThat(checks).hasValue(2);
        assertThat(session.poll().runs().get(0).assessment().verdict()).hasValue("healthy");

        now.addAndGet(10_000_000_000L); // long after the rest: no wait
        append(log, ",\n" + record(120));
        session.poll();
        queued.remove(0).run();
        assertThat(slept).hasSize(1);
        assertThat(checks).hasValue(3);
    }
}
