package dev.forgather.logs;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.read.LogTail;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Follows one training log while it is written, the way {@code tail -F} follows a file: each
 * {@link #poll()} reads only what changed since the poll before and returns a {@link LogSnapshot},
 * the whole log as it is now plus what changed (records appended, or the file rewritten).
 *
 * <pre>{@code
 * LogFollower follower = TrainingLogs.follow(Path.of("output_models/tiny_gpt/runs/a"));
 * while (true) {
 *     LogSnapshot now = follower.poll();
 *     if (now.change() == LogSnapshot.Change.APPENDED) {
 *         for (int i = now.firstNewRecord(); i < now.log().recordCount(); i++) { ... }
 *     }
 *     if (!now.open()) break;
 *     Thread.sleep(1000);
 * }
 * }</pre>
 *
 * <p>Costs: a poll that finds nothing new is one {@code stat} of the file (one per file for a
 * TensorBoard or MLflow run folder); after the Forgather trainer appended records, a poll reads
 * those records and nothing before them, and its snapshot shares the arrays of the one before.
 * A TensorBoard run keeps an offset per event file and reads only the bytes each gained, and a
 * new file whole (its values, kept in memory, are grouped into records again). Formats whose
 * writers rewrite the file whole (Hugging Face {@code trainer_state.json}, Lightning
 * {@code metrics.csv}) and MLflow runs are read again whole when any of their files changed (for
 * an MLflow database, its {@code -wal} file included).
 *
 * <p>One thread polls; snapshots are immutable and may be handed to any thread. After a poll
 * throws (the file is missing for a moment while its writer replaces it), the follower keeps what
 * it had, and the next poll tries again.
 */
public final class LogFollower {
    private final Path path;
    private final LogTail tail;
    private LogSnapshot last;

    LogFollower(Path path, LogTail tail) {
        this.path = path;
        this.tail = tail;
    }

    /** The log file (or run folder) followed. */
    public Path path() {
        return path;
    }

    /**
     * Reads what changed since the last poll; the first poll reads the whole log.
     *
     * @throws LogReadException when the log cannot be read now; the message names the file and the
     *     problem in one line
     */
    public LogSnapshot poll() throws LogReadException {
        last = tail.poll();
        return last;
    }

    /** The snapshot the last successful poll returned; empty before the first. */
    public Optional<LogSnapshot> last() {
        return Optional.ofNullable(last);
    }
}
