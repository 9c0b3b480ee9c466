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
            totalSteps = OptionalLong.of(last.step());
            finalEpoch = last.epoch();
        }

        FiniteStats lossStats = FiniteStats.of(loss);
        FiniteStats gradStats = FiniteStats.of(gradNorm);
        Optional<StepValue> bestLoss = BestStep.of(loss, Goal.MIN);
        Optional<StepValue> maxGrad = BestStep.of(gradNorm, Goal.MAX);
        Optional<StepValue> bestEval = BestStep.of(evalLoss, Goal.MIN);

        Optional<Record> finalRecord = log.finalRecord();
        boolean steps = log.hasSteps();
        return new SummaryStatistics(
                log.runName(),
                log.modelName(),
                logPath,
                log.format(),
                steps ? totalSteps : OptionalLong.empty(),
                finalEpoch,
                last(loss),
                lossStats.mean(),
                lossStats.min(),
                bestLoss.map(sv -> OptionalDouble.of(sv.value())).orElse(OptionalDouble.empty()),
                stepOf(bestLoss, steps),
                gradStats.mean(),
                maxGrad.map(sv -> OptionalDouble.of(sv.value())).orElse(OptionalDouble.empty()),
                stepOf(maxGrad, steps),
                learningRate.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(learningRate.value(0)),
                last(learningRate),
                last(evalLoss),
                evalLoss.isEmpty() || !steps
                        ? OptionalLong.empty()
                        : OptionalLong.of(evalLoss.step(evalLoss.size() - 1)),
                bestEval.map(sv -> OptionalDouble.of(sv.value())).orElse(OptionalDouble.empty()),
                stepOf(bestEval, steps),
                finalValue(finalRecord, MetricNames.TRAIN_RUNTIME),
                finalValue(finalRecord, MetricNames.TRAIN_SAMPLES),
                finalValue(finalRecord, MetricNames.TRAIN_SAMPLES_PER_SECOND),
                finalValue(finalRecord, MetricNames.TRAIN_STEPS_PER_SECOND),
                finalValue(finalRecord, MetricNames.EFFECTIVE_BATCH_SIZE),
                lossStats.nonfinite(),
                steps ? lossStats.firstNonfiniteStep() : OptionalLong.empty(),
                log.config());
    }

    /** The step of a best value, when the log has steps at all. */
    private static OptionalLong stepOf(Optional<StepValue> best, boolean steps) {
        return steps && best.isPresent() ? OptionalLong.of(best.get().step()) : OptionalLong.empty();
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
                        firstNonfinite = OptionalLong.of(series.step(i));
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
