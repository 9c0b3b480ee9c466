package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.SourceFormat;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The log formats this library reads, in order of preference: a run folder holding logs of
 * several formats loads the first. Each format is one {@link LogReader}, which alone knows its
 * file names, layout and naming; discovery ({@code RunScanner}, {@code RunFinder}) and loading
 * ({@code TrainingLogs}) only loop over these values, the way Jackson's {@code DataFormatDetector}
 * loops over its factories. A new format is a new reader and a line here.
 */
public enum LogFormat implements SourceFormat {
    /** The Forgather trainer's {@code trainer_logs.json}. */
    FORGATHER("forgather", new ForgatherJsonReader(), null),
    /**
     * The Hugging Face {@code Trainer}'s {@code trainer_state.json}; in a folder that also holds a
     * Forgather log it is that run's checkpoint state, not a run of its own.
     */
    HF_TRAINER_STATE("huggingface", new TrainerStateReader(), FORGATHER),
    /** A folder of TensorBoard {@code events.out.tfevents.*} files. */
    TENSORBOARD("tensorboard", new TensorBoardReader(), null),
    /** PyTorch Lightning's {@code CSVLogger} {@code metrics.csv}. */
    LIGHTNING_CSV("lightning", new LightningCsvReader(), null),
    /** A run folder of MLflow's file store ({@code mlruns/<experiment>/<run>}). */
    MLFLOW_FILES("mlflow", new MlflowReader(), null),
    /** A run of MLflow's SQLite store ({@code mlflow.db/<experiment>/<run>}). */
    MLFLOW_SQLITE("mlflow-sqlite", new MlflowSqliteReader(), null);

    /** The problem {@link #logOf} gives for a folder that holds no log of any format itself. */
    public static final String NO_LOG_IN_FOLDER = "no " + ForgatherJsonReader.FILE_NAME + " in this run directory";

    /** How many bytes of a file {@link LogReader#accepts} is shown. */
    public static final int HEAD_BYTES = 64;

    private final String id;
    private final LogReader reader;
    private final LogFormat readInsteadBy;

    LogFormat(String id, LogReader reader, LogFormat readInsteadBy) {
        this.id = id;
        this.reader = reader;
        this.readInsteadBy = readInsteadBy;
    }

    @Override
    public String id() {
        return id;
    }

    /** The reader that knows this format. */
    public LogReader reader() {
        return reader;
    }

    /** The format whose short name is {@code id}, if any. */
    public static Optional<LogFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** See {@link LogReader#accepts}. */
    public boolean accepts(Path file, byte[] head) {
        return reader.accepts(file, head);
    }

    /** See {@link LogReader#logIn}. */
    public Optional<Path> logIn(Path folder) {
        return reader.logIn(folder);
    }

    /**
     * See {@link LogReader#runsIn}; none when a format preferred to this one has a run in the same
     * folder that this one's files belong to.
     */
    public List<Path> runsIn(Path folder) {
        if (readInsteadBy != null && readInsteadBy.logIn(folder).isPresent()) {
            return List.of();
        }
        return reader.runsIn(folder);
    }

    /** See {@link LogReader#endsSearch}. */
    public boolean endsSearch(Path folder) {
        return reader.endsSearch(folder);
    }

    /** See {@link LogReader#name}. */
    public RunName name(Path log) {
        return reader.name(log);
    }

    /** See {@link LogReader#modified}. */
    public FileTime modified(Path log) {
        return reader.modified(log);
    }

    /** A follower's tail of {@code log} (a path {@link #logOf} gave); see {@link LogReader#tail}. */
    public LogTail tail(Path log) {
        return reader.tail(log, reader.name(log), this);
    }

    /** See {@link LogReader#read}. */
    public void read(Path log, TrainingLogBuilder into) throws LogReadException {
        reader.read(log, into);
    }

    /**
     * The log a path given by a user stands for: a log file as it is, a run folder's log in the
     * first format that has one (so a Forgather run's {@code trainer_state.json} is not read beside
     * its {@code trainer_logs.json}).
     *
     * @throws LogReadException when the path does not exist or the folder holds no log
     */
    public static Path logOf(Path fileOrRunDir) throws LogReadException {
        fileOrRunDir = UndecodableNames.recover(fileOrRunDir);
        if (Files.isDirectory(fileOrRunDir)) {
            Path forgather = fileOrRunDir.resolve(ForgatherJsonReader.FILE_NAME);
            if (Files.isDirectory(forgather)) {
                throw new LogReadException(forgather, "is a directory, not a log file");
            }
            if (Files.exists(forgather)) {
                return regularFile(forgather);
            }
            if (!Files.isReadable(fileOrRunDir) || !Files.isExecutable(fileOrRunDir)) {
                throw new LogReadException(fileOrRunDir, "permission denied");
            }
            for (LogFormat format : values()) {
                Optional<Path> log = format.logIn(fileOrRunDir);
                if (log.isPresent()) {
                    return log.get();
                }
            }
            throw new LogReadException(fileOrRunDir, NO_LOG_IN_FOLDER);
        }
        if (!Files.exists(fileOrRunDir)) {
            if (ownerOf(fileOrRunDir).isPresent()) {
                return fileOrRunDir;
            }
            throw new LogReadException(fileOrRunDir, "no such file");
        }
        return regularFile(fileOrRunDir);
    }

    /**
     * {@code file} when it is a regular file (or a link to one). A FIFO, a socket or a device is
     * refused at once: opening a FIFO would wait for a writer forever.
     */
    private static Path regularFile(Path file) throws LogReadException {
        if (!Files.isRegularFile(file)) {
            throw new LogReadException(file, "not a regular file");
        }
        return file;
    }

    /**
     * The format of {@code file} (a log file, or a run folder {@link #logOf} gave), from its name
     * and first bytes.
     *
     * @throws LogReadException when no format claims it, or it cannot be read
     */
    public static LogFormat of(Path file) throws LogReadException {
        if (!Files.exists(file)) {
            return ownerOf(file).orElseThrow(() -> new LogReadException(file, "no such file"));
        }
        if (Files.isDirectory(file)) {
            for (LogFormat format : values()) {
                if (format.accepts(file, new byte[0])) {
                    return format;
                }
            }
            throw new LogReadException(file, "not a training log this tool can read");
        }
        if (file.getFileName() != null && file.getFileName().toString().equals(ForgatherJsonReader.FILE_NAME)) {
            // The trainer's own file name: no need to open it twice (a thousand runs, 25 ms).
            return FORGATHER;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
        if (head.length == 0) {
            throw new LogReadException(file, "empty file");
        }
        for (LogFormat format : values()) {
            if (format.accepts(file, head)) {
                return format;
            }
        }
        if (file.getFileName().toString().endsWith(".json")) {
            // Some JSON nobody claims: the Forgather reader says exactly what is wrong with it.
            return FORGATHER;
        }
        throw new LogReadException(file, "not a training log this tool can read");
    }

    /** The format whose file holds the run that {@code path}, which is no file, names. */
    private static Optional<LogFormat> ownerOf(Path path) {
        return Arrays.stream(values())
                .filter(f -> f.reader.namesRunWithin(path))
                .findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
