package dev.forgather.logs.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A followed log as one poll found it: the log itself, immutable, and what changed since the
 * poll before. Snapshots of one follower share their arrays, so keeping the last few costs little,
 * and a snapshot never changes after it is returned, whatever the file and later polls do.
 *
 * @param log every complete record the file holds now
 * @param change what happened to the file since the previous poll
 * @param addedRecords how many records are new: for {@link Change#APPENDED} the last
 *     {@code addedRecords} of {@code log} (from {@link #firstNewRecord()} on); for
 *     {@link Change#LOADED} and {@link Change#REWRITTEN} all of them; 0 for
 *     {@link Change#UNCHANGED}
 * @param open whether the log may still grow: a Forgather log without its closing {@code ]}; for
 *     the formats that write no end marker, a log without the trainer's final summary record
 *     ({@code train_runtime}), which a Lightning {@code metrics.csv} never has
 * @param modified the file's last modification time (for a run folder, its newest file's)
 */
public record LogSnapshot(TrainingLog log, Change change, int addedRecords, boolean open, Instant modified) {
    /** What a poll found changed since the one before. */
    public enum Change {
        /** The first poll: every record is new. */
        LOADED,
        /** Nothing that changes the records (the file may have been touched, or a record begun). */
        UNCHANGED,
        /** Records were added after the ones the previous snapshot holds, which are all still there. */
        APPENDED,
        /**
         * The file shrank, was replaced by another file, or its bytes before the end of the last
         * record read changed (the Forgather trainer rewrites its log when it resumes from a
         * checkpoint): the records were read again from the start, and the previous snapshot's
         * may not all be there.
         */
        REWRITTEN
    }

    /** Checks that the counts agree with the log. */
    public LogSnapshot {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(modified, "modified");
        if (addedRecords < 0 || addedRecords > log.recordCount()) {
            throw new IllegalArgumentException(addedRecords + " added records in a log of " + log.recordCount());
        }
    }

    /** The index of the first new record: {@code log().recordCount() - addedRecords()}. */
    public int firstNewRecord() {
        return log.recordCount() - addedRecords;
    }

    /** This snapshot as the result of a poll that found nothing new, with the file's modification time then. */
    public LogSnapshot unchanged(boolean stillOpen, Instant modifiedNow) {
        return new LogSnapshot(log, Change.UNCHANGED, 0, stillOpen, modifiedNow);
    }
}
