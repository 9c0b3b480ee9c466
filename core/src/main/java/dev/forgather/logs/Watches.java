package dev.forgather.logs;

import dev.forgather.logs.check.Checks;
import dev.forgather.logs.check.Detector;
import dev.forgather.logs.check.Finding;
import dev.forgather.logs.check.RunState;
import dev.forgather.logs.check.Severity;
import dev.forgather.logs.check.Stalled;
import dev.forgather.logs.check.Verdict;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.read.LogFormat;
import dev.forgather.logs.watch.Assessment;
import dev.forgather.logs.watch.RunStatus;
import dev.forgather.logs.watch.WatchSession;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The entry point of {@code logs watch}: a {@link WatchSession} over runs given by path, each
 * followed with {@link TrainingLogs#follow} as its trainer writes it, and judged by
 * {@code logs check}'s detectors: live, finished or stalled, its verdict and newest finding.
 *
 * <pre>{@code
 * WatchSession session = Watches.session(List.of(run), null, WatchModel.DEFAULT_METRICS, Clock.systemUTC());
 * WatchModel model = session.poll();
 * Frame frame = FrameRenderer.render(model, ViewState.start(0, false, WatchAxis.STEP), ChartCharset.BRAILLE, 100, 30);
 * }</pre>
 *
 * <p>The checks run once per new snapshot of a run (they cost about 2 s of CPU on a log of a
 * million records), never per frame: a poll that finds a run unchanged reuses its last verdict,
 * and only re-runs {@code stalled}, once, when the run's file has been quiet for longer than the
 * stall limit.
 */
public final class Watches {
    private Watches() {}

    /**
     * A session watching {@code paths} (log files or run directories), whose checks run in the
     * polling thread: each {@link WatchSession#poll()} returns verdicts for the snapshots it read
     * ({@code --once}, tests).
     *
     * @param newRuns the runs there are now, newest first, when new runs may join ({@code --all}); else empty
     */
    public static WatchSession session(
            List<Path> paths, Optional<Supplier<List<Path>>> newRuns, List<String> metrics, Clock clock) {
        return session(paths, newRuns, metrics, clock, Runnable::run);
    }

    /**
     * A session whose checks run on {@code checks} (a background thread for the live view), so
     * that a poll never waits for them: until a run's first check has finished its table row says
     * nothing about its health, and after a change it shows the last finished check's verdict.
     * Each run has at most one check waiting; a newer snapshot replaces it.
     */
    public static WatchSession session(
            List<Path> paths,
            Optional<Supplier<List<Path>>> newRuns,
            List<String> metrics,
            Clock clock,
            Executor checks) {
        return new WatchSession(
                paths, FollowingFeed::new, () -> new LiveChecks(checks, Checks.standard()), newRuns, metrics, clock);
    }

    /**
     * What the checks of one snapshot say, at once: {@code finished} when the log is closed,
     * {@code stalled} when {@code stalled} finds it so, else {@code live}; the verdict of every
     * standard detector, and the newest of the findings that decide it.
     */
    static Assessment assess(LogSnapshot snapshot, Instant now) {
        List<Finding> findings =
                Checks.run(state(snapshot, now), Checks.standard()).findings();
        boolean quiet = canStall(snapshot)
                ? isStalled(findings)
                : snapshot.open() && isStalled(Stalled.defaults().check(followed(snapshot, now)));
        return new Assessment(
                status(snapshot, quiet), Optional.of(Verdict.of(findings).label()), newest(findings));
    }

    private static boolean isStalled(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.detector().equals(Stalled.NAME));
    }

    private static RunState state(LogSnapshot snapshot, Instant now) {
        return new RunState(snapshot.log(), canStall(snapshot), Optional.of(snapshot.modified()), now);
    }

    private static RunState followed(LogSnapshot snapshot, Instant now) {
        return new RunState(snapshot.log(), snapshot.open(), Optional.of(snapshot.modified()), now);
    }

    /**
     * Whether the run, should its log stop changing, is stalled rather than done: as for
     * {@code logs check}, only a log that says it is unfinished (a Forgather log without its
     * closing bracket or final record). A TensorBoard, Lightning or MLflow log has no such mark:
     * one that stops changing shows as finished, not as a failure.
     */
    private static boolean canStall(LogSnapshot snapshot) {
        return snapshot.open() && snapshot.log().format() == LogFormat.FORGATHER;
    }

    /** The status of a snapshot, quiet past its stall limit or not. */
    private static RunStatus status(LogSnapshot snapshot, boolean quietPastLimit) {
        if (!snapshot.open()) {
            return RunStatus.FINISHED;
        }
        if (!quietPastLimit) {
            return RunStatus.LIVE;
        }
        return canStall(snapshot) ? RunStatus.STALLED : RunStatus.FINISHED;
    }

    /**
     * The finding a table row shows: of the findings of the worst severity there is, the one at
     * the highest step (the worse, then the first listed, on a tie). {@code in_progress} is left
     * out: the row's state already says the run is live.
     */
    static Optional<Finding> newest(List<Finding> findings) {
        List<Finding> shown = findings.stream()
                .filter(f -> !f.detector().equals(Stalled.IN_PROGRESS))
                .toList();
        Optional<Severity> worst = shown.stream().map(Finding::severity).min(Comparator.naturalOrder());
        if (worst.isEmpty()) {
            return Optional.empty();
        }
        Finding best = null;
        for (Finding f : shown) {
            if (f.severity() != worst.get()) {
                continue;
            }
            if (best == null || step(f) > step(best)) {
                best = f;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long step(Finding f) {
        return f.lastStep().orElse(f.firstStep().orElse(Long.MIN_VALUE));
    }

    /**
     * A run's feed: {@link TrainingLogs#follow}, opened on the first poll (and tried again on the
     * next while the path holds no log yet), reading only what the trainer appended.
     */
    static final class FollowingFeed implements WatchSession.Feed {
        private final Path path;
        private LogFollower follower;

        FollowingFeed(Path path) {
            this.path = path;
        }

        @Override
        public LogSnapshot poll() throws LogReadException {
            if (follower == null) {
                follower = TrainingLogs.follow(path);
            }
            return follower.poll();
        }
    }

    /**
     * One run's checks, cached: the standard detectors run again only for a new snapshot's log,
     * on {@code executor}; between snapshots, the state is the last check's {@code stalled} limit
     * against the file's age, and {@code stalled} alone runs again when that turns the state over.
     *
     * <p>Paced: a full check starts no sooner than {@link #REST} times the last one's duration
     * after it ended, so that on a big log (1.4 s of CPU for a million records) the checks take at
     * most a quarter of a core and the drawing thread, on two cores, is not held up by them; the
     * verdict shown is then a few seconds old. On a small log a check takes milliseconds, and so
     * does the rest.
     */
    static final class LiveChecks implements WatchSession.Assessor {
        /** How many times its own duration the thread rests after a full check. */
        static final int REST = 3;

        /** Sleeps on the checks' thread; interrupted when the watch ends. */
        @FunctionalInterface
        interface Sleeper {
            void sleep(long nanos) throws InterruptedException;
        }

        private final Executor executor;
        private final LongSupplier nanoTime;
        private final Sleeper sleeper;
        private final List<Detector> others;
        private final Stalled stalled;
        private final Object lock = new Object();

        /** The last finished check; null before the first. */
        private Checked done;
        /** A job waiting for the one running to finish; null when none waits. */
        private Job waiting;

        private boolean running;
        /** The log of the last full check asked for (done, running or waiting). */
        private TrainingLog asked;
        /** Whether the last {@code stalled}-only check asked for was of a stalled file; null when none. */
        private Boolean askedStalled;
        /** When ({@link #nanoTime}) the next full check may start. */
        private long restUntil;
        /** Whether a full check has run yet: {@link #restUntil} means nothing before. */
        private boolean checkedOnce;

        /** What a finished check found, for one log. */
        private record Checked(TrainingLog log, List<Finding> others, List<Finding> stall, double limitSeconds) {
            boolean stalled() {
                return stall.stream().anyMatch(f -> f.detector().equals(Stalled.NAME));
            }

            List<Finding> all() {
                List<Finding> all = new ArrayList<>(others);
                all.addAll(stall);
                return all.stream().sorted(Finding.WORST_FIRST).toList();
            }
        }

        /** A check to run: every detector, or {@code stalled} alone (the log's other findings kept). */
        /** {@code state} as the follower sees it (open until closed); {@code canStall} as check's rule. */
        private record Job(RunState state, boolean full, boolean canStall) {}

        LiveChecks(Executor executor, List<Detector> detectors) {
            this(executor, detectors, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
        }

        LiveChecks(Executor executor, List<Detector> detectors, LongSupplier nanoTime, Sleeper sleeper) {
            this.executor = executor;
            this.nanoTime = nanoTime;
            this.sleeper = sleeper;
            this.others =
                    detectors.stream().filter(d -> !(d instanceof Stalled)).toList();
            this.stalled = detectors.stream()
                    .filter(d -> d instanceof Stalled)
                    .map(d -> (Stalled) d)
                    .findFirst()
                    .orElse(Stalled.defaults());
        }

        @Override
        public Assessment assess(LogSnapshot snapshot, Instant now) {
            Checked last;
            synchronized (lock) {
                last = done;
            }
            boolean quiet = last != null
                    && snapshot.open()
                    && Duration.between(snapshot.modified(), now).toMillis() / 1000.0 > last.limitSeconds();
            if (snapshot.log() != asked) {
                asked = snapshot.log();
                askedStalled = null;
                submit(new Job(followed(snapshot, now), true, canStall(snapshot)));
            } else if (last != null
                    && last.log() == snapshot.log()
                    && quiet != last.stalled()
                    && !Boolean.valueOf(quiet).equals(askedStalled)) {
                askedStalled = quiet;
                submit(new Job(followed(snapshot, now), false, canStall(snapshot)));
            }
            synchronized (lock) {
                last = done;
            }
            if (last == null) {
                return new Assessment(
                        snapshot.open() ? RunStatus.LIVE : RunStatus.FINISHED, Optional.empty(), Optional.empty());
            }
            boolean quietNow = snapshot.open()
                    && Duration.between(snapshot.modified(), now).toMillis() / 1000.0 > last.limitSeconds();
            List<Finding> findings = last.all();
            RunStatus status = status(snapshot, quietNow);
            return new Assessment(status, Optional.of(Verdict.of(findings).label()), newest(findings));
        }

        private void submit(Job job) {
            synchronized (lock) {
                if (running) {
                    // A full check of a newer log supersedes anything waiting; a stalled-only
                    // one does not replace a full check still to come.
                    if (job.full() || waiting == null || !waiting.full()) {
                        waiting = job;
                    }
                    return;
                }
                running = true;
            }
            executor.execute(() -> work(job));
        }

        private void work(Job first) {
            Job job = first;
            while (job != null) {
                if (job.full()) {
                    boolean rested;
                    try {
                        rested = rest();
                    } catch (InterruptedException e) {
                        // The watch is ending: nothing more to check.
                        synchronized (lock) {
                            waiting = null;
                            running = false;
                        }
                        Thread.currentThread().interrupt();
                        return;
                    }
                    synchronized (lock) {
                        // A newer log came while resting: check that one instead.
                        if (rested && waiting != null && waiting.full()) {
                            job = waiting;
                            waiting = null;
                        }
                    }
                }
                long start = nanoTime.getAsLong();
                Checked result;
                try {
                    result = check(job);
                } catch (RuntimeException e) {
                    // A detector's bug must not stop the watch: that log keeps its last verdict.
                    result = null;
                }
                if (job.full()) {
                    long end = nanoTime.getAsLong();
                    synchronized (lock) {
                        restUntil = end + REST * (end - start);
                        checkedOnce = true;
                    }
                }
                synchronized (lock) {
                    if (result != null) {
                        done = result;
                    }
                    job = waiting;
                    waiting = null;
                    if (job == null) {
                        running = false;
                    }
                }
            }
        }

        /** Waits, if need be, until the last full check's rest is over; whether it waited. */
        private boolean rest() throws InterruptedException {
            long wait;
            synchronized (lock) {
                wait = checkedOnce ? restUntil - nanoTime.getAsLong() : 0;
            }
            if (wait <= 0) {
                return false;
            }
            sleeper.sleep(wait);
            return true;
        }

        private Checked check(Job job) {
            // The stall limit of any open log, from the stalled detector's finding about it; the
            // findings shown follow check's rule, so a log that cannot stall reports none.
            List<Finding> asFollowed = stalled.check(job.state());
            RunState state = job.canStall()
                    ? job.state()
                    : new RunState(
                            job.state().log(),
                            false,
                            job.state().lastModified(),
                            job.state().now());
            List<Finding> stall = job.canStall() ? asFollowed : List.of();
            double limit = asFollowed.stream()
                    .map(Finding::threshold)
                    .filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble)
                    .findFirst()
                    // No finding: the log is closed, and a closed log never stalls.
                    .orElse(Double.POSITIVE_INFINITY);
            if (job.full()) {
                return new Checked(state.log(), Checks.run(state, others).findings(), stall, limit);
            }
            Checked last;
            synchronized (lock) {
                last = done;
            }
            if (last == null || last.log() != state.log()) {
                // A newer log's full check finished first: this one is out of date.
                return last;
            }
            return new Checked(last.log(), last.others(), stall, limit);
        }
    }
}
