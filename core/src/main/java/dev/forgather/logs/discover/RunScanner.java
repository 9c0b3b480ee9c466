package dev.forgather.logs.discover;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Searches any folder for training runs of every known format, each run listed once, newest first
 * (then by path). Where {@link RunFinder} knows a Forgather project's layout, this walks the tree:
 *
 * <ul>
 *   <li>{@code forgather}: a folder with {@code trainer_logs.json} (its {@code trainer_state.json}
 *       and checkpoints are the same run and not listed again);
 *   <li>{@code huggingface}: a folder with {@code trainer_state.json}; of a folder's
 *       {@code checkpoint-<n>} subfolders, whose states repeat one run's history, only the highest
 *       {@code n}, and none when the folder itself has a state;
 *   <li>{@code tensorboard}: a folder with {@code events.out.tfevents.*} files (one run however
 *       many files a restart left);
 *   <li>{@code lightning}: a {@code metrics.csv} whose header has a {@code step} or {@code epoch}
 *       column;
 *   <li>{@code mlflow}: a run folder of MLflow's file store ({@code metrics/} and
 *       {@code meta.yaml}, inside an experiment folder with its own {@code meta.yaml}).
 * </ul>
 *
 * <p>Hidden folders, {@code node_modules}, {@code __pycache__} and MLflow's {@code .trash} are not
 * searched, nor anything below {@link #MAX_DEPTH} levels; symbolic links are not followed, so a
 * link loop cannot trap the search. Unreadable folders are passed over.
 */
public final class RunScanner {
    /** How deep below the given folder runs are looked for. */
    public static final int MAX_DEPTH = 8;

    private static final String FORGATHER_LOG = "trainer_logs.json";
    private static final String TRAINER_STATE = "trainer_state.json";
    private static final String EVENTS_PREFIX = "events.out.tfevents.";
    private static final String LIGHTNING_METRICS = "metrics.csv";
    private static final String LIGHTNING_DEFAULT_NAME = "lightning_logs";
    private static final String MLFLOW_METRICS = "metrics";
    private static final String MLFLOW_META = "meta.yaml";
    private static final String CHECKPOINT_PREFIX = "checkpoint-";

    /**
     * A run found by {@link #scan}.
     *
     * @param path what to load: the log file, or the run folder for TensorBoard and MLflow
     * @param format the format's short name, as {@code LogReader.format()} names it
     * @param modelName the model or experiment, when the layout tells it
     * @param runName the run's name
     * @param modified the newest modification time of the run's log files
     */
    public record FoundRun(Path path, String format, Optional<String> modelName, String runName, FileTime modified) {
    }

    /** Every run under {@code folder} (the folder itself included), newest first; empty when none. */
    public List<FoundRun> scan(Path folder) {
        List<FoundRun> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try {
            Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            if (!dir.equals(folder) && isSkipped(dir)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return visit(dir, found);
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            // walkFileTree reports unreadable folders to visitFileFailed; nothing else is expected.
        }
        found.sort(Comparator.comparing(FoundRun::modified).reversed().thenComparing(FoundRun::path));
        return found;
    }

    private static boolean isSkipped(Path dir) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.startsWith(".") || name.equals("node_modules") || name.equals("__pycache__");
    }

    private static FileVisitResult visit(Path dir, List<FoundRun> found) {
        if (isMlflowRun(dir)) {
            found.add(mlflowRun(dir));
            return FileVisitResult.SKIP_SUBTREE;
        }
        Path forgather = dir.resolve(FORGATHER_LOG);
        Path state = dir.resolve(TRAINER_STATE);
        if (Files.isRegularFile(forgather)) {
            found.add(named(forgather, "forgather"));
        } else if (Files.isRegularFile(state) && !isSupersededCheckpoint(dir)) {
            found.add(named(state, "huggingface"));
        }
        List<Path> events = eventFiles(dir);
        if (!events.isEmpty()) {
            LogFile identity = RunFinder.identify(events.get(0));
            found.add(new FoundRun(dir, "tensorboard", identity.modelName(), identity.runName(), newest(events)));
        }
        Path metrics = dir.resolve(LIGHTNING_METRICS);
        if (Files.isRegularFile(metrics) && hasStepOrEpochColumn(metrics)) {
            found.add(lightningRun(dir, metrics));
        }
        return FileVisitResult.CONTINUE;
    }

    private static FoundRun named(Path file, String format) {
        LogFile identity = RunFinder.identify(file);
        return new FoundRun(file, format, identity.modelName(), identity.runName(), identity.modified());
    }

    /** A checkpoint whose folder has its own state, or a newer checkpoint beside it. */
    private static boolean isSupersededCheckpoint(Path dir) {
        long self = checkpointNumber(dir);
        if (self < 0) {
            return false;
        }
        Path parent = dir.getParent();
        if (parent == null) {
            return false;
        }
        if (Files.isRegularFile(parent.resolve(TRAINER_STATE)) || Files.isRegularFile(parent.resolve(FORGATHER_LOG))) {
            return true;
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, CHECKPOINT_PREFIX + "*")) {
            for (Path sibling : siblings) {
                if (checkpointNumber(sibling) > self && Files.isRegularFile(sibling.resolve(TRAINER_STATE))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The {@code n} of a {@code checkpoint-<n>} folder; -1 for any other folder. */
    private static long checkpointNumber(Path dir) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!name.startsWith(CHECKPOINT_PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(CHECKPOINT_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<Path> eventFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, EVENTS_PREFIX + "*")) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            // Unreadable: no event files we can use.
        }
        files.sort(null);
        return files;
    }

    private static boolean hasStepOrEpochColumn(Path csv) {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return false;
            }
            for (String column : header.strip().split(",")) {
                String name = column.strip();
                if (name.equals("step") || name.equals("epoch")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not UTF-8 text, or unreadable: not a Lightning log.
        }
        return false;
    }

    private static FoundRun lightningRun(Path dir, Path metrics) {
        LogFile identity = RunFinder.identify(metrics);
        Path logger = dir.getParent();
        Optional<String> model = logger != null && logger.getFileName() != null
                && !logger.getFileName().toString().equals(LIGHTNING_DEFAULT_NAME)
                ? Optional.of(logger.getFileName().toString()) : Optional.empty();
        return new FoundRun(metrics, "lightning", model, identity.runName(), identity.modified());
    }

    private static boolean isMlflowRun(Path dir) {
        Path experiment = dir.getParent();
        return Files.isDirectory(dir.resolve(MLFLOW_METRICS)) && Files.isRegularFile(dir.resolve(MLFLOW_META))
                && experiment != null && Files.isRegularFile(experiment.resolve(MLFLOW_META));
    }

    private static FoundRun mlflowRun(Path dir) {
        String run = firstLine(dir.resolve("tags").resolve("mlflow.runName"))
                .or(() -> yamlValue(dir.resolve(MLFLOW_META), "run_name"))
                .orElse(dir.getFileName().toString());
        Optional<String> experiment = yamlValue(dir.getParent().resolve(MLFLOW_META), "name");
        List<Path> metricFiles = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir.resolve(MLFLOW_METRICS))) {
            walk.filter(Files::isRegularFile).forEach(metricFiles::add);
        } catch (IOException | RuntimeException e) {
            // Unreadable metrics: the run is still listed; loading it will say what is wrong.
        }
        metricFiles.add(dir.resolve(MLFLOW_META));
        return new FoundRun(dir, "mlflow", experiment, run, newest(metricFiles));
    }

    private static FileTime newest(List<Path> files) {
        FileTime newest = FileTime.fromMillis(0);
        for (Path file : files) {
            try {
                FileTime time = Files.getLastModifiedTime(file);
                if (time.compareTo(newest) > 0) {
                    newest = time;
                }
            } catch (IOException e) {
                // A file that vanished meanwhile does not date the run.
            }
        }
        return newest;
    }

    private static Optional<String> firstLine(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            return line == null || line.isBlank() ? Optional.empty() : Optional.of(line.strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A top-level {@code key: value} line of MLflow's flat meta.yaml, quotes removed. */
    private static Optional<String> yamlValue(Path file, String key) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(key + ":")) {
                    String value = line.substring(key.length() + 1).strip();
                    if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                            && value.charAt(value.length() - 1) == value.charAt(0)) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
        } catch (IOException e) {
            // No meta.yaml: no name from it.
        }
        return Optional.empty();
    }
}
