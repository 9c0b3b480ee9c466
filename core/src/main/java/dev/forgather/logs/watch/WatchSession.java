package dev.forgather.logs.watch;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.read.ForgatherJsonReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The runs being watched and the latest snapshot of each: every {@link #poll()} asks each run's
 * feed for what changed and gives a new {@link WatchModel}; the model before it is left as it
 * was. Runs keep their order and colour for the whole session; with a source of new runs
 * ({@code --all}), a run that appears joins at the end, up to {@link #MAX_RUNS}. One thread polls.
 */
public final class WatchSession {
    /** The most runs one view overlays. */
    public static final int MAX_RUNS = 9;
    /** How often new runs are looked for. */
    private static final Duration RECHECK = Duration.ofSeconds(5);

    /** One run's log, followed. */
    public interface Feed {
        /**
         * What the file holds now, and what changed since the poll before.
         *
         * @throws LogReadException when the file cannot be used now; the next poll tries again
         */
        LogSnapshot poll() throws LogReadException;
    }

    /**
     * Judges one run: live, finished or stalled, and what the health checks find. Asked on every
     * poll, so it must be cheap when the snapshot's log is the one it judged before.
     */
    public interface Assessor {
        Assessment assess(LogSnapshot snapshot, Instant now);
    }

    private final class Watched {
        final Path path;
        final Feed feed;
        final Assessor assessor;
        final int colour;
        LogSnapshot snapshot;
        WatchedRun run;

        Watched(Path path, Feed feed, Assessor assessor, int colour) {
            this.path = path;
            this.feed = feed;
            this.assessor = assessor;
            this.colour = colour;
        }
    }

    private final Function<Path, Feed> feeds;
    private final Supplier<Assessor> assessors;
    private final Optional<Supplier<List<Path>>> newRuns;
    private final List<String> metrics;
    private final Clock clock;
    private final List<Watched> runs = new ArrayList<>();
    private final Set<Path> known = new HashSet<>();
    private final List<String> errors = new ArrayList<>();
    private Instant lookedForRuns = Instant.MIN;
    private Optional<String> status = Optional.empty();
    private WatchModel model;

    /**
     * @param paths the runs to watch, in colour order (at most {@link #MAX_RUNS})
     * @param feeds opens a run's feed
     * @param assessors makes each run's assessor
     * @param newRuns the runs there are now, newest first, to add new ones from; empty for a fixed set
     * @param metrics the metrics to chart
     * @param clock the time for stalled runs and ETAs
     */
    public WatchSession(
            List<Path> paths,
            Function<Path, Feed> feeds,
            Supplier<Assessor> assessors,
            Optional<Supplier<List<Path>>> newRuns,
            List<String> metrics,
            Clock clock) {
        if (paths.size() > MAX_RUNS) {
            throw new IllegalArgumentException(paths.size() + " runs; at most " + MAX_RUNS + " can be watched");
        }
        this.feeds = feeds;
        this.assessors = assessors;
        this.newRuns = newRuns;
        this.metrics = List.copyOf(metrics);
        this.clock = clock;
        for (Path p : paths) {
            add(p);
        }
        if (newRuns.isPresent()) {
            lookedForRuns = clock.instant();
        }
    }

    private void add(Path path) {
        known.add(path.toAbsolutePath().normalize());
        runs.add(new Watched(path, feeds.apply(path), assessors.get(), runs.size()));
    }

    /**
     * Polls every run and returns the model as it is now. The errors of this poll (a run whose
     * log cannot be read) are in {@link #errors()}; such a run keeps its last snapshot, and one
     * never read is left out of the model until it can be read.
     */
    public WatchModel poll() {
        Instant now = clock.instant();
        errors.clear();
        if (newRuns.isPresent() && !now.isBefore(lookedForRuns.plus(RECHECK))) {
            lookedForRuns = now;
            for (Path p : newRuns.get().get()) {
                if (runs.size() >= MAX_RUNS) {
                    break;
                }
                if (!known.contains(p.toAbsolutePath().normalize())) {
                    add(p);
                }
            }
        }
        boolean newlyRead = false;
        for (Watched w : runs) {
            try {
                LogSnapshot s = w.feed.poll();
                Assessment a = w.assessor.assess(s, now);
                List<String> warnings = warningsWorthShowing(s);
                if (w.run == null) {
                    newlyRead = true;
                    w.run = new WatchedRun(s.log().runName(), w.colour, s.log(), a, warnings);
                } else if (s.change() == LogSnapshot.Change.LOADED || s.change() == LogSnapshot.Change.REWRITTEN) {
                    // The series start again: nothing of the old columns is the new log's.
                    w.run = new WatchedRun(w.run.label(), w.colour, s.log(), a, warnings);
                } else if (s.change() == LogSnapshot.Change.APPENDED || !warnings.equals(w.run.warnings())) {
                    w.run = w.run.grownTo(s.log(), a, warnings);
                } else if (!a.equals(w.run.assessment())) {
                    w.run = w.run.withAssessment(a);
                }
                w.snapshot = s;
            } catch (LogReadException e) {
                errors.add(e.getMessage());
            }
        }
        if (newlyRead) {
            name();
        }
        List<WatchedRun> shown = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Watched w : runs) {
            if (w.run != null) {
                shown.add(w.run);
                w.run.warnings().forEach(warnings::add);
            }
        }
        if (!errors.isEmpty()) {
            status = Optional.of("error: " + errors.get(errors.size() - 1));
        } else if (!warnings.isEmpty()) {
            status = Optional.of("warning: " + warnings.get(warnings.size() - 1));
        } else {
            status = Optional.empty();
        }
        model = new WatchModel(shown, metrics, status);
        return model;
    }

    /**
     * The snapshot's warnings for the status line: all of them but the note that a Forgather log
     * being written has no closing bracket yet, which every live run would show all the time and
     * which the table's {@code live} already says. A record cut off mid-write still shows.
     */
    private static List<String> warningsWorthShowing(LogSnapshot s) {
        if (!s.open()) {
            return s.log().warnings();
        }
        return s.log().warnings().stream()
                .filter(w -> !ForgatherJsonReader.saysOnlyThatItIsOpen(w))
                .toList();
    }

    /** The model of the last poll; null before the first. */
    public WatchModel model() {
        return model;
    }

    /** The errors of the last poll, one line each (naming the file). */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Whether any run has been read at least once. */
    public boolean anyRead() {
        return runs.stream().anyMatch(w -> w.run != null);
    }

    /**
     * Names the runs read so far as summary, list and check do ({@link RunNames}): by the run
     * alone, lengthened where two would be alike, so a run has the same name here as there.
     * A run that joins with the name of one shown lengthens both.
     */
    private void name() {
        List<Watched> read = runs.stream().filter(w -> w.run != null).toList();
        List<String> names = RunNames.ofLogs(read.stream().map(w -> w.run.log()).toList(), RunNames.Form.RUN);
        for (int i = 0; i < read.size(); i++) {
            Watched w = read.get(i);
            if (!names.get(i).equals(w.run.label())) {
                w.run = w.run.withLabel(names.get(i));
            }
        }
    }
}
