package dev.forgather.logs;

import dev.forgather.logs.io.OutputRefusedException;
import dev.forgather.logs.io.OutputTarget;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.read.ForgatherJsonReader;
import dev.forgather.logs.read.LightningCsvReader;
import dev.forgather.logs.read.LogFormat;
import dev.forgather.logs.read.TensorBoardReader;
import dev.forgather.logs.read.TrainerStateReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The library's one check before anything is written: every command that writes a file (a
 * summary, a chart, an export, a report) gets its {@link OutputTarget} here, so that an output can
 * never replace a training log.
 *
 * <pre>{@code
 * OutputTarget out = Outputs.target(Path.of("summary.md"), List.of(runA, runB));
 * out.write(text);
 * }</pre>
 */
public final class Outputs {
    private Outputs() {}

    /**
     * The target for writing {@code output}, refused when it is one of {@code reading} or an
     * existing training log of any format; see {@link OutputTarget} for how it is then written.
     *
     * @param reading the logs being read: paths as the user gave them (files or run folders) and the
     *     files they loaded from
     * @throws OutputRefusedException when {@code output} is one of them, or a log
     * @throws IOException when a path cannot be inspected
     */
    public static OutputTarget target(Path output, Collection<Path> reading) throws IOException {
        return OutputTarget.checked(output, reading, Outputs::isLog);
    }

    /** {@link #target(Path, Collection)} for the loaded {@code logs}. */
    public static OutputTarget targetFor(Path output, Collection<TrainingLog> logs) throws IOException {
        return target(output, pathsOf(logs));
    }

    /** The files {@code logs} were loaded from. */
    public static List<Path> pathsOf(Collection<TrainingLog> logs) {
        List<Path> paths = new ArrayList<>();
        for (TrainingLog log : logs) {
            paths.add(log.path());
        }
        return paths;
    }

    /**
     * Whether an existing regular file is a training log that a reader would take for one: by the
     * name a trainer gives it ({@code trainer_logs.json}, {@code trainer_state.json},
     * {@code metrics.csv}, {@code events.out.tfevents.*}), by a TensorBoard record header, or by its
     * place among an MLflow run's metric files. A {@code .json} array or a {@code .csv} with a step
     * column of another name is not: a summary or an export written earlier looks just like that,
     * and writing it again must work.
     */
    public static boolean isLog(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String fileName = name.toString();
        if (fileName.equals(ForgatherJsonReader.FILE_NAME)
                || fileName.equals(TrainerStateReader.FILE_NAME)
                || fileName.equals(LightningCsvReader.FILE_NAME)
                || fileName.startsWith(TensorBoardReader.FILE_PREFIX)) {
            return true;
        }
        if (LogFormat.MLFLOW_FILES.accepts(file, new byte[0])) {
            return true;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(LogFormat.HEAD_BYTES);
        } catch (IOException e) {
            return false;
        }
        return LogFormat.TENSORBOARD.accepts(file, head);
    }
}
