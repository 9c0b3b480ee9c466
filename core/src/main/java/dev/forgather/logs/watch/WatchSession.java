package dev.forgather.logs.watch;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
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
    /** How often an unchanged run is judged again (it may have stalled meanwhile), and new runs looked for. */
    private static final Duration RECHECK = Duration.ofSeconds(5);

    /**
     * What a feed found on one poll.
     *
     * @param log every complete record the file holds now
     * @param changed whether the records differ from the previous poll's
     * @param rewritten whether the file was rewritten rather than appended to (the series start over)
     * @param open whether the log may still grow (no closing bracket, no final record)
     * @param modified the file's last modification time
     */
    public record Snapshot(TrainingLog log, boolean changed, boolean rewritten, boolean open, Instant modified) {}

    /** One run's log, followed. */
    public interface Feed {
        /**
         * What the file holds now.
         *
         * @throws LogReadException when the file cannot be used now; the next poll tries again
         */
        Snapshot poll() throws LogReadException;
    }

    /** Judges a run: live, finished or stalled, and what the health checks find. */
    public interface Assessor {
        Assessment assess(Snapshot snapshot, Instant now);
    }

    private final class Watched {
        final Path path;
        final Feed feed;
        final int colour;
        String label;
        Snapshot snapshot;
        WatchedRun run;
        Instant judged;

        Watched(Path path, Feed feed, int colour) {
            this.path = path;
            this.feed = feed;
            this.colour = colour;
        }
    }

    private final Function<Path, Feed> feeds;
    private final Assessor assessor;
    private final Supplier<List<Path>> newRuns;
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
     * @param assessor judges a run
     * @param newRuns the runs there are now, newest first, to add new ones from; null for a fixed set
     * @param metrics the metrics to chart
     * @param clock the time for stalled runs and ETAs
     */
    public WatchSession(
            List<Path> paths,
            Function<Path, Feed> feeds,
            Assessor assessor,
            Supplier<List<Path>> newRuns,
            List<String> metrics,
            Clock clock) {
        if (paths.size() > MAX_RUNS) {
            throw new IllegalArgumentException(paths.size() + " runs; at most " + MAX_RUNS + " can be watched");
        }
        this.feeds = feeds;
        this.assessor = assessor;
        this.newRuns = newRuns;
        this.metrics = List.copyOf(metrics);
        this.clock = clock;
        for (Path p : paths) {
            add(p);
        }
        if (newRuns != null) {
            lookedForRuns = clock.instant();
        }
    }

    private void add(Path path) {
        known.add(path.toAbsolutePath().normalize());
        runs.add(new Watched(path, feeds.apply(path), runs.size()));
    }

    /**
     * Polls every run and returns the model as it is now. The errors of this poll (a run whose
     * log cannot be read) are in {@link #errors()}; such a run keeps its last snapshot, and one
     * never read is left out of the model until it can be read.
     */
    public WatchModel poll() {
        Instant now = clock.instant();
        errors.clear();
        if (newRuns != null && !now.isBefore(lookedForRuns.plus(RECHECK))) {
            lookedForRuns = now;
            for (Path p : newRuns.get()) {
                if (runs.size() >= MAX_RUNS) {
                    break;
                }
                if (!known.contains(p.toAbsolutePath().normalize())) {
                    add(p);
                }
            }
        }
        for (Watched w : runs) {
            try {
                Snapshot s = w.feed.poll();
                if (w.snapshot == null || s.changed()) {
                    w.snapshot = s;
                    if (w.label == null) {
                        w.label = labelFor(s.log());
                    }
                    w.run = new WatchedRun(
                            w.label,
                            w.colour,
                            s.log(),
                            assessor.assess(s, now),
                            s.log().warnings());
                    w.judged = now;
                } else {
                    w.snapshot = s;
                    if (!now.isBefore(w.judged.plus(RECHECK))) {
                        w.run = w.run.withAssessment(assessor.assess(s, now));
                        w.judged = now;
                    }
                }
            } catch (LogReadException e) {
                errors.add(e.getMessage());
            }
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

    /** A run's name in the table: its run folder, or {@code model/run} when another run has that name. */
    private String labelFor(TrainingLog log) {
        String name = log.runName();
        for (Watched w : runs) {
            if (name.equals(w.label)) {
                return log.modelName().map(m -> m + "/" + name).orElse(name);
            }
        }
        return name;
    }
}
