package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.LogFollower;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.format.SummaryFormat;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.LogSnapshot.Change;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowSqliteReaderTest {
    private static final String RUN_ID = "6c1d5e2a9b7f4e0c8a3d2f1e0b9c8d7a";

    @TempDir
    Path dir;

    /** The file store's sample run, copied into {@code <dir>/mlflow.db} as experiment 1, tiny_gpt. */
    private Path store() throws Exception {
        Path file = dir.resolve("mlflow.db");
        try (MlflowDatabase db = new MlflowDatabase(file)) {
            db.experiment(1, "tiny_gpt");
            db.copyFileStoreRun(SampleFiles.mlflowRun(), 1);
        }
        return file;
    }

    @Test
    void aStoreIsListedAndSummarisedLikeTheFileStoreItWasCopiedFrom() throws Exception {
        Path db = store();

        List<LogFile> found = TrainingLogs.find(dir);
        assertThat(found).singleElement().satisfies(run -> {
            assertThat(run.format()).isEqualTo(LogFormat.MLFLOW_SQLITE);
            assertThat(run.path()).isEqualTo(db.resolve("1").resolve(RUN_ID));
            assertThat(run.modelName()).hasValue("tiny_gpt");
            assertThat(run.runName()).isEqualTo("adamw_lr1e-3");
        });

        TrainingLog fromDatabase = TrainingLogs.load(found.get(0).path());
        TrainingLog fromFiles = TrainingLogs.load(SampleFiles.mlflowRun());
        assertThat(fromDatabase.format()).isEqualTo(LogFormat.MLFLOW_SQLITE);
        assertThat(fromDatabase.name()).isEqualTo(fromFiles.name());
        assertThat(fromDatabase.recordCount())
                .isEqualTo(fromFiles.recordCount())
                .isEqualTo(8);
        assertThat(fromDatabase.config())
                .isEqualTo(fromFiles.config())
                .containsEntry("learning_rate", "0.001")
                .containsEntry("per_device_train_batch_size", "32");
        assertThat(withoutPathAndFormat(fromDatabase)).isEqualTo(withoutPathAndFormat(fromFiles));
        String text = SummaryFormat.TEXT.formatter().format(List.of(TrainingLogs.summarize(fromDatabase)), false);
        assertThat(text)
                .isEqualTo(SummaryFormat.TEXT.formatter().format(List.of(TrainingLogs.summarize(fromFiles)), false))
                .contains("Run: adamw_lr1e-3\n")
                .contains("  Best Eval Loss: 3.5000 (step 50)\n");
    }

    @Test
    void theDatabaseAloneStandsForItsOnlyRunAndAFolderForItsMlflowDb() throws Exception {
        Path db = store();

        assertThat(TrainingLogs.load(db).recordCount()).isEqualTo(8);
        assertThat(TrainingLogs.load(dir).name().qualified()).isEqualTo("tiny_gpt/adamw_lr1e-3");
    }

    @Test
    void aDatabaseOfSeveralRunsAsksWhichOneAndDeletedRunsAreNotListed() throws Exception {
        Path file = dir.resolve("tracking.sqlite");
        try (MlflowDatabase db = new MlflowDatabase(file)) {
            db.run("aaa", 0, "first", "active");
            db.metric("aaa", "loss", 2.0, 1000, 1);
            db.run("bbb", 0, "second", "active");
            db.tag("bbb", "mlflow.runName", "second-by-tag");
            db.metric("bbb", "loss", Double.NaN, 2000, 1);
            db.run("ccc", 0, "gone", "deleted");
        }

        assertThat(TrainingLogs.find(dir))
                .extracting(LogFile::runName)
                .containsExactlyInAnyOrder("first", "second-by-tag");
        assertThat(TrainingLogs.find(dir))
                .extracting(f -> f.modelName().orElseThrow())
                .containsOnly("Default");
        assertThat(TrainingLogs.load(file.resolve("0/bbb")).series("loss").values())
                .containsExactly(Double.NaN);
        assertThatThrownBy(() -> TrainingLogs.load(file))
                .isInstanceOf(LogReadException.class)
                .hasMessage(file + ": an MLflow database with 2 runs: name one as " + file
                        + "/<experiment id>/<run id> (logs list shows them)");
    }

    @Test
    void readingNeitherWritesNorWaitsForAWriterThatHoldsItsLock() throws Exception {
        Path db = store();
        byte[] before = Files.readAllBytes(db);
        try (Connection server = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            server.setAutoCommit(false);
            try (Statement s = server.createStatement()) {
                // A server in the middle of logging: its write transaction is open, not committed.
                s.executeUpdate("INSERT INTO metrics VALUES ('loss', 1.0, 1795564399000, '" + RUN_ID + "', 60, 0)");
            }
            // Had the read waited for the lock it would have failed after the busy timeout, since
            // the write stays open until after it: that it succeeds shows it did not wait.
            TrainingLog log = TrainingLogs.load(db.resolve("1").resolve(RUN_ID));
            assertThat(log.series("loss").size())
                    .as("the uncommitted value is not seen")
                    .isEqualTo(5);
            server.rollback();
        }
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(dir.resolve("mlflow.db-journal")).doesNotExist();
        assertThat(dir.resolve("mlflow.db-wal")).doesNotExist();
    }

    @Test
    void aFollowerNoticesValuesThatLandOnlyInTheWriteAheadLog() throws Exception {
        Path db = store();
        Path wal = dir.resolve("mlflow.db-wal");
        try (Connection server = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement s = server.createStatement()) {
                // As MLflow's server runs it: WAL mode; no checkpoint, so commits stay in the -wal.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA wal_autocheckpoint=0");
            }
            LogFollower follower = TrainingLogs.follow(db.resolve("1").resolve(RUN_ID));
            LogSnapshot loaded = follower.poll();
            assertThat(loaded.log().series("loss").size()).isEqualTo(5);
            long size = Files.size(db);
            FileTime modified = Files.getLastModifiedTime(db);

            try (Statement s = server.createStatement()) {
                s.executeUpdate("INSERT INTO metrics VALUES ('loss', 1.0, 1795564399000, '" + RUN_ID + "', 60, 0)");
            }
            assertThat(Files.size(db)).as("the database file's size").isEqualTo(size);
            assertThat(Files.getLastModifiedTime(db)).as("its time").isEqualTo(modified);
            assertThat(Files.size(wal)).as("the -wal's size").isPositive();

            LogSnapshot grown = follower.poll();
            assertThat(grown.change()).isEqualTo(Change.APPENDED);
            assertThat(grown.addedRecords()).isEqualTo(1);
            assertThat(grown.log().series("loss").steps()).endsWith(60L);
            assertThat(grown.log().series("loss").size()).isEqualTo(6);
            assertThat(follower.poll().change()).isEqualTo(Change.UNCHANGED);
        }
    }

    @Test
    void aSqliteFileWithoutMlflowsTablesIsNoStore() throws Exception {
        Path file = dir.resolve("cache.db");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = other.createStatement()) {
            s.execute("CREATE TABLE runs (id INTEGER)");
        }
        assertThat(TrainingLogs.find(dir)).isEmpty();
        assertThatThrownBy(() -> TrainingLogs.load(file)).hasMessage(file + ": not a training log this tool can read");
    }

    private static SummaryStatistics withoutPathAndFormat(TrainingLog log) {
        SummaryStatistics s = TrainingLogs.summarize(log);
        return new SummaryStatistics(
                s.runName(),
                s.modelName(),
                "",
                LogFormat.FORGATHER,
                s.totalSteps(),
                s.finalEpoch(),
                s.finalLoss(),
                s.avgLoss(),
                s.minLoss(),
                s.bestLoss(),
                s.bestLossStep(),
                s.avgGradNorm(),
                s.maxGradNormValue(),
                s.maxGradNormStep(),
                s.initialLr(),
                s.finalLr(),
                s.finalEvalLoss(),
                s.finalEvalLossStep(),
                s.bestEvalLoss(),
                s.bestEvalLossStep(),
                s.trainRuntimeSeconds(),
                s.trainSamples(),
                s.trainSamplesPerSecond(),
                s.trainStepsPerSecond(),
                s.effectiveBatchSize(),
                s.nonfiniteLossCount(),
                s.firstNonfiniteLossStep(),
                s.config());
    }
}
