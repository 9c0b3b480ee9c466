package dev.forgather.logs;

import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.discover.RunFinder;
import dev.forgather.logs.discover.RunScanner;
import dev.forgather.logs.discover.RunSearch;
import dev.forgather.logs.model.Goal;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.NotEnoughMemoryException;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.LogFormat;
import dev.forgather.logs.stats.BestStep;
import dev.forgather.logs.stats.StepValue;
import dev.forgather.logs.stats.SummaryCalculator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's entry point: find a project's logs, load one, summarise it.
 *
 * <pre>{@code
 * TrainingLog log = TrainingLogs.load(Path.of("output_models/tiny_gpt/runs/a"));
 * SummaryStatistics summary = TrainingLogs.summarize(log);
 * Optional<StepValue> best = TrainingLogs.bestStep(log, "eval_loss", Goal.MIN);
 * }</pre>
 */
public final class TrainingLogs {
    private static final RunFinder FINDER = new RunFinder();
    private static final RunScanner SCANNER = new RunScanner();

    private TrainingLogs() {}

    /**
     * Loads a log from a log file or from a run directory holding one, in any {@link LogFormat}.
     * The format is recognised from the file's name and first bytes; a run directory holding logs
     * of several formats loads the first in {@link LogFormat}'s order, so a Forgather run's
     * {@code trainer_state.json} is not read beside its {@code trainer_logs.json}.
     *
     * @throws LogReadException when the path holds no usable log; the message names the file and
     *     the problem in one line
     */
    public static TrainingLog load(Path fileOrRunDir) throws LogReadException {
        Path file = logOf(fileOrRunDir);
        LogFormat format = LogFormat.of(file);
        TrainingLogBuilder builder = new TrainingLogBuilder();
        format.read(file, builder);
        return builder.build(file, format.name(file), format);
    }

    /**
     * Follows the log at {@code fileOrRunDir} (found and recognised as {@link #load} does) while
     * it is written: see {@link LogFollower}. Nothing is read until the first
     * {@link LogFollower#poll()}; an empty {@code trainer_logs.json}, which the trainer has just
     * created, is a log with no records yet.
     *
     * @throws LogReadException when the path holds no log this tool can read
     */
    public static LogFollower follow(Path fileOrRunDir) throws LogReadException {
        Path file = logOf(fileOrRunDir);
        return new LogFollower(file, LogFormat.of(file).tail(file));
    }

    /**
     * The log file at {@code fileOrRunDir}. A folder that holds no log itself but runs below it
     * (TensorBoard's {@code --logdir}, Lightning's {@code lightning_logs/}, a project folder) is
     * still refused, one run per path, but the message names what is below and how to read it all.
     */
    private static Path logOf(Path fileOrRunDir) throws LogReadException {
        try {
            return LogFormat.logOf(fileOrRunDir);
        } catch (LogReadException e) {
            if (!e.problem().equals(LogFormat.NO_LOG_IN_FOLDER)) {
                throw e;
            }
            List<LogFile> below = find(fileOrRunDir);
            if (below.isEmpty()) {
                throw e;
            }
            List<String> names = below.stream()
                    .limit(3)
                    .map(run -> fileOrRunDir
                            .relativize(
                                    Files.isRegularFile(run.path()) ? run.path().getParent() : run.path())
                            .toString())
                    .toList();
            String more = below.size() > names.size() ? ", ..." : "";
            throw new LogReadException(
                    fileOrRunDir,
                    e.problem() + "; " + below.size() + (below.size() == 1 ? " run" : " runs") + " below it ("
                            + String.join(", ", names) + more + "): name one, or read them all with -p "
                            + fileOrRunDir + " and --all");
        }
    }

    /**
     * What loading one path gave: exactly one of the log ({@link Read}) or the reason it could not
     * be used ({@link Failed}).
     */
    public sealed interface Loaded {
        /** The path as given. */
        Path path();

        /** {@code path} loaded as {@code log}. */
        record Read(Path path, TrainingLog log) implements Loaded {}

        /** {@code path} could not be used, for the reason {@code error} gives in one line. */
        record Failed(Path path, LogReadException error) implements Loaded {}
    }

