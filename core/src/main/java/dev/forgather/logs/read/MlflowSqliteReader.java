package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads MLflow's SQLite tracking store, {@code mlflow.db}: the default store since MLflow 3.7
 * ({@code sqlite:///mlflow.db}). One database holds every run of every experiment, so a run is
 * named by a path below the database file, {@code <db>/<experiment id>/<run id>}, the way the
 * file store's runs are {@code mlruns/<experiment id>/<run id>}; the database alone stands for its
 * run when it holds one.
 *
 * <p><b>Which files.</b> {@code mlflow.db}, or any file with a {@code .db}, {@code .sqlite} or
 * {@code .sqlite3} ending (any name, when given by path) that starts with SQLite's header and
 * has MLflow's {@code experiments}, {@code runs} and {@code metrics} tables. Deleted runs
 * ({@code lifecycle_stage} {@code deleted}) are not listed.
 *
 * <p><b>Read-only.</b> The database is opened with {@code mode=ro}, so nothing is ever written,
 * and each read is one short transaction: a running MLflow server is never blocked for longer
 * than one query (and this reader waits at most {@link #BUSY_TIMEOUT_MS} for the server's).
 *
 * <p><b>What is read.</b> The {@code metrics} table (key, value, timestamp in milliseconds, step,
 * {@code is_nan}), grouped into records as the file store's metrics are
 * ({@link MlflowReader#emit}); the {@code params} table into {@code config()}. The run is named by
 * its {@code mlflow.runName} tag, else the {@code runs.name} column, else its id; the model by its
 * experiment's name.
 */
public final class MlflowSqliteReader implements LogReader {
    /** The database file MLflow creates by default. */
    public static final String FILE_NAME = "mlflow.db";

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> ENDINGS = List.of(".db", ".sqlite", ".sqlite3");
    private static final Set<String> MLFLOW_TABLES = Set.of("experiments", "runs", "metrics");
    private static final int BUSY_TIMEOUT_MS = 2000;
    private static final String RUN_NAME_TAG = "mlflow.runName";
    /** What SQLite appends to a database's name for its write-ahead log. */
    private static final String WAL_SUFFIX = "-wal";

    /** A run in a database: the path naming it, split. */
    private record RunRef(Path database, String runId) {}

    /** A database file with MLflow's tables, or a path {@code <db>/<experiment id>/<run id>} below one. */
    @Override
    public boolean accepts(Path file, byte[] head) {
        if (Files.isRegularFile(file)) {
            return startsLikeSqlite(head) && hasMlflowTables(file);
        }
        return runRef(file).isPresent();
    }

    @Override
    public boolean namesRunWithin(Path path) {
        return runRef(path).isPresent();
    }

    /** A folder's {@code mlflow.db}, when it has MLflow's tables. */
    @Override
    public Optional<Path> logIn(Path folder) {
        Path db = folder.resolve(FILE_NAME);
        return Files.isRegularFile(db) && isMlflowDatabase(db) ? Optional.of(db) : Optional.empty();
    }

    /** Every live run of every MLflow database in the folder, as {@code <db>/<experiment id>/<run id>}. */
    @Override
    public List<Path> runsIn(Path folder) {
        List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, MlflowSqliteReader::mayBeDatabase)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && isMlflowDatabase(file)) {
                    runs.addAll(runsOf(file));
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable folder holds no database we can use.
        }
        runs.sort(null);
        return runs;
    }

    @Override
    public RunName name(Path log) {
        try {
            RunRef ref = resolve(log);
            try (Connection db = open(ref.database())) {
                String experiment = null;
                String name = null;
                try (PreparedStatement q = db.prepareStatement("SELECT e.name, r.name FROM runs r "
                        + "LEFT JOIN experiments e ON e.experiment_id = r.experiment_id WHERE r.run_uuid = ?")) {
                    q.setString(1, ref.runId());
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            experiment = rs.getString(1);
                            name = rs.getString(2);
                        }
                    }
                }
                try (PreparedStatement q =
                        db.prepareStatement("SELECT value FROM tags WHERE run_uuid = ? AND key = ?")) {
                    q.setString(1, ref.runId());
                    q.setString(2, RUN_NAME_TAG);
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()
                                && rs.getString(1) != null
                                && !rs.getString(1).isBlank()) {
                            name = rs.getString(1);
                        }
                    }
                }
                String run = name == null || name.isBlank() ? ref.runId() : name;
                return experiment == null || experiment.isBlank() ? RunName.of(run) : RunName.of(experiment, run);
            }
        } catch (LogReadException | SQLException e) {
            return RunName.of(
                    log.getFileName() == null
                            ? log.toString()
                            : log.getFileName().toString());
        }
    }

    /**
     * The database file and its write-ahead log, {@code <db>-wal}: in WAL mode (MLflow's server
     * sets it) a commit lands in the {@code -wal} file only, and the database file's size and time
     * change only when SQLite checkpoints, so a follower must stat both.
     */
    @Override
    public List<Path> files(Path log) throws LogReadException {
        Path database = resolve(log).database();
        return List.of(database, database.resolveSibling(database.getFileName() + WAL_SUFFIX));
    }

    /** The time of the run's last metric, else its start; the database file's time when neither is known. */
    @Override
    public FileTime modified(Path log) {
        try {
            RunRef ref = resolve(log);
            try (Connection db = open(ref.database());
                    PreparedStatement q = db.prepareStatement("SELECT max(coalesce((SELECT max(timestamp) FROM metrics "
                            + "WHERE run_uuid = r.run_uuid), 0), coalesce(r.end_time, 0), coalesce(r.start_time, 0)) "
                            + "FROM runs r WHERE r.run_uuid = ?")) {
                q.setString(1, ref.runId());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return FileTime.fromMillis(rs.getLong(1));
                    }
                }
            }
            return LogReader.super.modified(ref.database());
        } catch (LogReadException | SQLException e) {
            return FileTime.fromMillis(0);
        }
    }

    @Override
    public void read(Path log, TrainingLogBuilder into) throws LogReadException {
        RunRef ref = resolve(log);
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        ScalarPoints points = new ScalarPoints();
        try (Connection db = open(ref.database())) {
            // One transaction for both queries: a consistent view, and the shared lock held once.
            db.setAutoCommit(false);
            try (PreparedStatement q = db.prepareStatement("SELECT key, value, timestamp, step, is_nan FROM metrics "
                    + "WHERE run_uuid = ? ORDER BY timestamp, step, key")) {
                q.setString(1, ref.runId());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        // SQLite keeps what a column is given, whatever its declared type: a row
                        // without a key, or with a value, step or time that is not a number, is
                        // counted, never read as 0.
                        double isNan = number(rs.getObject(5));
                        boolean nan = isNan != 0;
                        double value = nan ? Double.NaN : number(rs.getObject(2));
                        double time = number(rs.getObject(3));
                        OptionalLong step = integer(rs.getObject(4));
                        if (key == null
                                || Double.isNaN(isNan)
                                || (!nan && Double.isNaN(value))
                                || Double.isNaN(time)
                                || step.isEmpty()) {
                            into.ignoreValue();
                            continue;
                        }
                        Integer metric = index.get(key);
                        if (metric == null) {
                            metric = names.size();
                            names.add(key);
                            index.put(key, metric);
                        }
                        points.add(metric, step.getAsLong(), time / 1000.0, value);
                    }
                }
            }
            try (PreparedStatement q = db.prepareStatement("SELECT key, value FROM params WHERE run_uuid = ?")) {
                q.setString(1, ref.runId());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1) != null && rs.getString(2) != null) {
                            into.config(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
            db.rollback();
        } catch (SQLException e) {
            throw problem(ref.database(), e);
        }
        MlflowReader.emit(names, points, into);
        into.ignoredValuesNote().ifPresent(note -> into.warn(ref.database() + ": " + note));
    }

    /**
     * A metric value or time as SQLite holds it: a number (an integer or a real, non-finite ones
     * included); NaN for NULL, text, or a blob.
     */
    private static double number(Object cell) {
        return cell instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A step: an integer, or a real that is a whole number a {@code long} holds; empty for anything else. */
    private static OptionalLong integer(Object cell) {
        if (cell instanceof Integer || cell instanceof Long) {
            return OptionalLong.of(((Number) cell).longValue());
        }
        if (cell instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return OptionalLong.of((long) d);
            }
        }
        return OptionalLong.empty();
    }

    /** The database and run a path names; a database path alone names its only run. */
    private RunRef resolve(Path log) throws LogReadException {
        Optional<RunRef> ref = runRef(log);
        if (ref.isPresent()) {
            return ref.get();
        }
        if (!Files.isRegularFile(log)) {
            throw new LogReadException(log, "no such file");
        }
        List<String[]> runs = liveRuns(log);
        if (runs.size() != 1) {
            throw new LogReadException(
                    log,
                    runs.isEmpty()
                            ? "an MLflow database with no runs"
                            : "an MLflow database with " + runs.size() + " runs: name one as " + log
                                    + "/<experiment id>/<run id>" + " (logs list shows them)");
        }
        // Its id, as the database holds it: also an id that no path could name.
        return new RunRef(log, runs.get(0)[1]);
    }

    /** {@code <db>/<experiment id>/<run id>} split, when {@code <db>} is an MLflow database. */
    private static Optional<RunRef> runRef(Path path) {
        Path experiment = path.getParent();
        Path db = experiment == null ? null : experiment.getParent();
        if (db == null
                || path.getFileName() == null
                || Files.exists(path)
                || !Files.isRegularFile(db)
                || !isMlflowDatabase(db)) {
            return Optional.empty();
        }
        return Optional.of(new RunRef(db, path.getFileName().toString()));
    }

    /**
     * The live runs as {@code <db>/<experiment id>/<run id>}; a run whose ids cannot be path names
     * (empty, {@code .}, {@code ..}, or holding a {@code /}, a {@code \} or a NUL) is left out: it
     * can be read only as the database's one run.
     */
    private static List<Path> runsOf(Path database) {
        List<Path> runs = new ArrayList<>();
        for (String[] run : liveRuns(database)) {
            if (isPathName(run[0]) && isPathName(run[1])) {
                runs.add(database.resolve(run[0]).resolve(run[1]));
            }
        }
        return runs;
    }

    private static boolean isPathName(String id) {
        return id != null
                && !id.isEmpty()
                && !id.equals(".")
                && !id.equals("..")
                && id.indexOf('/') < 0
                && id.indexOf('\\') < 0
                && id.indexOf('\0') < 0;
    }

    /** The experiment id and run id of every live run, ids that are NULL included as null. */
    private static List<String[]> liveRuns(Path database) {
        List<String[]> runs = new ArrayList<>();
        try (Connection db = open(database);
                PreparedStatement q = db.prepareStatement(
                        "SELECT experiment_id, run_uuid FROM runs "
                                + "WHERE lifecycle_stage IS NULL OR lifecycle_stage <> 'deleted' ORDER BY experiment_id, run_uuid");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                runs.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        } catch (SQLException | LogReadException e) {
            // Not readable as MLflow's database: no runs.
        }
        return runs;
    }

    private static boolean mayBeDatabase(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.equals(FILE_NAME) || ENDINGS.stream().anyMatch(name::endsWith);
    }

    private static boolean isMlflowDatabase(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return startsLikeSqlite(head) && hasMlflowTables(file);
    }

    private static boolean startsLikeSqlite(byte[] head) {
        if (head.length < SQLITE_HEADER.length) {
            return false;
        }
        for (int i = 0; i < SQLITE_HEADER.length; i++) {
            if (head[i] != SQLITE_HEADER[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasMlflowTables(Path file) {
        try (Connection db = open(file);
                PreparedStatement q = db.prepareStatement("SELECT name FROM sqlite_master WHERE type = 'table'");
                ResultSet rs = q.executeQuery()) {
            int found = 0;
            while (rs.next()) {
                if (MLFLOW_TABLES.contains(rs.getString(1))) {
                    found++;
                }
            }
            return found == MLFLOW_TABLES.size();
        } catch (SQLException | LogReadException e) {
            return false;
        }
    }

    /**
     * A read-only connection: {@code mode=ro} in SQLite's URI form (the path percent-encoded, so a
     * {@code ?} or {@code #} in a folder name is a name, not a parameter), opened read-only.
     */
    private static Connection open(Path database) throws LogReadException {
        String uri;
        try {
            uri = new URI(
                            null,
                            null,
                            database.toAbsolutePath().normalize().toString().replace('\\', '/'),
                            null)
                    .getRawPath();
        } catch (URISyntaxException e) {
            throw new LogReadException(database, "cannot name this path to SQLite: " + e.getMessage());
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            return DriverManager.getConnection("jdbc:sqlite:file:" + uri + "?mode=ro", config.toProperties());
        } catch (SQLException e) {
            throw problem(database, e);
        }
    }

    /**
     * sqlite-jdbc's {@code [SQLITE_CORRUPT] The database disk image is malformed (database disk
     * image is malformed)} in our words: SQLite's own explanation (the part in parentheses, e.g.
     * {@code no such column: is_nan}), without the result code.
     */
    static LogReadException problem(Path database, SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.startsWith("[")) {
            int code = message.indexOf(']');
            message = code < 0 ? "" : message.substring(code + 1).strip();
            int open = message.indexOf(" (");
            if (open >= 0 && message.endsWith(")")) {
                message = message.substring(open + 2, message.length() - 1).strip();
            }
        }
        return new LogReadException(
                database,
                "cannot read the MLflow database: "
                        + (message.isEmpty() ? "unreadable" : message.toLowerCase(Locale.ROOT)));
    }
}
