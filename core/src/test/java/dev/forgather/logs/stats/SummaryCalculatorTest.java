package dev.forgather.logs.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCalculatorTest {
    @TempDir
    Path dir;

    private SummaryStatistics summarize(String json) throws Exception {
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(file, json);
        TrainingLog log = TrainingLogs.load(file);
        return TrainingLogs.summarize(log);
    }

    @Test
    void sampleRunMatchesValuesComputedFromTheFile() throws Exception {
        // Expected values computed with python3's json module over the file's training records
        // (loss without eval_loss), evaluation records and final record.
        SummaryStatistics s = TrainingLogs.summarize(TrainingLogs.load(Samples.log("adamw_lr1e-3")));
        assertThat(s.totalSteps()).hasValue(1500);
        assertThat(s.finalEpoch()).hasValue(0.5791505791505791);
        assertThat(s.finalLoss()).hasValue(1.7338153839111328);
        assertThat(s.bestLoss()).hasValue(1.7220680236816406);
        assertThat(s.avgLoss().getAsDouble()).isCloseTo(2.046092952728273, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.avgGradNorm().getAsDouble())
                .isCloseTo(0.8499699644247691, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.bestLossStep()).hasValue(1440);
        assertThat(s.maxGradNormValue()).hasValue(4.081315517425537);
        assertThat(s.maxGradNormStep()).hasValue(10);
        assertThat(s.initialLr()).hasValue(8.999999999999999e-05);
        assertThat(s.finalLr()).hasValue(1.2588775841204659e-09);
        assertThat(s.finalEvalLoss()).hasValue(1.5630970001220703);
        assertThat(s.finalEvalLossStep()).hasValue(1500);
        assertThat(s.bestEvalLossStep()).hasValue(1500);
        assertThat(s.trainRuntimeSeconds()).hasValue(22.1099);
        assertThat(s.trainSamplesPerSecond()).hasValue(2170.972);
        assertThat(s.trainSamples()).isEmpty();
        assertThat(s.effectiveBatchSize()).isEmpty();
        assertThat(s.nonfiniteLossCount()).isZero();
    }

    @Test
    void nonFiniteLossesAreSkippedByMeansAndMinimaAndCounted() throws Exception {
        SummaryStatistics s = summarize("[{\"global_step\": 1, \"loss\": 4.0, \"grad_norm\": 1.0},"
                + "{\"global_step\": 2, \"loss\": 2.0, \"grad_norm\": NaN},"
                + "{\"global_step\": 3, \"loss\": NaN, \"grad_norm\": Infinity},"
                + "{\"global_step\": 4, \"loss\": Infinity, \"grad_norm\": 3.0}]");
        assertThat(s.avgLoss()).hasValue(3.0);
        assertThat(s.minLoss()).hasValue(2.0);
        assertThat(s.bestLossStep()).hasValue(2);
        assertThat(s.finalLoss().getAsDouble()).isInfinite();
        assertThat(s.nonfiniteLossCount()).isEqualTo(2);
        assertThat(s.firstNonfiniteLossStep()).hasValue(3);
        assertThat(s.avgGradNorm()).hasValue(2.0);
        assertThat(s.maxGradNormValue()).hasValue(3.0);
        assertThat(s.maxGradNormStep()).hasValue(4);
    }

    @Test
    void tiesGoToTheFirstOccurrenceAndZeroIsAValue() throws Exception {
        SummaryStatistics s = summarize("[{\"global_step\": 1, \"loss\": 0.0, \"learning_rate\": 0.0},"
                + "{\"global_step\": 2, \"loss\": 0.0, \"learning_rate\": 0.0},"
                + "{\"global_step\": 2, \"eval_loss\": 0.5}, {\"global_step\": 3, \"eval_loss\": 0.5}]");
        assertThat(s.bestLoss()).hasValue(0.0);
        assertThat(s.bestLossStep()).hasValue(1);
        assertThat(s.initialLr()).hasValue(0.0);
        assertThat(s.bestEvalLossStep()).hasValue(2);
        assertThat(s.finalEvalLossStep()).hasValue(3);
    }

    @Test
    void aResumedRunCountsEveryTrainingRecordInFileOrder() throws Exception {
        SummaryStatistics s = summarize("[{\"global_step\": 10, \"loss\": 3.0}, {\"global_step\": 20, \"loss\": 1.0},"
                + "{\"global_step\": 15, \"loss\": 2.0}, {\"global_step\": 20, \"loss\": 2.0}]");
        assertThat(s.avgLoss()).hasValue(2.0);
        assertThat(s.totalSteps()).hasValue(20);
        assertThat(s.finalLoss()).hasValue(2.0);
        assertThat(s.bestLossStep()).hasValue(20);
    }

    @Test
    void anEmptyLogHasNoStatistics() throws Exception {
        SummaryStatistics s = summarize("[]");
        assertThat(s.totalSteps()).isEmpty();
        assertThat(s.finalLoss()).isEmpty();
        assertThat(s.bestEvalLoss()).isEmpty();
        assertThat(s.trainRuntimeSeconds()).isEmpty();
        assertThat(s.nonfiniteLossCount()).isZero();
    }

    @Test
    void theFinalRecordIsTheLastOneWithTrainRuntime() throws Exception {
        SummaryStatistics s = summarize("[{\"global_step\": 1, \"loss\": 1.0},"
                + "{\"train_runtime\": 5.0, \"effective_batch_size\": 32},"
                + "{\"train_runtime\": 9.5, \"train_samples\": 640, \"effective_batch_size\": 64}]");
        assertThat(s.trainRuntimeSeconds()).hasValue(9.5);
        assertThat(s.trainSamples()).hasValue(640.0);
        assertThat(s.effectiveBatchSize()).hasValue(64.0);
    }

    @Test
    void aLogWithoutStepsHasNoStepStatistics() throws Exception {
        SummaryStatistics s = summarize("[{\"timestamp\": 1.0, \"loss\": 3.0, \"grad_norm\": 1.0},"
                + "{\"timestamp\": 2.0, \"loss\": 2.0, \"grad_norm\": 2.0}, {\"eval_loss\": 2.5}]");
        assertThat(s.totalSteps()).isEmpty();
        assertThat(s.bestLossStep()).isEmpty();
        assertThat(s.maxGradNormStep()).isEmpty();
        assertThat(s.finalEvalLossStep()).isEmpty();
        assertThat(s.bestEvalLossStep()).isEmpty();
        assertThat(s.bestLoss()).hasValue(2.0);
    }

    @Test
    void aStepIsReportedOnlyWhereItsRecordGaveOne() throws Exception {
        // The best loss, the largest grad norm, the first NaN, the last training record and the
        // last evaluation have no global_step: they are not placed at the step before them.
        SummaryStatistics s = summarize("[{\"global_step\": 10, \"loss\": 3.0, \"grad_norm\": 1.0},"
                + "{\"loss\": 1.0, \"grad_norm\": 5.0}, {\"global_step\": 20, \"eval_loss\": 2.5},"
                + "{\"loss\": NaN}, {\"eval_loss\": 2.0}, {\"global_step\": 30, \"loss\": 2.0}, {\"loss\": 2.5}]");
        assertThat(s.totalSteps()).isEmpty();
        assertThat(s.finalLoss()).hasValue(2.5);
        assertThat(s.bestLoss()).hasValue(1.0);
        assertThat(s.bestLossStep()).isEmpty();
        assertThat(s.maxGradNormValue()).hasValue(5.0);
        assertThat(s.maxGradNormStep()).isEmpty();
        assertThat(s.nonfiniteLossCount()).isEqualTo(1);
        assertThat(s.firstNonfiniteLossStep()).isEmpty();
        assertThat(s.finalEvalLoss()).hasValue(2.0);
        assertThat(s.finalEvalLossStep()).isEmpty();
        assertThat(s.bestEvalLoss()).hasValue(2.0);
        assertThat(s.bestEvalLossStep()).isEmpty();
        // Every record with a loss and no eval_loss is a training record, step or not.
        assertThat(s.avgLoss()).hasValue((3.0 + 1.0 + 2.0 + 2.5) / 4);
    }
}
