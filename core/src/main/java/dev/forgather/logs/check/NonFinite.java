package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * {@code nonfinite} (error): NaN or ±Infinity in the training loss, the evaluation loss or the
 * grad norm; one finding per metric, from the first to the last non-finite step, its value the
 * count. A training loss of exactly 0.0 in a record whose grad norm is not finite counts too:
 * that is how Hugging Face's {@code logging_nan_inf_filter} logs a run whose every loss was NaN.
 */
public record NonFinite() implements Detector {
    public static final String NAME = "nonfinite";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> check(RunState run) {
        TrainingLog log = run.log();
        List<Finding> findings = new ArrayList<>();
        Series gradNorm = log.series(Metrics.GRAD_NORM, RecordKind.TRAINING);
        scan(log.series(Metrics.LOSS, RecordKind.TRAINING), gradNorm).ifPresent(findings::add);
        scan(log.series(Metrics.EVAL_LOSS, RecordKind.EVALUATION), null).ifPresent(findings::add);
        scan(gradNorm, null).ifPresent(findings::add);
        return findings;
    }

    /** The finding for {@code series}; with {@code gradNorm}, zero losses beside a non-finite grad norm count. */
    private Optional<Finding> scan(Series series, Series gradNorm) {
        int nan = 0;
        int infinite = 0;
        int disguised = 0;
        long first = 0;
        long last = 0;
        int g = 0;
        for (int i = 0; i < series.size(); i++) {
            double v = series.value(i);
            boolean bad = !Double.isFinite(v);
            if (!bad && v == 0.0 && gradNorm != null) {
                int record = series.recordIndex(i);
                while (g < gradNorm.size() && gradNorm.recordIndex(g) < record) {
                    g++;
                }
                if (g < gradNorm.size() && gradNorm.recordIndex(g) == record && !Double.isFinite(gradNorm.value(g))) {
                    bad = true;
                    disguised++;
                }
            } else if (Double.isNaN(v)) {
                nan++;
            } else if (bad) {
                infinite++;
            }
            if (bad) {
                if (nan + infinite + disguised == 1) {
                    first = series.step(i);
                }
                last = series.step(i);
            }
        }
        int count = nan + infinite + disguised;
        if (count == 0) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (nan > 0) {
            parts.add(nan + " NaN");
        }
        if (infinite > 0) {
            parts.add(infinite + " infinite");
        }
        String message = "non-finite " + series.name() + ": ";
        if (nan + infinite > 0) {
            message += String.join(" and ", parts) + (nan + infinite == 1 ? " value" : " values");
        }
        if (disguised > 0) {
            message += (nan + infinite > 0 ? "; " : "") + Evidence.count(disguised, "record")
                    + " with a loss of exactly 0.0 beside a non-finite grad norm (Hugging Face's"
                    + " logging_nan_inf_filter hides a NaN loss this way)";
        }
        return Optional.of(new Finding(
                NAME,
                Severity.ERROR,
                Optional.of(series.name()),
                OptionalLong.of(first),
                OptionalLong.of(last),
                count,
                OptionalDouble.of(0),
                message));
    }
}
