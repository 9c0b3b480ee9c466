package dev.forgather.logs.check;

import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code clip_saturation} (warn): at least {@code fraction} of the last {@code window} records
 * have a grad norm at or above the gradient clip, so clipping, not the learning rate, sets the
 * step size. Judged only when the clip is known: given here ({@code --clip}), else the run's config
 * ({@code max_grad_norm}, Hugging Face's training argument). The logged
 * {@code max_grad_norm} metric is the largest norm of an interval, not the clip, so it is never
 * taken for one. A run with fewer than 10 grad norms is not judged; a shorter one than the window
 * is judged over all of them.
 *
 * @param clip the gradient clip (max norm); empty: the run's config says, else not judged
 * @param window how many of the last records are looked at (100)
 * @param fraction the share of them at or above the clip that warns (0.5)
 */
public record ClipSaturation(OptionalDouble clip, int window, double fraction) implements Detector {
    public static final String NAME = "clip_saturation";
    private static final int FEWEST = 10;

    /** The defaults for a run clipped at {@code clip} (empty: not judged): half of the last 100 records. */
    public static ClipSaturation defaults(OptionalDouble clip) {
        return new ClipSaturation(clip, 100, 0.5);
    }

    public ClipSaturation {
        if (window < 1) {
            throw new IllegalArgumentException("clip_saturation window must be at least 1 record");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The clip the run's config records: Hugging Face's {@code max_grad_norm} training argument
     * (which its MLflow callback logs as a param); empty when absent, not a number, or not positive
     * (0 means no clipping).
     */
    static OptionalDouble clipInConfig(TrainingLog log) {
        String text = log.config().get("max_grad_norm");
        if (text == null) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) && value > 0 ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public List<Finding> check(RunState run) {
        List<Finding> findings = new ArrayList<>();
        OptionalDouble known = clip.isPresent() ? clip : clipInConfig(run.log());
        if (known.isEmpty()) {
            return findings;
        }
        double limit = known.getAsDouble();
        Points p = Points.finite(run.log().series(Metrics.GRAD_NORM, RecordKind.TRAINING));
        int w = Math.min(window, p.size);
        if (w < Math.min(window, FEWEST)) {
            return findings;
        }
        int from = p.size - w;
        int clipped = 0;
        for (int i = from; i < p.size; i++) {
            if (p.values[i] >= limit) {
                clipped++;
            }
        }
        if (clipped >= fraction * w) {
            findings.add(Finding.of(
                    NAME,
                    Severity.WARN,
                    Metrics.GRAD_NORM,
                    p.steps[from],
                    p.steps[p.size - 1],
                    p.values[from],
                    fraction,
                    "clip_saturation in grad_norm: " + clipped + " of the last "
                            + Evidence.count(w, "record") + " (" + Evidence.percent((double) clipped / w)
                            + ", at least " + Evidence.percent(fraction) + ") have a grad norm at or above the clip "
                            + Evidence.number(limit) + ": clipping, not the learning rate, sets the step size"));
        }
        return findings;
    }
}
