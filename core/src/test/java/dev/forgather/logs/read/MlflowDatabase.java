package dev.forgather.logs.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds an MLflow SQLite tracking store the way MLflow's SQLAlchemy store lays it out (the tables
 * of {@code mlflow/store/tracking/dbmodels/models.py} at its migrations' head, as SQLAlchemy
 * writes them for SQLite), since no MLflow can be installed here to make one.
 */
final class MlflowDatabase implements AutoCloseable {
    /** The tracking tables MLflow's store creates, with its constraint and index names. */
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                    + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
            "CREATE TABLE experiments (experiment_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL,"
                    + " artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT,"
                    + " last_update_time BIGINT, CONSTRAINT experiment_pk PRIMARY KEY (experiment_id), UNIQUE (name),"
                    + " CONSTRAINT experiments_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')))",
            "CREATE TABLE experiment_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), experiment_id INTEGER NOT NULL,"
                    + " CONSTRAINT experiment_tag_pk PRIMARY KEY (key, experiment_id),"
                    + " FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id))",
            "CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL, name VARCHAR(250), source_type VARCHAR(20),"
                    + " source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9),"
                    + " start_time BIGINT, end_time BIGINT, deleted_time BIGINT, source_version VARCHAR(50),"
                    + " lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER,"
                    + " CONSTRAINT run_pk PRIMARY KEY (run_uuid),"
                    + " CONSTRAINT source_type CHECK (source_type IN ('NOTEBOOK', 'JOB', 'LOCAL', 'UNKNOWN', 'PROJECT')),"
                    + " CONSTRAINT status CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING', 'KILLED')),"
                    + " CONSTRAINT runs_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')),"
                    + " FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id))",
            "CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL,"
                    + " CONSTRAINT tag_pk PRIMARY KEY (key, run_uuid), FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid))",
            "CREATE INDEX index_tags_run_uuid ON tags (run_uuid)",
            "CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL,"
                    + " run_uuid VARCHAR(32) NOT NULL, step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL,"
                    + " CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan),"
                    + " CONSTRAINT is_nan_check CHECK (is_nan IN (0, 1)),"
                    + " FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid))",
            "CREATE INDEX index_metrics_run_uuid ON metrics (run_uuid)",
            "CREATE TABLE latest_metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT,"
                    + " step BIGINT NOT NULL, is_nan BOOLEAN NOT NULL, run_uuid VARCHAR(32) NOT NULL,"
                    + " CONSTRAINT latest_metric_pk PRIMARY KEY (key, run_uuid),"
                    + " FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid))",
            "CREATE INDEX index_latest_metrics_run_uuid ON latest_metrics (run_uuid)",
            "CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL,"
                    + " CONSTRAINT param_pk PRIMARY KEY (key, run_uuid), FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid))",
            "CREATE INDEX index_params_run_uuid ON params (run_uuid)");

    private final Connection db;

    /** Creates the store at {@code file}, with MLflow's {@code Default} experiment 0. */
    MlflowDatabase(Path file) throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO experiments VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 1795564380000,"
                    + " 1795564380000)");
        }
    }

    /** The open connection, for a test that writes while the reader reads. */
    Connection connection() {
        return db;
    }

    void experiment(int id, String name) throws SQLException {
        update(
                "INSERT INTO experiments VALUES (?, ?, 'mlflow-artifacts:/' || ?, 'active', 1795564390000, 1795564390000)",
                id,
                name,
                id);
    }

    void run(String runId, int experiment, String nameColumn, String lifecycleStage) throws SQLException {
        update(
                "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status,"
                        + " start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id)"
                        + " VALUES (?, ?, 'LOCAL', '', '', 'vm', 'FINISHED', 1795564390000, 1795564397600, '', ?, '', ?)",
                runId,
                nameColumn,
                lifecycleStage,
                experiment);
    }

    void tag(String runId, String key, String value) throws SQLException {
        update("INSERT INTO tags VALUES (?, ?, ?)", key, value, runId);
    }

    void param(String runId, String key, String value) throws SQLException {
        update("INSERT INTO params VALUES (?, ?, ?)", key, value, runId);
    }

    /** One logged value, as MLflow's store writes it: NaN as 0 with {@code is_nan}. */
    void metric(String runId, String key, double value, long timestampMillis, long step) throws SQLException {
        boolean nan = Double.isNaN(value);
        update(
                "INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)",
                key,
                nan ? 0.0 : value,
                timestampMillis,
                runId,
                step,
                nan ? 1 : 0);
    }

    /**
     * Copies a run of the file store into experiment {@code experiment}: its metrics (every line),
     * params and tags.
     */
    void copyFileStoreRun(Path runFolder, int experiment) throws SQLException, IOException {
        String runId = runFolder.getFileName().toString();
        run(runId, experiment, null, "active");
        for (String kind : List.of("tags", "params")) {
            Path folder = runFolder.resolve(kind);
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String key = folder.relativize(file).toString().replace('\\', '/');
                    String value =
                            Files.readString(file, StandardCharsets.UTF_8).strip();
                    if (kind.equals("tags")) {
                        tag(runId, key, value);
                    } else {
                        param(runId, key, value);
                    }
                }
            }
        }
        Path metrics = runFolder.resolve("metrics");
        try (Stream<Path> files = Files.walk(metrics)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = metrics.relativize(file).toString().replace('\\', '/');
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.strip().split("\\s+");
                    metric(runId, key, PythonFloat.parse(parts[1]), Long.parseLong(parts[0]), Long.parseLong(parts[2]));
                }
            }
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                q.setObject(i + 1, values[i]);
            }
            q.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
