package dev.forgather.logs.stats;

import dev.forgather.logs.model.Goal;
import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Computes the {@link SummaryStatistics} of a log. */
public final class SummaryCalculator {
    private SummaryCalculator() {}

    /**
     * The summary of {@code log}.
     *
     * @param logPath the log's path as the user should see it
     */
    public static SummaryStatistics summarize(TrainingLog log, String logPath) {
        // Each metric from the records SPEC's kinds give it (RecordKind.ofMetric), as plot and export.
        Series loss = log.series(MetricNames.LOSS);
        Series gradNorm = log.series(MetricNames.GRAD_NORM);
        // The learning rate's own series, not only the records that also hold a loss: Lightning's
        // LearningRateMonitor logs it in rows of its own, at other steps than the loss.
        Series learningRate = log.series(MetricNames.LEARNING_RATE);
        Series evalLoss = log.series(MetricNames.EVAL_LOSS);

        OptionalLong totalSteps = OptionalLong.empty();
        OptionalDouble finalEpoch = OptionalDouble.empty();
        int lastTraining = lastTrainingRecord(log);
        if (lastTraining >= 0) {
            Record last = log.record(lastTraining);
            totalSteps = last.hasStep() ? OptionalLong.of(last.step()) : OptionalLong.empty();
            finalEpoch = last.epoch();
        }

        FiniteStats lossStats = FiniteStats.of(loss);
        FiniteStats gradStats = FiniteStats.of(gradNorm);
        int bestLoss = BestStep.indexOf(loss, Goal.MIN);
        int maxGrad = BestStep.indexOf(gradNorm, Goal.MAX);
        int bestEval = BestStep.indexOf(evalLoss, Goal.MIN);

        Optional<Record> finalRecord = log.finalRecord();
        return new SummaryStatistics(
                log.runName(),
                log.modelName(),
                logPath,
                log.format(),
                totalSteps,
                finalEpoch,
                last(loss),
                lossStats.mean(),
                lossStats.min(),
                valueAt(loss, bestLoss),
                stepAt(loss, bestLoss),
                gradStats.mean(),
                valueAt(gradNorm, maxGrad),
                stepAt(gradNorm, maxGrad),
                learningRate.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(learningRate.value(0)),
                last(learningRate),
                last(evalLoss),
                stepAt(evalLoss, evalLoss.size() - 1),
                valueAt(evalLoss, bestEval),
                stepAt(evalLoss, bestEval),
                finalValue(finalRecord, MetricNames.TRAIN_RUNTIME),
                finalValue(finalRecord, MetricNames.TRAIN_SAMPLES),
                finalValue(finalRecord, MetricNames.TRAIN_SAMPLES_PER_SECOND),
                finalValue(finalRecord, MetricNames.TRAIN_STEPS_PER_SECOND),
                finalValue(finalRecord, MetricNames.EFFECTIVE_BATCH_SIZE),
                lossStats.nonfinite(),
                lossStats.firstNonfiniteStep(),
                log.config());
    }

    /** The value of point {@code i}; empty when {@code i} is -1 (no such point). */
    private static OptionalDouble valueAt(Series series, int i) {
        return i < 0 ? OptionalDouble.empty() : OptionalDouble.of(series.value(i));
    }

    /**
     * The step of point {@code i}; empty when there is no such point ({@code i} is -1) or its record
     * gave no {@code global_step}: the step it is kept at is not data, and export and plot leave it
     * out too.
     */
    private static OptionalLong stepAt(Series series, int i) {
        return i < 0 || !series.hasStep(i) ? OptionalLong.empty() : OptionalLong.of(series.step(i));
    }

    private static int lastTrainingRecord(TrainingLog log) {
        for (int i = log.recordCount() - 1; i >= 0; i--) {
            if (log.kind(i) == RecordKind.TRAINING) {
                return i;
            }
        }
        return -1;
    }

    private static OptionalDouble last(Series series) {
        return series.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(series.value(series.size() - 1));
    }

    private static OptionalDouble finalValue(Optional<Record> finalRecord, String key) {
        return finalRecord.isPresent() ? finalRecord.get().get(key) : OptionalDouble.empty();
    }

    /** Mean and minimum over the finite values of a series, and where the first non-finite one is. */
    private record FiniteStats(
            OptionalDouble mean, OptionalDouble min, long nonfinite, OptionalLong firstNonfiniteStep) {
        static FiniteStats of(Series series) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            long finite = 0;
            long nonfinite = 0;
            OptionalLong firstNonfinite = OptionalLong.empty();
            for (int i = 0; i < series.size(); i++) {
                double v = series.value(i);
                if (Double.isFinite(v)) {
                    sum += v;
                    min = Math.min(min, v);
                    finite++;
                } else {
                    if (nonfinite == 0) {
                        firstNonfinite = stepAt(series, i);
                    }
                    nonfinite++;
                }
            }
            return finite == 0
                    ? new FiniteStats(OptionalDouble.empty(), OptionalDouble.empty(), nonfinite, firstNonfinite)
                    : new FiniteStats(
                            OptionalDouble.of(sum / finite), OptionalDouble.of(min), nonfinite, firstNonfinite);
        }
    }
}
