package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads one run of MLflow's local file store ({@code mlflow.set_tracking_uri("file:./mlruns")}, the
 * default {@code ./mlruns}):
 *
 * <pre>
 * mlruns/&lt;experiment id&gt;/meta.yaml              name: &lt;experiment name&gt;
 * mlruns/&lt;experiment id&gt;/&lt;run id&gt;/meta.yaml       run_name: ..., run_uuid: ...
 * mlruns/&lt;experiment id&gt;/&lt;run id&gt;/tags/mlflow.runName   the run's name
 * mlruns/&lt;experiment id&gt;/&lt;run id&gt;/metrics/&lt;name&gt;     one line per value: timestamp_ms value step
 * </pre>
 *
 * <p><b>What is read.</b> A run is its folder: {@link #read} takes the run folder, its
 * {@code metrics} folder or any metric file in it, and always reads every metric of the run. A
 * metric whose name holds {@code /} is stored in subfolders ({@code metrics/train/loss}) and read
 * under its full name. Lines from MLflow before 1.0 have no step (taken as 0). Values are Python's
 * {@code str(float)}, {@code nan} and {@code inf} included; a line that cannot be read (the last
 * one, cut off mid-write) is skipped and counted in one warning.
 *
 * <p><b>Records.</b> MLflow stores each metric apart, but gives every value of one
 * {@code log_metrics} call the same step and millisecond timestamp; the values are merged in time
 * order and grouped back into records by step and timestamp with {@link RecordGrouper} (training
 * and evaluation values apart). Names are mapped by {@link CanonicalNames} ({@code val_loss} is
 * {@code eval_loss}, a metric {@code epoch} sets the record's epoch); the original names stay usable.
 * A record's time is the timestamp in seconds.
 *
 * <p><b>Names.</b> The run is named by its {@code mlflow.runName} tag, else {@code run_name} in its
 * {@code meta.yaml}, else its folder; the model by the experiment's {@code name} in the
 * experiment's {@code meta.yaml}.
 */
public final class MlflowReader implements LogReader {
    /** The folder of a run that holds its metric files. */
    public static final String METRICS = "metrics";

    private static final String META = "meta.yaml";
    private static final String PARAMS = "params";
    private static final Path RUN_NAME_TAG = Path.of("tags", "mlflow.runName");

    /** The folder itself, when it is a run folder. */
    @Override
    public Optional<Path> logIn(Path folder) {
        return Files.isDirectory(folder) && isRun(folder) ? Optional.of(folder) : Optional.empty();
    }

    /** Nothing below a run folder is another run. */
    @Override
    public boolean endsSearch(Path folder) {
        return isRun(folder);
    }

    /**
     * The run by its {@code mlflow.runName} tag, else {@code run_name} in its {@code meta.yaml},
     * else its folder; the model by the experiment's {@code name}.
     */
    @Override
    public RunName name(Path log) {
        Path run = runFolderOf(log).orElse(log.toAbsolutePath().normalize());
        String name = firstLine(run.resolve(RUN_NAME_TAG))
                .or(() -> yamlValue(run.resolve(META), "run_name"))
                .orElse(run.getFileName().toString());
        Path experiment = run.getParent();
        Optional<String> model = experiment == null ? Optional.empty() : yamlValue(experiment.resolve(META), "name");
        return new RunName(model, name);
    }

    /** The run's {@code meta.yaml}, its metric files and the folders that hold them. */
    @Override
    public List<Path> files(Path log) throws LogReadException {
        Path run = runFolderOf(log).orElse(log);
        List<Path> files = new ArrayList<>();
        if (Files.exists(run.resolve(META))) {
            files.add(run.resolve(META));
        }
        try (Stream<Path> walk = Files.walk(run.resolve(METRICS))) {
            walk.sorted().forEach(files::add);
        } catch (IOException e) {
            throw Problems.of(run.resolve(METRICS), e);
        }
        return files;
    }

    /** The newest modification time of the run's metric files and {@code meta.yaml}. */
    @Override
    public FileTime modified(Path log) {
        Path run = runFolderOf(log).orElse(log);
        FileTime newest = LogReader.super.modified(run.resolve(META));
        try (Stream<Path> walk = Files.walk(run.resolve(METRICS))) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                FileTime time = LogReader.super.modified(file);
                if (time.compareTo(newest) > 0) {
                    newest = time;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable metrics: loading the run will say what is wrong.
        }
        return newest;
    }

    /**
     * Accepts a run folder (one with a {@code metrics} folder and a {@code meta.yaml} or
     * {@code tags} folder), its {@code metrics} folder, or a file inside that folder.
     */
    @Override
    public boolean accepts(Path file, byte[] head) {
        return runFolderOf(file).isPresent();
    }

    /** The run folder {@code path} belongs to, if it is a run folder, its metrics folder or a metric file. */
    public static Optional<Path> runFolderOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path p = absolute; p != null; p = p.getParent()) {
            Path name = p.getFileName();
            if (p.equals(absolute) && Files.isDirectory(p) && isRun(p)) {
                return Optional.of(p);
            }
            if (name != null && name.toString().equals(METRICS) && Files.isDirectory(p)) {
                Path run = p.getParent();
                return run != null && isRun(run) ? Optional.of(run) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isRun(Path folder) {
        return Files.isDirectory(folder.resolve(METRICS))
                && (Files.isRegularFile(folder.resolve(META)) || Files.isDirectory(folder.resolve("tags")));
    }

    @Override
    public void read(Path path, TrainingLogBuilder into) throws LogReadException {
        Path run = runFolderOf(path)
                .orElseThrow(() -> new LogReadException(
                        path, "not an MLflow run: expected a run folder with " + METRICS + "/ and " + META));
        Path metrics = run.resolve(METRICS);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(metrics)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw Problems.of(metrics, e);
        }
        files.sort(Comparator.comparing(Path::toString));
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(metrics.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"));
        }
        Points points = new Points();
        int badLines = 0;
        for (int i = 0; i < files.size(); i++) {
            badLines += points.readMetric(files.get(i), i);
        }
        emit(names, points, into);
        readParams(run.resolve(PARAMS), into);
        if (badLines > 0) {
            into.warn(metrics + ": ignored " + badLines + " line" + (badLines == 1 ? "" : "s")
                    + " that are not 'timestamp value step'; read " + into.recordCount() + " records");
        }
    }

    private static Optional<String> firstLine(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            return line == null || line.isBlank() ? Optional.empty() : Optional.of(line.strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A top-level {@code key: value} of the flat YAML MLflow writes, quotes removed. Nothing more of
     * YAML is needed, so no YAML library is pulled in.
     */
    static Optional<String> yamlValue(Path file, String key) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(key + ":")) {
                    String value = line.substring(key.length() + 1).strip();
                    if (value.length() >= 2
                            && (value.startsWith("'") && value.endsWith("'")
                                    || value.startsWith("\"") && value.endsWith("\""))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
        } catch (IOException e) {
            // No meta.yaml: the caller falls back to the folder name.
        }
        return Optional.empty();
    }

    /** Each {@code params/<key>} file holds one parameter's value; keys with {@code /} are in subfolders. */
    private static void readParams(Path params, TrainingLogBuilder into) {
        if (!Files.isDirectory(params)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(params)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String key = params.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), "/");
                into.config(key, Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException | RuntimeException e) {
            into.warn(params + ": could not read the run's params: " + e.getMessage());
        }
    }

    /**
     * Adds an MLflow run's values, which both stores keep metric by metric, as records: names mapped
     * by {@link CanonicalNames}, values merged in time order and grouped by step and timestamp.
     *
     * @param names the metrics' names, numbered as {@code points} numbers them
     */
    static void emit(List<String> names, ScalarPoints points, TrainingLogBuilder into) {
        String[] keys = CanonicalNames.aliased(names, into);
        RecordGrouper grouper = new RecordGrouper(into, true, false);
        for (int i : inTimeOrder(points, keys)) {
            grouper.add(points.steps[i], points.times[i], keys[points.metric[i]], points.values[i]);
        }
        grouper.finish();
    }

    /**
     * The points ordered by timestamp, then step, then phase (training values before evaluation
     * values), then metric name, so one logging call's values are adjacent.
     */
    private static int[] inTimeOrder(ScalarPoints points, String[] keys) {
        int[] phases = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            phases[i] = keys[i].equals(CanonicalNames.EPOCH)
                    ? 0
                    : switch (RecordGrouper.phaseOf(keys[i])) {
                        case "train" -> 1;
                        case "eval" -> 2;
                        default -> 3;
                    };
        }
        Comparator<Integer> order = Comparator.<Integer>comparingDouble(i -> points.times[i])
                .thenComparingLong(i -> points.steps[i])
                .thenComparingInt(i -> phases[points.metric[i]])
                .thenComparingInt(i -> points.metric[i]);
        Integer[] boxed = new Integer[points.size];
        for (int i = 0; i < points.size; i++) {
            boxed[i] = i;
        }
        // MLflow runs hold thousands of points, not millions: a boxed sort is fine here.
        Arrays.sort(boxed, order);
        int[] out = new int[points.size];
        for (int i = 0; i < points.size; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    /** Every value of the run, until all metric files are read; times in seconds from MLflow's milliseconds. */
    private static final class Points extends ScalarPoints {

        /** Reads one metric file; returns how many lines could not be read. */
        int readMetric(Path file, int index) throws LogReadException {
            int bad = 0;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length < 2 || parts.length > 3) {
                        bad++;
                        continue;
                    }
                    try {
                        long time = Long.parseLong(parts[0]);
                        double value = PythonFloat.parse(parts[1]);
                        long step = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
                        add(index, step, time / 1000.0, value);
                    } catch (NumberFormatException e) {
                        bad++;
                    }
                }
            } catch (IOException e) {
                throw Problems.of(file, e);
            }
            return bad;
        }
    }
}
