package dev.forgather.logs;

import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.discover.RunFinder;
import dev.forgather.logs.discover.RunScanner;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.ForgatherJsonReader;
import dev.forgather.logs.read.LightningCsvReader;
import dev.forgather.logs.read.LogReader;
import dev.forgather.logs.read.MlflowReader;
import dev.forgather.logs.read.TensorBoardReader;
import dev.forgather.logs.read.TrainerStateReader;
import dev.forgather.logs.stats.BestStep;
import dev.forgather.logs.stats.Goal;
import dev.forgather.logs.stats.StepValue;
import dev.forgather.logs.stats.SummaryCalculator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** In order of preference: a run folder with a Forgather log and another format loads the Forgather log. */
    private static final List<LogReader> READERS = List.of(new ForgatherJsonReader(), new TrainerStateReader(),
            new TensorBoardReader(), new LightningCsvReader(), new MlflowReader());
    private static final RunFinder FINDER = new RunFinder(linked(ForgatherJsonReader.FILE_NAME, "forgather",
            "trainer_state.json", "huggingface"));
    private static final RunScanner SCANNER = new RunScanner();

    private TrainingLogs() {
    }

    /**
     * Loads a log from a log file or from a run directory holding one. The format is recognised
     * from the file's name and first bytes: Forgather {@code trainer_logs.json}, Hugging Face
     * {@code trainer_state.json}, TensorBoard {@code events.out.tfevents.*} (with the other event
     * files of its folder), Lightning {@code metrics.csv}, or an MLflow run folder. A run directory
     * holding several of these loads the first in that order, so a Forgather run's
     * {@code trainer_state.json} is not read beside its {@code trainer_logs.json}.
     *
     * @throws LogReadException when the path holds no usable log; the message names the file and
     *     the problem in one line
     */
    public static TrainingLog load(Path fileOrRunDir) throws LogReadException {
        Path file = logFileOf(fileOrRunDir);
        LogReader reader = readerFor(file);
        TrainingLogBuilder builder = new TrainingLogBuilder();
        reader.read(file, builder);
        LogFile identity = RunFinder.identify(file);
        String runName = builder.recordedRunName().orElse(identity.runName());
        String modelName = builder.recordedModelName().orElse(identity.modelName().orElse(null));
        return builder.build(file, runName, modelName, reader.format());
    }

    /**
     * What loading one path gave: the log, or the reason it could not be used.
     *
     * @param path the path as given
     * @param log the log, when it loaded
     * @param error why it did not, when it did not
     */
    public record Loaded(Path path, Optional<TrainingLog> log, Optional<LogReadException> error) {
    }

    /**
     * Loads every path, on all cores, and gives the results in the order of {@code paths}: a
     * project of a thousand small runs loads in a fraction of the time one thread needs. A path
     * that cannot be used does not stop the others.
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
            return new Loaded(path, Optional.of(load(path)), Optional.empty());
        } catch (LogReadException e) {
            return new Loaded(path, Optional.empty(), Optional.of(e));
        } catch (RuntimeException e) {
            return new Loaded(path, Optional.empty(),
                    Optional.of(new LogReadException(path, "internal error while reading: " + e)));
        }
    }

    /**
     * The runs of a project, newest first; empty when it has none. A Forgather project (one with
     * {@code output_models/}) is read by its layout, {@code output_models/<model>/runs/<run>};
     * any other folder is searched for runs of every known format ({@link RunScanner}), each run
     * listed once.
     */
    public static List<LogFile> find(Path projectDir) {
        if (Files.isDirectory(RunFinder.searchedFolder(projectDir))) {
            return FINDER.find(projectDir);
        }
        return SCANNER.scan(projectDir).stream()
                .map(run -> new LogFile(run.path(), run.modelName(), run.runName(), run.modified(),
                        Optional.of(run.format())))
                .toList();
    }

    private static Map<String, String> linked(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
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

    /** The best finite value of {@code metric} and its step (first on ties); empty when there is none. */
    public static Optional<StepValue> bestStep(TrainingLog log, String metric, Goal goal) {
        Series series = log.series(metric);
        return BestStep.of(series, goal);
    }

    private static Path logFileOf(Path path) throws LogReadException {
        if (Files.isDirectory(path)) {
            Path file = path.resolve(ForgatherJsonReader.FILE_NAME);
            if (Files.isDirectory(file)) {
                throw new LogReadException(file, "is a directory, not a log file");
            }
            if (!Files.exists(file)) {
                return otherLogIn(path).orElseThrow(() -> new LogReadException(path,
                        "no " + ForgatherJsonReader.FILE_NAME + " in this run directory"));
            }
            return file;
        }
        if (!Files.exists(path)) {
            throw new LogReadException(path, "no such file or directory");
        }
        return path;
    }

    /** The log of another format in a run directory without a Forgather log. */
    private static Optional<Path> otherLogIn(Path dir) {
        Path state = dir.resolve(TrainerStateReader.FILE_NAME);
        if (Files.isRegularFile(state)) {
            return Optional.of(state);
        }
        Optional<Path> events = TensorBoardReader.firstEventFile(dir);
        if (events.isPresent()) {
            return events;
        }
        Path metrics = dir.resolve(LightningCsvReader.FILE_NAME);
        if (Files.isRegularFile(metrics)) {
            return Optional.of(metrics);
        }
        return MlflowReader.runFolderOf(dir).filter(run -> run.equals(dir.toAbsolutePath().normalize())).map(run -> dir);
    }

    private static LogReader readerFor(Path file) throws LogReadException {
        if (Files.isDirectory(file)) {
            for (LogReader reader : READERS) {
                if (reader.accepts(file, new byte[0])) {
                    return reader;
                }
            }
            throw new LogReadException(file, "not a training log this tool can read");
        }
        if (file.getFileName().toString().equals(ForgatherJsonReader.FILE_NAME)) {
            // The trainer's own file name: no need to open it twice (a thousand runs, 25 ms).
            return READERS.get(0);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        } catch (NoSuchFileException e) {
            throw new LogReadException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new LogReadException(file, "permission denied");
        } catch (IOException e) {
            throw new LogReadException(file, "cannot read: " + e.getMessage());
        }
        if (head.length == 0) {
            throw new LogReadException(file, "empty file");
        }
        for (LogReader reader : READERS) {
            if (reader.accepts(file, head)) {
                return reader;
            }
        }
        if (file.getFileName().toString().endsWith(".json")) {
            // Some JSON nobody claims: the Forgather reader says exactly what is wrong with it.
            return READERS.get(0);
        }
        throw new LogReadException(file, "not a training log this tool can read");
    }
}
