package dev.forgather.logs.model;

/**
 * What a log record is, decided from the keys it holds.
 *
 * <p>The rules are the Forgather trainer's: a record with {@code eval_loss} is an evaluation, one
 * with {@code loss} (and no {@code eval_loss}) a training record, one with {@code train_runtime}
 * the final summary. The Forgather trainer writes each evaluation twice in a row; the second copy
 * is a {@link #REPEATED_EVALUATION}, kept so that the records stay as read but left out of series,
 * statistics and counts.
 */
public enum RecordKind {
    /** Has {@code loss} and no {@code eval_loss}. */
    TRAINING,
    /** Has {@code eval_loss}. */
    EVALUATION,
    /** An evaluation identical in step and {@code eval_loss} to the evaluation record just before it. */
    REPEATED_EVALUATION,
    /** Has {@code train_runtime} and neither loss: the end-of-training summary. */
    FINAL,
    /** Anything else. */
    OTHER
}
