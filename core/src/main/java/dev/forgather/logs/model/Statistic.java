package dev.forgather.logs.model;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Every statistic of a {@link SummaryStatistics}, described once: its JSON key, its label, whether
 * lower or higher is better, and how its number is written. The summary formatters and
 * comparisons loop over these instead of naming statistics themselves. The constants are in the
 * order JSON writes them.
 */
public enum Statistic {
    TOTAL_STEPS("total_steps", "Total Steps", null, NumberStyle.INTEGER),
    FINAL_EPOCH("final_epoch", "Final Epoch", null, NumberStyle.EPOCH),
    FINAL_LOSS("final_loss", "Final Loss", Goal.MIN, NumberStyle.LOSS),
    AVG_LOSS("avg_loss", "Average Loss", Goal.MIN, NumberStyle.LOSS),
    MIN_LOSS("min_loss", "Min Loss", Goal.MIN, NumberStyle.LOSS),
    BEST_LOSS("best_loss", "Best Loss", Goal.MIN, NumberStyle.LOSS),
    BEST_LOSS_STEP("best_loss_step", "Best Loss Step", null, NumberStyle.INTEGER),
    AVG_GRAD_NORM("avg_grad_norm", "Average Grad Norm", null, NumberStyle.LOSS),
    MAX_GRAD_NORM_VALUE("max_grad_norm_value", "Max Grad Norm", null, NumberStyle.LOSS),
    MAX_GRAD_NORM_STEP("max_grad_norm_step", "Max Grad Norm Step", null, NumberStyle.INTEGER),
    INITIAL_LR("initial_lr", "Initial", "Initial LR", null, NumberStyle.LEARNING_RATE),
    FINAL_LR("final_lr", "Final", "Final LR", null, NumberStyle.LEARNING_RATE),
    FINAL_EVAL_LOSS("final_eval_loss", "Final Eval Loss", Goal.MIN, NumberStyle.LOSS),
    FINAL_EVAL_LOSS_STEP("final_eval_loss_step", "Final Eval Loss Step", null, NumberStyle.INTEGER),
    BEST_EVAL_LOSS("best_eval_loss", "Best Eval Loss", Goal.MIN, NumberStyle.LOSS),
    BEST_EVAL_LOSS_STEP("best_eval_loss_step", "Best Eval Loss Step", null, NumberStyle.INTEGER),
    TRAIN_RUNTIME("train_runtime", "Duration", Goal.MIN, NumberStyle.SECONDS),
    TRAIN_SAMPLES("train_samples", "Train Samples", null, NumberStyle.COUNT),
    TRAIN_SAMPLES_PER_SECOND("train_samples_per_second", "Samples/sec", Goal.MAX, NumberStyle.SECONDS),
    TRAIN_STEPS_PER_SECOND("train_steps_per_second", "Steps/sec", Goal.MAX, NumberStyle.SECONDS),
    EFFECTIVE_BATCH_SIZE("effective_batch_size", "Effective Batch Size", null, NumberStyle.COUNT),
    /** Absent when the log has no training loss at all (then the count has no inputs either). */
    NONFINITE_LOSS_COUNT("nonfinite_loss_count", "Non-finite Losses", Goal.MIN, NumberStyle.INTEGER),
    FIRST_NONFINITE_LOSS_STEP("first_nonfinite_loss_step", "First Non-finite Loss Step", null, NumberStyle.INTEGER);

    private final String key;
    private final String label;
    private final String fullLabel;
    private final Goal goal;
    private final NumberStyle style;

    Statistic(String key, String label, Goal goal, NumberStyle style) {
        this(key, label, label, goal, style);
    }

    Statistic(String key, String label, String fullLabel, Goal goal, NumberStyle style) {
        this.key = key;
        this.label = label;
        this.fullLabel = fullLabel;
        this.goal = goal;
        this.style = style;
    }

    /** The JSON key, e.g. {@code best_eval_loss}. */
    public String key() {
        return key;
    }

    /** The label in the summary's text and markdown, within its section, e.g. {@code Initial}. */
    public String label() {
        return label;
    }

    /** The label where no section says what it is of, e.g. {@code Initial LR}. */
    public String fullLabel() {
        return fullLabel;
    }

    /** Whether lower or higher is better; empty for statistics that are neither (a step, an epoch). */
    public Optional<Goal> goal() {
        return Optional.ofNullable(goal);
    }

    /** How the number is written for people. */
    public NumberStyle style() {
        return style;
    }

    /** The statistic that holds the step this one was seen at, if any. */
    public Optional<Statistic> step() {
        return Optional.ofNullable(
                switch (this) {
                    case BEST_LOSS -> BEST_LOSS_STEP;
                    case MAX_GRAD_NORM_VALUE -> MAX_GRAD_NORM_STEP;
                    case FINAL_EVAL_LOSS -> FINAL_EVAL_LOSS_STEP;
                    case BEST_EVAL_LOSS -> BEST_EVAL_LOSS_STEP;
                    case NONFINITE_LOSS_COUNT -> FIRST_NONFINITE_LOSS_STEP;
                    default -> null;
                });
    }

    /** This statistic's value in {@code s}; empty when absent. Whole-number statistics are exact. */
    public OptionalDouble of(SummaryStatistics s) {
        return switch (this) {
            case TOTAL_STEPS -> whole(s.totalSteps());
            case FINAL_EPOCH -> s.finalEpoch();
            case FINAL_LOSS -> s.finalLoss();
            case AVG_LOSS -> s.avgLoss();
            case MIN_LOSS -> s.minLoss();
            case BEST_LOSS -> s.bestLoss();
            case BEST_LOSS_STEP -> whole(s.bestLossStep());
            case AVG_GRAD_NORM -> s.avgGradNorm();
            case MAX_GRAD_NORM_VALUE -> s.maxGradNormValue();
            case MAX_GRAD_NORM_STEP -> whole(s.maxGradNormStep());
            case INITIAL_LR -> s.initialLr();
            case FINAL_LR -> s.finalLr();
            case FINAL_EVAL_LOSS -> s.finalEvalLoss();
            case FINAL_EVAL_LOSS_STEP -> whole(s.finalEvalLossStep());
            case BEST_EVAL_LOSS -> s.bestEvalLoss();
            case BEST_EVAL_LOSS_STEP -> whole(s.bestEvalLossStep());
            case TRAIN_RUNTIME -> s.trainRuntimeSeconds();
            case TRAIN_SAMPLES -> s.trainSamples();
            case TRAIN_SAMPLES_PER_SECOND -> s.trainSamplesPerSecond();
            case TRAIN_STEPS_PER_SECOND -> s.trainStepsPerSecond();
            case EFFECTIVE_BATCH_SIZE -> s.effectiveBatchSize();
            case NONFINITE_LOSS_COUNT ->
                s.finalLoss().isPresent() ? OptionalDouble.of(s.nonfiniteLossCount()) : OptionalDouble.empty();
            case FIRST_NONFINITE_LOSS_STEP -> whole(s.firstNonfiniteLossStep());
        };
    }

    /** This statistic's value in {@code s} as a whole number, for the {@link NumberStyle#INTEGER} ones. */
    public OptionalLong wholeOf(SummaryStatistics s) {
        OptionalDouble value = of(s);
        return value.isPresent() ? OptionalLong.of((long) value.getAsDouble()) : OptionalLong.empty();
    }

    private static OptionalDouble whole(OptionalLong value) {
        return value.isPresent() ? OptionalDouble.of(value.getAsLong()) : OptionalDouble.empty();
    }
}
