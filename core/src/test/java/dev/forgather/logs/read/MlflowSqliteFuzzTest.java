package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.TrainingLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the MLflow SQLite reader ({@code mlflow.db}). The input is a small script that builds the
 * database: a first byte choosing the schema (MLflow's own, or looser tables SQLite accepts too:
 * no types, no {@code NOT NULL}, no {@code is_nan} column, no {@code params} or {@code tags}), then
 * operations that add experiments, runs, metric rows (any key, a value that is a number, text or
 * null, any step and time), params and tags, or overwrite a byte of the finished file. The seeds
 * are scripts this class writes ({@link #crafted()}): no database file is committed.
 *
 * <p>Each execution reads the database alone and every run {@code logs list} would list, asserting
 * {@link ReadInvariant}: records, at most as many as the metric rows inserted (after a byte was
 * overwritten, at most a third of the file's bytes, since SQLite may then read other rows), or one
 * {@code LogReadException} line; and listing, naming and dating the runs never throws.
 */
class MlflowSqliteFuzzTest {
    private static final FuzzFiles FILES = new FuzzFiles("mlflow-sqlite-fuzz");
    private static final MlflowSqliteReader READER = new MlflowSqliteReader();

    /** The schema choices of the first byte. */
    static final int LOOSE_METRICS = 1;

    static final int NO_PARAMS = 2;
    static final int NO_TAGS = 4;
    static final int LOOSE_RUNS = 8;
    static final int NO_IS_NAN = 16;

    /** The operations, by their first byte modulo their number. */
    static final int EXPERIMENT = 0;

    static final int RUN = 1;
    static final int METRIC = 2;
    static final int PARAM = 3;
    static final int TAG = 4;
    static final int BURST = 5;
    static final int OVERWRITE = 6;
    static final int OPERATIONS = 7;

    /** Names a byte below {@link #WORDS}{@code .size()} picks, so that the fuzzer reaches real metric names. */
    static final List<String> WORDS = List.of(
            "loss",
            "eval_loss",
            "epoch",
            "train/loss",
            "eval/loss",
            "learning_rate",
            "grad_norm",
            "mlflow.runName",
            "",
            "train_loss_step",
            "val_loss",
            "0",
            "run-a",
            "active",
            "deleted",
            "..");

    /** A byte that stands for SQL NULL where text is read. */
    static final int NULL = 255;

    static Stream<Arguments> crafted() {
        List<Arguments> seeds = new ArrayList<>();
        seeds.add(seed("one healthy run", oneRun(0).bytes()));
        Script two = oneRun(0);
        two.op(RUN).text("run-b").u8(2).text("second").word("deleted");
        two.op(METRIC)
                .u8(1)
                .word("loss")
                .value(1.5)
                .i64(1_795_564_391_000L)
                .i64(3)
                .u8(0);
        seeds.add(seed("a live run and a deleted one", two.bytes()));
        Script three = oneRun(0);
        three.op(RUN).text("run-c").u8(2).nul().nul();
        three.op(METRIC)
                .u8(1)
                .word("loss")
                .value(0.5)
                .i64(1_795_564_391_000L)
                .i64(1)
                .u8(0);
        seeds.add(seed("two live runs", three.bytes()));
        Script loose = oneRun(LOOSE_METRICS | LOOSE_RUNS);
        loose.op(METRIC).u8(0).nul().value(2.0).i64(1).i64(1).u8(0);
        loose.op(METRIC).u8(0).word("loss").u8(2).text("2.5").i64(2).i64(2).u8(0);
        loose.op(METRIC).u8(0).word("eval_loss").u8(3).i64(3).i64(-1).u8(2);
        seeds.add(seed("loose tables: a null key, text and null values", loose.bytes()));
        seeds.add(seed("no is_nan column", oneRun(LOOSE_METRICS | NO_IS_NAN).bytes()));
        seeds.add(seed("no runs", new Script(NO_PARAMS | NO_TAGS).bytes()));
        Script damaged = oneRun(0);
        damaged.op(OVERWRITE).u8(0).u8(100).u8(0xff);
        damaged.op(OVERWRITE).u8(0).u8(20).u8(0);
        seeds.add(seed("a damaged page", damaged.bytes()));
        Script header = oneRun(0);
        header.op(OVERWRITE).u8(0).u8(3).u8('x');
        seeds.add(seed("a damaged header", header.bytes()));
        return seeds.stream();
    }

    private static Arguments seed(String name, byte[] script) {
        return Arguments.of(Named.of(name, script));
    }

    /** One experiment {@code 2}, one run {@code run-a} with a name tag, a param and a few losses. */
    private static Script oneRun(int schema) {
        Script s = new Script(schema);
        s.op(EXPERIMENT).u8(4).text("tiny_gpt");
        s.op(RUN).text("run-a").u8(4).text("name-column").word("active");
        s.op(TAG).u8(0).word("mlflow.runName").text("adamw");
        s.op(PARAM).u8(0).text("lr").text("0.001");
        s.op(BURST).u8(0).word("loss").u8(8);
        // NaN as MLflow stores it: 0 with is_nan.
        s.op(METRIC)
                .u8(0)
                .word("eval_loss")
                .value(0.0)
                .i64(1_795_564_392_000L)
                .i64(4)
                .u8(1);
        s.op(METRIC)
                .u8(0)
                .word("epoch")
                .value(1.0)
                .i64(1_795_564_392_000L)
                .i64(4)
                .u8(0);
        return s;
    }

    @MethodSource("crafted")
    @FuzzTest(maxDuration = "10m")
    void anyDatabaseGivesRecordsOrOneLine(byte[] data) throws IOException {
        Path folder = FILES.dir().resolve("store");
        Files.createDirectories(folder);
        Path db = folder.resolve(MlflowSqliteReader.FILE_NAME);
        for (String end : List.of("", "-journal", "-wal", "-shm")) {
            Files.deleteIfExists(folder.resolve(MlflowSqliteReader.FILE_NAME + end));
        }
        long bound = build(data, db);

        ReadInvariant.load(db, FILES.dir(), bound);
        List<Path> runs = READER.runsIn(folder);
        for (Path run : runs.subList(0, Math.min(runs.size(), 4))) {
            assertThat(READER.name(run)).isNotNull();
            assertThat(READER.modified(run)).isNotNull();
            ReadInvariant.load(run, FILES.dir(), bound);
        }
    }

    /** The seeds build what they say: the fuzz test starts from real runs, not only from refusals. */
    @Test
    void theSeedsBuildWhatTheySay() throws Exception {
        Path folder = Files.createTempDirectory(FILES.dir(), "seeds");
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        crafted().forEach(a -> {
            Named<?> named = (Named<?>) a.get()[0];
            seeds.put(named.getName(), (byte[]) named.getPayload());
        });

        Path healthy = folder.resolve("healthy.db");
        assertThat(build(seeds.get("one healthy run"), healthy)).isEqualTo(10);
        TrainingLog log = TrainingLogs.load(healthy);
        assertThat(log.runName()).isEqualTo("adamw");
        assertThat(log.modelName()).contains("tiny_gpt");
        assertThat(log.config()).containsEntry("lr", "0.001");
        assertThat(log.series("loss").size()).isEqualTo(8);
        assertThat(log.series("eval_loss").size()).isEqualTo(1);
        assertThat(Double.isNaN(log.series("eval_loss").value(0))).isTrue();

        Path loose = folder.resolve("loose.db");
        build(seeds.get("loose tables: a null key, text and null values"), loose);
        TrainingLog looseLog = TrainingLogs.load(loose);
        assertThat(looseLog.recordCount()).isPositive();
        assertThat(looseLog.warnings()).containsExactly(loose + ": 3 values that are not numbers were ignored");

        Path noIsNan = folder.resolve("no-is-nan.db");
        build(seeds.get("no is_nan column"), noIsNan);
        assertThatThrownBy(() -> TrainingLogs.load(noIsNan))
                .hasMessage(noIsNan + ": cannot read the MLflow database: no such column: is_nan");

        Path two = folder.resolve("two.db");
        build(seeds.get("two live runs"), two);
        assertThat(READER.runsIn(folder)).contains(two.resolve("2/run-a"), two.resolve("0/run-c"));
    }

    /**
     * Builds the database {@code data} describes at {@code db}; returns how many records a read may
     * give: the metric rows inserted, or a third of the file's bytes once a byte was overwritten.
     */
    static long build(byte[] data, Path db) throws IOException {
        Input in = new Input(data);
        int schema = in.u8();
        List<String> runIds = new ArrayList<>();
        List<long[]> overwrites = new ArrayList<>();
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement s = c.createStatement()) {
                for (String ddl : schema(schema)) {
                    s.execute(ddl);
                }
            }
            c.setAutoCommit(false);
            while (!in.done()) {
                int op = in.u8() % OPERATIONS;
                try {
                    switch (op) {
                        case EXPERIMENT ->
                            update(
                                    c,
                                    "INSERT INTO experiments VALUES (?, ?, '', 'active', 0, 0)",
                                    in.u8() - 2,
                                    in.text());
                        case RUN -> {
                            String id = in.text();
                            update(
                                    c,
                                    "INSERT INTO runs (run_uuid, experiment_id, name, lifecycle_stage, status,"
                                            + " start_time, end_time) VALUES (?, ?, ?, ?, 'FINISHED', 1795564390000, NULL)",
                                    id,
                                    in.u8() - 2,
                                    in.text(),
                                    in.text());
                            runIds.add(id);
                        }
                        case METRIC -> {
                            String run = run(in, runIds);
                            String key = in.text();
                            Object value = in.value();
                            long time = in.i64();
                            long step = in.i64();
                            int nan = in.u8() % 3;
                            Object isNan = nan == 2 ? "yes" : nan;
                            rows += metric(c, schema, key, value, time, run, step, isNan);
                        }
                        case PARAM, TAG -> {
                            String run = run(in, runIds);
                            String table = op == PARAM ? "params" : "tags";
                            update(c, "INSERT INTO " + table + " VALUES (?, ?, ?)", in.text(), in.text(), run);
                        }
                        case BURST -> {
                            String run = run(in, runIds);
                            String key = in.text();
                            int n = in.u8() % 32;
                            for (int i = 0; i < n; i++) {
                                rows += metric(c, schema, key, 3.0 / (i + 1), 1_795_564_391_000L + i, run, i, 0);
                            }
                        }
                        case OVERWRITE -> overwrites.add(new long[] {(in.u8() << 8) | in.u8(), in.u8()});
                        default -> throw new AssertionError(op);
                    }
                } catch (SQLException e) {
                    // A row the schema refuses (a constraint, a duplicate key): left out, as MLflow would.
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new AssertionError("cannot build the database", e);
        }
        if (overwrites.isEmpty()) {
            return rows;
        }
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            for (long[] w : overwrites) {
                if (w[0] < file.length()) {
                    file.seek(w[0]);
                    file.write((int) w[1]);
                }
            }
            return Math.max(rows, file.length() / 3);
        }
    }

    private static String run(Input in, List<String> runIds) {
        int pick = in.u8();
        return runIds.isEmpty() || pick == NULL ? in.text() : runIds.get(pick % runIds.size());
    }

    private static int metric(
            Connection c, int schema, String key, Object value, long time, String run, long step, Object isNan)
            throws SQLException {
        if ((schema & NO_IS_NAN) != 0) {
            return update(c, "INSERT INTO metrics VALUES (?, ?, ?, ?, ?)", key, value, time, run, step);
        }
        return update(c, "INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)", key, value, time, run, step, isNan);
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                q.setObject(i + 1, values[i]);
            }
            return q.executeUpdate();
        }
    }

    /** MLflow's tables (as {@link MlflowDatabase} lays them out), or looser ones as {@code schema} asks. */
    private static List<String> schema(int schema) {
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE TABLE experiments (experiment_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL,"
                + " artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT,"
                + " last_update_time BIGINT, CONSTRAINT experiment_pk PRIMARY KEY (experiment_id), UNIQUE (name))");
        ddl.add(
                (schema & LOOSE_RUNS) != 0
                        ? "CREATE TABLE runs (run_uuid, name, status, start_time, end_time, lifecycle_stage,"
                                + " experiment_id)"
                        : "CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL, name VARCHAR(250), status VARCHAR(9),"
                                + " start_time BIGINT, end_time BIGINT, lifecycle_stage VARCHAR(20), experiment_id INTEGER,"
                                + " CONSTRAINT run_pk PRIMARY KEY (run_uuid),"
                                + " CONSTRAINT runs_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')),"
                                + " FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id))");
        String isNan = (schema & NO_IS_NAN) != 0 ? "" : ", is_nan";
        ddl.add(
                (schema & LOOSE_METRICS) != 0
                        ? "CREATE TABLE metrics (key, value, timestamp, run_uuid, step" + isNan + ")"
                        : "CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL,"
                                + " run_uuid VARCHAR(32) NOT NULL, step BIGINT DEFAULT '0' NOT NULL"
                                + ((schema & NO_IS_NAN) != 0 ? "" : ", is_nan BOOLEAN DEFAULT '0' NOT NULL")
                                + ", CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, step, run_uuid, value"
                                + isNan
                                + "), FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid))");
        if ((schema & NO_PARAMS) == 0) {
            ddl.add("CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL,"
                    + " run_uuid VARCHAR(32) NOT NULL, CONSTRAINT param_pk PRIMARY KEY (key, run_uuid))");
        }
        if ((schema & NO_TAGS) == 0) {
            ddl.add("CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL,"
                    + " CONSTRAINT tag_pk PRIMARY KEY (key, run_uuid))");
        }
        return ddl;
    }

    /** Reads the script: bytes past its end read as 0. */
    static final class Input {
        private final byte[] data;
        private int pos;

        Input(byte[] data) {
            this.data = data;
        }

        boolean done() {
            return pos >= data.length;
        }

        int u8() {
            return pos < data.length ? data[pos++] & 0xff : (pos++ & 0);
        }

        long i64() {
            int kind = u8();
            if (kind < 128) {
                return kind; // small steps and times, the usual case
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | u8();
            }
            return v;
        }

        /** A word of {@link #WORDS}, NULL, or up to 31 bytes of (maybe invalid) UTF-8. */
        String text() {
            int kind = u8();
            if (kind < WORDS.size()) {
                return WORDS.get(kind);
            }
            if (kind == NULL) {
                return null;
            }
            int n = kind % 32;
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) u8();
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        /** A metric value: a double by its bits, a non-finite one, text, NULL, or a small integer. */
        Object value() {
            return switch (u8() % 5) {
                case 0 -> Double.longBitsToDouble(i64Bits());
                case 1 ->
                    List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                            .get(u8() % 3);
                case 2 -> text();
                case 3 -> null;
                default -> (long) u8() - 128;
            };
        }

        private long i64Bits() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | u8();
            }
            return v;
        }
    }

    /** Writes a script for {@link Input} to read. */
    static final class Script {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Script(int schema) {
            out.write(schema);
        }

        Script op(int op) {
            out.write(op);
            return this;
        }

        Script u8(int b) {
            out.write(b);
            return this;
        }

        Script i64(long v) {
            if (v >= 0 && v < 128) {
                out.write((int) v);
                return this;
            }
            out.write(128);
            return bits(v);
        }

        Script word(String word) {
            int i = WORDS.indexOf(word);
            if (i < 0) {
                throw new IllegalArgumentException(word);
            }
            out.write(i);
            return this;
        }

        Script nul() {
            out.write(NULL);
            return this;
        }

        Script text(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            if (b.length >= 32) {
                throw new IllegalArgumentException(text);
            }
            out.write(64 + b.length);
            out.writeBytes(b);
            return this;
        }

        /** A finite or non-finite double, as {@link Input#value()} reads it. */
        Script value(double v) {
            if (Double.isNaN(v)) {
                return u8(1).u8(0);
            }
            out.write(0);
            return bits(Double.doubleToLongBits(v));
        }

        private Script bits(long v) {
            for (int i = 7; i >= 0; i--) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
