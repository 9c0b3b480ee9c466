package dev.forgather.logs.model;

import java.util.Optional;

/**
 * Who a run is: the model (or experiment) it trains and the run's own name, as every format names
 * them: {@code output_models/<model>/runs/<run>}, Lightning's {@code <model>/version_<n>}, an
 * MLflow experiment and run name.
 *
 * @param model the model or experiment; empty when the layout does not tell it
 * @param run the run's name, never empty
 */
public record RunName(Optional<String> model, String run) {
    /** A run with no model. */
    public static RunName of(String run) {
        return new RunName(Optional.empty(), run);
    }

    /** A run of a model. */
    public static RunName of(String model, String run) {
        return new RunName(Optional.of(model), run);
    }

    /** {@code model/run}, or the run alone when there is no model. */
    public String qualified() {
        return model.map(m -> m + "/" + run).orElse(run);
    }
}