    /**
     * Loads every path, on all cores, and gives the results in the order of {@code paths}: a
     * project of a thousand small runs loads in a fraction of the time one thread needs. A path
     * that cannot be used does not stop the others; nor does one that does not fit in memory
     * ({@link NotEnoughMemoryException}).
     */
    public static List<Loaded> loadAll(List<Path> paths) {
        Loaded[] results = new Loaded[paths.size()];
        int threads = Math.min(paths.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            for (int i = 0; i < results.length; i++) {
                results[i] = loadOne(paths.get(i));
            }
            return List.of(results);
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                results[i] = loadOne(paths.get(i));
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(worker, "forgather-load-" + t);
            helpers[t].start();
        }
        worker.run();
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading logs", e);
            }
        }
        return List.of(results);
    }

    private static Loaded loadOne(Path path) {
        try {
            return new Loaded.Read(path, load(path));
        } catch (LogReadException e) {
            return new Loaded.Failed(path, e);
        } catch (RuntimeException e) {
            return new Loaded.Failed(path, new LogReadException(path, "internal error while reading: " + e, e));
        } catch (OutOfMemoryError e) {
            return outOfMemory(path, e);
        }
    }

    /**
     * What the failed read held is garbage now, but a read of another log on another thread may
     * still fill the heap, so that even the message does not fit yet: then wait a little for that
     * read to finish or fail too, rather than let the error escape without the file's name.
     */
    private static Loaded outOfMemory(Path path, OutOfMemoryError first) {
        for (int attempt = 0; ; attempt++) {
            try {
                return new Loaded.Failed(path, notEnoughMemory(path));
            } catch (OutOfMemoryError again) {
                if (attempt == 100) {
                    throw first;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw first;
                }
            }
        }
    }

    private static NotEnoughMemoryException notEnoughMemory(Path path) {
        try {
            Path file = LogFormat.logOf(path);
            if (Files.isRegularFile(file)) {
                return new NotEnoughMemoryException(file, Files.size(file));
            }
        } catch (LogReadException | IOException e) {
            // Then the path as given, without a size.
        }
        return new NotEnoughMemoryException(path, -1);
    }

    /**
     * The runs of a project, newest first; empty when it has none. A Forgather project (one with
     * {@code output_models/}) is read by its layout, {@code output_models/<model>/runs/<run>};
     * any other folder is searched for runs of every known format ({@link RunScanner}), each run
     * listed once.
     */
    public static List<LogFile> find(Path projectDir) {
        return search(projectDir).runs();
    }

    /**
     * The runs of a project as {@link #find} finds them, and the folders it passed over because
     * they could not be opened, with the one warning line that names them
     * ({@link RunSearch#warning()}).
     */
    public static RunSearch search(Path projectDir) {
        if (Files.isDirectory(RunFinder.searchedFolder(projectDir))) {
            return FINDER.search(projectDir);
        }
        return SCANNER.search(projectDir);
    }

    /** The project's newest log. */
    public static Optional<LogFile> latest(Path projectDir) {
        return find(projectDir).stream().findFirst();
    }

    /** The folder that {@link #find} searches, for messages. */
    public static Path searchedFolder(Path projectDir) {
        return RunFinder.searchedFolder(projectDir);
    }

    /** The summary statistics of {@code log}. */
    public static SummaryStatistics summarize(TrainingLog log) {
        return SummaryCalculator.summarize(log, log.path().toString());
    }

    /**
     * The best finite value of {@code metric} (lowest or highest, the first on ties) and the step of
     * its record; empty when the metric has no finite value. The step itself is empty when that
     * record gave no {@code global_step}, which only a log that mixes records with and without one,
     * or has none, can hold: the value is still the best, its step is not known.
     *
     * <pre>{@code
     * StepValue best = TrainingLogs.bestStep(log, "eval_loss", Goal.MIN).orElseThrow();
     * String at = best.step().isPresent() ? "step " + best.step().getAsLong() : "an unknown step";
     * }</pre>
     */
    public static Optional<StepValue> bestStep(TrainingLog log, String metric, Goal goal) {
        Series series = log.series(metric);
        return BestStep.of(series, goal);
    }
}
