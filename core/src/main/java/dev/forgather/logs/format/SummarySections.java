package dev.forgather.logs.format;

import static dev.forgather.logs.model.Statistic.AVG_GRAD_NORM;
import static dev.forgather.logs.model.Statistic.AVG_LOSS;
import static dev.forgather.logs.model.Statistic.BEST_EVAL_LOSS;
import static dev.forgather.logs.model.Statistic.BEST_LOSS;
import static dev.forgather.logs.model.Statistic.EFFECTIVE_BATCH_SIZE;
import static dev.forgather.logs.model.Statistic.FINAL_EPOCH;
import static dev.forgather.logs.model.Statistic.FINAL_EVAL_LOSS;
import static dev.forgather.logs.model.Statistic.FINAL_LOSS;
import static dev.forgather.logs.model.Statistic.FINAL_LR;
import static dev.forgather.logs.model.Statistic.INITIAL_LR;
import static dev.forgather.logs.model.Statistic.MAX_GRAD_NORM_VALUE;
import static dev.forgather.logs.model.Statistic.NONFINITE_LOSS_COUNT;
import static dev.forgather.logs.model.Statistic.TOTAL_STEPS;
import static dev.forgather.logs.model.Statistic.TRAIN_RUNTIME;
import static dev.forgather.logs.model.Statistic.TRAIN_SAMPLES_PER_SECOND;
import static dev.forgather.logs.model.Statistic.TRAIN_STEPS_PER_SECOND;

import dev.forgather.logs.model.Statistic;
import dev.forgather.logs.model.SummaryStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The layout the text and markdown summaries share: which {@link Statistic}s stand in the header
 * and in each section, in what order. Labels, number styles and steps come from the statistics
 * themselves; the formatters differ only in how they lay the items out.
 */
final class SummarySections {
    /** One labelled value, already formatted, with the step it was seen at when it has one. */
    record Item(Statistic statistic, String label, String value, OptionalLong step) {
        String withStep() {
            if (step.isEmpty()) {
                return value;
            }
            return value + (statistic == NONFINITE_LOSS_COUNT ? " (first at step " : " (step ") + step.getAsLong()
                    + ")";
        }
    }

    /** A titled group of items. */
    record Section(String title, List<Item> items) {}

    private record Layout(String title, List<Statistic> statistics) {}

    /** The lines under {@code Run:}. */
    private static final List<Statistic> HEADER = List.of(TRAIN_RUNTIME, TOTAL_STEPS, FINAL_EPOCH);

    private static final Layout METRICS = new Layout(
            "Metrics", List.of(FINAL_LOSS, BEST_LOSS, AVG_LOSS, NONFINITE_LOSS_COUNT, FINAL_EVAL_LOSS, BEST_EVAL_LOSS));
    private static final List<Layout> SECTIONS = List.of(
            new Layout(
                    "Training Speed", List.of(TRAIN_SAMPLES_PER_SECOND, TRAIN_STEPS_PER_SECOND, EFFECTIVE_BATCH_SIZE)),
            new Layout("Gradient Statistics", List.of(AVG_GRAD_NORM, MAX_GRAD_NORM_VALUE)),
            new Layout("Learning Rate", List.of(INITIAL_LR, FINAL_LR)));
    /** Markdown's Metrics table: the original's rows, each with a Step column. */
    private static final List<Statistic> METRICS_TABLE =
            List.of(FINAL_LOSS, BEST_LOSS, NONFINITE_LOSS_COUNT, FINAL_EVAL_LOSS, BEST_EVAL_LOSS);

    private SummarySections() {}

    /** Duration, Total Steps and Final Epoch, the lines under {@code Run:}. */
    static List<Item> header(SummaryStatistics s) {
        return items(HEADER, s);
    }

    /**
     * The sections after the header, empty ones left out. The Metrics section is the text
     * layout's; markdown builds its table with {@link #metricsTable}.
     */
    static List<Section> sections(SummaryStatistics s, boolean withMetrics) {
        List<Section> sections = new ArrayList<>();
        List<Layout> layouts = new ArrayList<>();
        if (withMetrics) {
            layouts.add(METRICS);
        }
        layouts.addAll(SECTIONS);
        for (Layout layout : layouts) {
            List<Item> items = items(layout.statistics(), s);
            if (!items.isEmpty()) {
                sections.add(new Section(layout.title(), items));
            }
        }
        return sections;
    }

    /** The markdown Metrics table's rows: Value and Step columns (step blank when unknown). */
    static List<Item> metricsTable(SummaryStatistics s) {
        List<Item> rows = new ArrayList<>();
        for (Item item : items(METRICS_TABLE, s)) {
            // The final loss's step is the run's last step, as the original's table showed.
            rows.add(
                    item.statistic() == FINAL_LOSS
                            ? new Item(FINAL_LOSS, item.label(), item.value(), TOTAL_STEPS.wholeOf(s))
                            : item);
        }
        return rows;
    }

    private static List<Item> items(List<Statistic> statistics, SummaryStatistics s) {
        List<Item> items = new ArrayList<>();
        for (Statistic statistic : statistics) {
            OptionalDouble value = statistic.of(s);
            // Only a count that is not 0 says something about the run; the SPEC's one exception.
            if (value.isEmpty() || statistic == NONFINITE_LOSS_COUNT && value.getAsDouble() == 0) {
                continue;
            }
            OptionalLong step = statistic.step().map(at -> at.wholeOf(s)).orElse(OptionalLong.empty());
            items.add(new Item(
                    statistic,
                    statistic.label(),
                    Numbers.of(statistic.style(), value.getAsDouble()) + unit(statistic),
                    step));
        }
        return items;
    }

    private static String unit(Statistic statistic) {
        return statistic == TRAIN_RUNTIME ? "s" : "";
    }
}
