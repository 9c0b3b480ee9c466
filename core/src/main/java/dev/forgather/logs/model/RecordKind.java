package dev.forgather.logs.model;

/**
 * What a log record is, decided from the keys it holds.
 *
 * <p>The rules are the Forgather trainer's: a record with {@code eval_loss} is an evaluation, one
 * with {@code loss} (and no {@code eval_loss}) a training record, one with {@code train_runtime}
 * the final summary. The Forgather trainer writes each evaluation twice in a row; the second copy
 * is a {@link #REPEATED_EVALUATION}, kept so that the records stay as read but left out of series,
 * statistics and counts.
 *
 * <p>A training metric's values ({@code loss}, {@code grad_norm}: {@link #isTrainingMetric}) are
 * never taken from evaluation records: a {@code loss} that an evaluation record also holds is not a
 * training loss (SPEC: a training record has {@code loss} and no {@code eval_loss}). Summary, plot,
 * export, check and compare all read metrics through {@link TrainingLog#series(String)}, which
 * applies this one rule.
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
    OTHER;

    /**
     * Whether {@code canonicalName} is a training metric, {@code loss} or {@code grad_norm}: one
     * whose values in evaluation records are not training values and are left out of its series.
     */
    public static boolean isTrainingMetric(String canonicalName) {
        return canonicalName.equals(MetricNames.LOSS) || canonicalName.equals(MetricNames.GRAD_NORM);
    }
}
