package dev.forgather.logs.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The summary of one run, as {@code logs summary} prints it. Every statistic is absent when its
 * inputs are (e.g. no evaluation records: no eval statistics). Losses and grad norms are over
 * training records; {@code finalLoss}, {@code finalEvalLoss}, {@code initialLr}
 * and {@code finalLr} may be NaN or infinite (a diverged run), every mean, minimum and maximum is
 * over finite values only.
 *
 * @param runName the run's name
 * @param modelName the model's name, when the path tells it
 * @param logPath the log file, as given or found
 * @param format the format the log was read from
 * @param totalSteps global step of the last training record
 * @param finalEpoch epoch of the last training record
 * @param finalLoss loss of the last training record
 * @param avgLoss mean of the finite training losses
 * @param minLoss smallest finite training loss
 * @param bestLoss the same as {@code minLoss}, paired with {@code bestLossStep}
 * @param bestLossStep step of the first record with the best loss
 * @param avgGradNorm mean of the finite {@code grad_norm} values
 * @param maxGradNormValue largest finite {@code grad_norm}
 * @param maxGradNormStep step of the first record with that largest value
 * @param initialLr the first value of the learning rate's series (which a trainer may log at
 *     other steps than the loss)
 * @param finalLr the last value of the learning rate's series
 * @param finalEvalLoss eval loss of the last evaluation
 * @param finalEvalLossStep step of the last evaluation
 * @param bestEvalLoss smallest finite eval loss
 * @param bestEvalLossStep step of the first evaluation with that value
 * @param trainRuntimeSeconds {@code train_runtime} of the final record
 * @param trainSamples {@code train_samples} of the final record
 * @param trainSamplesPerSecond {@code train_samples_per_second} of the final record
 * @param trainStepsPerSecond {@code train_steps_per_second} of the final record
 * @param effectiveBatchSize {@code effective_batch_size} of the final record
 * @param nonfiniteLossCount how many training losses are NaN or infinite
 * @param firstNonfiniteLossStep step of the first of them
 * @param config the run's configuration ({@link TrainingLog#config()}); empty when the format records none
 */
public record SummaryStatistics(
        String runName,
        Optional<String> modelName,
        String logPath,
        SourceFormat format,
        OptionalLong totalSteps,
        OptionalDouble finalEpoch,
        OptionalDouble finalLoss,
        OptionalDouble avgLoss,
        OptionalDouble minLoss,
        OptionalDouble bestLoss,
        OptionalLong bestLossStep,
        OptionalDouble avgGradNorm,
        OptionalDouble maxGradNormValue,
        OptionalLong maxGradNormStep,
        OptionalDouble initialLr,
        OptionalDouble finalLr,
        OptionalDouble finalEvalLoss,
        OptionalLong finalEvalLossStep,
        OptionalDouble bestEvalLoss,
        OptionalLong bestEvalLossStep,
        OptionalDouble trainRuntimeSeconds,
        OptionalDouble trainSamples,
        OptionalDouble trainSamplesPerSecond,
        OptionalDouble trainStepsPerSecond,
        OptionalDouble effectiveBatchSize,
        long nonfiniteLossCount,
        OptionalLong firstNonfiniteLossStep,
        Map<String, String> config) {}
