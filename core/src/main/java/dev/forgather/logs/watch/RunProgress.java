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
 * @param step the global step of the last training record; empty without one
 * @param epoch that record's epoch
 * @param loss that record's loss
 * @param evalLoss the last evaluation's loss
 * @param learningRate the last logged learning rate
 * @param stepsPerSecond the median speed over the last {@value #SPEED_INTERVALS} intervals between
 *     consecutive training records (an interval with an evaluation inside it left out)
 * @param maxSteps the step training ends at, where the format records it
 * @param numTrainEpochs the epoch training ends at, where the format records it
 */
public record RunProgress(
        OptionalLong step,
        OptionalDouble epoch,
        OptionalDouble loss,
        OptionalDouble evalLoss,
        OptionalDouble learningRate,
        OptionalDouble stepsPerSecond,
        OptionalLong maxSteps,
        OptionalDouble numTrainEpochs) {
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
            step = OptionalLong.of(loss.step(last));
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
                OptionalLong.empty(),
                OptionalDouble.empty());
    }

    /**
     * Seconds left: to {@code maxSteps}, else to {@code numTrainEpochs}, else to the end of the
     * current epoch, at the current speed. Empty when the speed or the position is unknown.
     */
    public OptionalDouble etaSeconds() {
        if (step.isEmpty() || stepsPerSecond.isEmpty() || stepsPerSecond.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        double remainingSteps;
        long now = step.getAsLong();
        if (maxSteps.isPresent()) {
            remainingSteps = maxSteps.getAsLong() - now;
        } else if (epoch.isPresent() && epoch.getAsDouble() > 0) {
            double e = epoch.getAsDouble();
            double stepsPerEpoch = now / e;
            double target =
                    numTrainEpochs.isPresent() ? numTrainEpochs.getAsDouble() : Math.ceil(e) > e ? Math.ceil(e) : e + 1;
            remainingSteps = (target - e) * stepsPerEpoch;
        } else {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, remainingSteps) / stepsPerSecond.getAsDouble());
    }

    /** The same progress with the training length a format records. */
    public RunProgress withLength(OptionalLong newMaxSteps, OptionalDouble newNumTrainEpochs) {
        return new RunProgress(
                step, epoch, loss, evalLoss, learningRate, stepsPerSecond, newMaxSteps, newNumTrainEpochs);
    }

    private static OptionalDouble last(Series s) {
        return s.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(s.value(s.size() - 1));
    }

    private static OptionalDouble speed(Series loss, TrainingLog log) {
        double[] rates = new double[SPEED_INTERVALS];
        int n = 0;
        for (int i = loss.size() - 1; i > 0 && n < SPEED_INTERVALS; i--) {
            if (hasEvaluationBetween(log, loss.recordIndex(i - 1), loss.recordIndex(i))) {
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
