package dev.forgather.logs.check;

import dev.forgather.logs.model.MetricNames;

/** The canonical metric names the detectors look at (every reader maps its format's names to these). */
final class Metrics {
    static final String LOSS = MetricNames.LOSS;
    static final String EVAL_LOSS = MetricNames.EVAL_LOSS;
    static final String GRAD_NORM = MetricNames.GRAD_NORM;
    static final String LEARNING_RATE = MetricNames.LEARNING_RATE;
    static final String STEP = MetricNames.STEP;
    static final String STEPS_PER_SECOND = "steps_per_second";

    private Metrics() {}
}
