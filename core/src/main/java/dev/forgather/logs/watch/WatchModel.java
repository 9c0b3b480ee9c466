package dev.forgather.logs.watch;

import java.util.List;
import java.util.Optional;

/**
 * Everything one frame shows, apart from how ({@link ViewState}): the runs in their fixed order,
 * the metrics that get a panel each, and a message for the status line. Immutable; the view
 * reads it and never changes it.
 *
 * @param runs the runs, in colour order
 * @param metrics the metric keys, one panel each, e.g. {@code loss}, {@code eval_loss}, {@code learning_rate}
 * @param status a warning or error for the status line; empty shows the keys instead
 */
public record WatchModel(List<WatchedRun> runs, List<String> metrics, Optional<String> status) {
    /** The metrics a view shows unless told otherwise. */
    public static final List<String> DEFAULT_METRICS = List.of("loss", "eval_loss", "learning_rate");

    public WatchModel {
        runs = List.copyOf(runs);
        metrics = List.copyOf(metrics);
    }
}
