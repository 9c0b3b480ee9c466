package dev.forgather.logs.watch;

import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Where a run has got to, for the table: its last training record's step, epoch and loss, the
 * latest evaluation loss and learning rate, its speed, and how long it has left.
 *
 * @param step the global step of the last training record; empty without one, or when that record
 *     gives no {@code global_step}
 * @param epoch that record's epoch
 * @param loss that record's loss
 * @param evalLoss the last evaluation's loss
 * @param learningRate the last logged learning rate
 * @param stepsPerSecond the median speed over the last {@value #SPEED_INTERVALS} intervals between
 *     consecutive training records (an interval with an evaluation inside it left out)
 * @param maxSteps the step training ends at: the log's {@code config()} key {@code max_steps}
 *     where it is a positive whole number
 * @param numTrainEpochs the epoch training ends at: the {@code config()} key
 *     {@code num_train_epochs} where it is a positive number
 * @param stepsPerEpoch how many steps one epoch is, where the log says: the slope of epoch against
 *     step between its first and last training records, when the epochs it logs are fractional
 *     (an epoch counted in whole numbers, as Lightning logs it, says nothing about where it ends)
 */
public record RunProgress(
        OptionalLong step,
        OptionalDouble epoch,
        OptionalDouble loss,
        OptionalDouble evalLoss,
        OptionalDouble learningRate,
        OptionalDouble stepsPerSecond,
        OptionalLong maxSteps,
        OptionalDouble numTrainEpochs,
        OptionalDouble stepsPerEpoch) {
    /** How many of the latest intervals the speed is the median of. */
    public static final int SPEED_INTERVALS = 20;

    /** The progress of {@code log}. */
    public static RunProgress of(TrainingLog log) {
        Series loss = log.series("loss", RecordKind.TRAINING);
        OptionalLong step = OptionalLong.empty();
        OptionalDouble epoch = OptionalDouble.empty();
        OptionalDouble lastLoss = OptionalDouble.empty();
        if (!loss.isEmpty()) {
            int last = loss.size() - 1;
            step = loss.hasStep(last) ? OptionalLong.of(loss.step(last)) : OptionalLong.empty();
            double e = loss.epoch(last);
            epoch = Double.isNaN(e) ? OptionalDouble.empty() : OptionalDouble.of(e);
            lastLoss = OptionalDouble.of(loss.value(last));
        }
        return new RunProgress(
                step,
                epoch,
                lastLoss,
                last(log.series("eval_loss")),
                last(log.series("learning_rate")),
                speed(loss, log),
                maxSteps(log),
                positive(log.config().get("num_train_epochs")),
                stepsPerEpoch(loss));
    }

    private static OptionalLong maxSteps(TrainingLog log) {
        OptionalDouble v = positive(log.config().get("max_steps"));
        if (v.isEmpty() || v.getAsDouble() != Math.rint(v.getAsDouble()) || v.getAsDouble() > Long.MAX_VALUE) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) v.getAsDouble());
    }

    /** {@code text} as a finite number above 0; empty when absent or otherwise (Hugging Face writes -1 for "not set"). */
    private static OptionalDouble positive(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) && v > 0 ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static OptionalDouble stepsPerEpoch(Series loss) {
        int first = -1;
        int last = -1;
        boolean fractional = false;
        for (int i = 0; i < loss.size(); i++) {
            double e = loss.epoch(i);
            if (!Double.isFinite(e) || !loss.hasStep(i)) {
                continue;
            }
            if (first < 0) {
                first = i;
            }
            last = i;
            fractional |= e != Math.rint(e);
        }
        if (!fractional || first == last) {
            return OptionalDouble.empty();
        }
        double de = loss.epoch(last) - loss.epoch(first);
        long ds = loss.step(last) - loss.step(first);
        return de > 0 && ds > 0 ? OptionalDouble.of(ds / de) : OptionalDouble.empty();
    }

    /**
     * Seconds left at the current speed: to {@code maxSteps} where the log records it; else to
     * {@code numTrainEpochs}, or else to the end of the current epoch, where the steps an epoch
     * takes are known. Empty when the speed, the position or the end is unknown.
     */
    public OptionalDouble etaSeconds() {
        if (step.isEmpty() || stepsPerSecond.isEmpty() || !(stepsPerSecond.getAsDouble() > 0)) {
            return OptionalDouble.empty();
        }
        double remainingSteps;
        if (maxSteps.isPresent()) {
            remainingSteps = maxSteps.getAsLong() - step.getAsLong();
        } else if (epoch.isPresent() && stepsPerEpoch.isPresent()) {
            double e = epoch.getAsDouble();
            double target = numTrainEpochs.isPresent() ? numTrainEpochs.getAsDouble() : Math.floor(e) + 1;
            remainingSteps = (target - e) * stepsPerEpoch.getAsDouble();
        } else {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, remainingSteps) / stepsPerSecond.getAsDouble());
    }

    private static OptionalDouble last(Series s) {
        return s.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(s.value(s.size() - 1));
    }

    private static OptionalDouble speed(Series loss, TrainingLog log) {
        double[] rates = new double[SPEED_INTERVALS];
        int n = 0;
        for (int i = loss.size() - 1; i > 0 && n < SPEED_INTERVALS; i--) {
            if (!loss.hasStep(i)
                    || !loss.hasStep(i - 1)
                    || hasEvaluationBetween(log, loss.recordIndex(i - 1), loss.recordIndex(i))) {
                continue;
            }
            double dt = loss.timestamp(i) - loss.timestamp(i - 1);
            long ds = loss.step(i) - loss.step(i - 1);
            if (dt > 0 && ds > 0) {
                rates[n++] = ds / dt;
            }
        }
        if (n == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(rates, 0, n);
        return OptionalDouble.of(n % 2 == 1 ? rates[n / 2] : (rates[n / 2 - 1] + rates[n / 2]) / 2);
    }

    private static boolean hasEvaluationBetween(TrainingLog log, int from, int to) {
        for (int r = from + 1; r < to; r++) {
            RecordKind k = log.kind(r);
            if (k == RecordKind.EVALUATION || k == RecordKind.REPEATED_EVALUATION) {
                return true;
            }
        }
        return false;
    }
}
