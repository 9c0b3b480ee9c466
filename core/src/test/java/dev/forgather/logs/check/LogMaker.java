package dev.forgather.logs.check;

import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Hand-made logs for detector tests: records added one by one, as a reader would. */
final class LogMaker {
    private final TrainingLogBuilder builder = new TrainingLogBuilder();

    /** A log of training records at steps 10, 20, ... with these losses and nothing else. */
    static TrainingLog losses(double... losses) {
        LogMaker maker = new LogMaker();
        for (int i = 0; i < losses.length; i++) {
            maker.train((i + 1) * 10L, "loss", losses[i]);
        }
        return maker.build();
    }

    /** A training record at {@code step} with {@code keysAndValues} ("loss", 1.2, "grad_norm", 0.4, ...). */
    LogMaker train(long step, Object... keysAndValues) {
        return record(step, Double.NaN, keysAndValues);
    }

    /** A record at {@code step} and Unix time {@code timestamp} (NaN: none). */
    LogMaker record(long step, double timestamp, Object... keysAndValues) {
        builder.beginRecord();
        builder.step(step);
        if (!Double.isNaN(timestamp)) {
            builder.timestamp(timestamp);
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.value((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
        }
        builder.endRecord();
        return this;
    }

    /** A record that gives no step, as a reader reads one without {@code global_step}. */
    LogMaker withoutStep(Object... keysAndValues) {
        builder.beginRecord();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.value((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
        }
        builder.endRecord();
        return this;
    }

    /** An evaluation record at {@code step}. */
    LogMaker eval(long step, double evalLoss) {
        return train(step, "eval_loss", evalLoss);
    }

    /** Records {@code key = value} in the run's config, as a reader of a format with one does. */
    LogMaker config(String key, String value) {
        builder.config(key, value);
        return this;
    }

    TrainingLog build() {
        return builder.build(
                Path.of("runs/hand_made/trainer_logs.json"), RunName.of("model", "hand_made"), LogFormat.FORGATHER);
    }

    /** A closed log checked at 2026-01-27 12:00 UTC. */
    static RunState closed(TrainingLog log) {
        return new RunState(log, false, Optional.empty(), Instant.parse("2026-01-27T12:00:00Z"));
    }

    /** Deterministic noise around 1: values in 1 ± amplitude. */
    static double[] noisy(int n, double level, double amplitude, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = level * (1 + amplitude * (2 * random.nextDouble() - 1));
        }
        return out;
    }
}
