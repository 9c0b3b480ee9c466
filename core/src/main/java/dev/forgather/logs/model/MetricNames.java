package dev.forgather.logs.model;

import java.util.List;

/**
 * The canonical names of the metrics every format is read into, so that statistics, plots and
 * comparisons treat every format alike. They are the Forgather and Hugging Face trainers' own
 * keys; the readers map other trainers' names to them and keep those names as aliases
 * ({@link TrainingLog#aliases()}).
 */
public final class MetricNames {
    /** The training loss of each logging step. */
    public static final String LOSS = "loss";
    /** The loss of each evaluation. */
    public static final String EVAL_LOSS = "eval_loss";
    /** The learning rate (of the first parameter group). */
    public static final String LEARNING_RATE = "learning_rate";
    /** The gradient norm before clipping. */
    public static final String GRAD_NORM = "grad_norm";
    /** The fractional epoch: an x axis, stored per record, not as a metric. */
    public static final String EPOCH = "epoch";
    /** The global step: an x axis, stored per record. */
    public static final String STEP = "global_step";
    /** The wall-clock time in Unix seconds: an x axis, stored per record. */
    public static final String TIME = "timestamp";

    /** Every canonical name, metrics first, then the axes. */
    public static final List<String> ALL = List.of(LOSS, EVAL_LOSS, LEARNING_RATE, GRAD_NORM, EPOCH, STEP, TIME);

    /** The keys of the end-of-training record the trainers write (Forgather, Hugging Face). */
    public static final String TRAIN_RUNTIME = "train_runtime";

    public static final String TRAIN_SAMPLES = "train_samples";
    public static final String TRAIN_SAMPLES_PER_SECOND = "train_samples_per_second";
    public static final String TRAIN_STEPS_PER_SECOND = "train_steps_per_second";
    public static final String EFFECTIVE_BATCH_SIZE = "effective_batch_size";

    private MetricNames() {}
}
