package dev.forgather.logs.format;

import dev.forgather.logs.model.SummaryStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.DoubleFunction;

/**
 * The labelled lines that the text and markdown summaries share, already formatted: the header
 * and the sections, each holding only the statistics that are present. The formatters differ
 * only in how they lay these out.
 */
final class SummarySections {
    /** One labelled value, with the step it was seen at when it has one. */
    record Item(String label, String value, OptionalLong step) {
        String withStep() {
            return step.isPresent() ? value + " (step " + step.getAsLong() + ")" : value;
        }
    }

    /** A titled group of items. */
    record Section(String title, List<Item> items) {
    }

    static final String METRICS = "Metrics";

    private SummarySections() {
    }

    /** Duration, Total Steps and Final Epoch, the lines under {@code Run:}. */
    static List<Item> header(SummaryStatistics s) {
        List<Item> items = new ArrayList<>();
        add(items, "Duration", s.trainRuntimeSeconds(), v -> Numbers.seconds(v) + "s", OptionalLong.empty());
        if (s.totalSteps().isPresent()) {
            items.add(new Item("Total Steps", Long.toString(s.totalSteps().getAsLong()), OptionalLong.empty()));
        }
        add(items, "Final Epoch", s.finalEpoch(), Numbers::epoch, OptionalLong.empty());
        return items;
    }

    /**
     * The sections after the header, empty ones left out. The Metrics section is the text
     * layout's; markdown builds its table with {@link #metricsTable}.
     */
    static List<Section> sections(SummaryStatistics s, boolean withMetrics) {
        List<Section> sections = new ArrayList<>();
        if (withMetrics) {
            List<Item> metrics = new ArrayList<>();
            add(metrics, "Final Loss", s.finalLoss(), Numbers::loss, OptionalLong.empty());
            add(metrics, "Best Loss", s.bestLoss(), Numbers::loss, s.bestLossStep());
            add(metrics, "Average Loss", s.avgLoss(), Numbers::loss, OptionalLong.empty());
            if (s.nonfiniteLossCount() > 0) {
                metrics.add(new Item("Non-finite Losses", s.nonfiniteLossCount()
                        + s.firstNonfiniteLossStep().stream().mapToObj(step -> " (first at step " + step + ")")
                                .findFirst().orElse(""), OptionalLong.empty()));
            }
            add(metrics, "Final Eval Loss", s.finalEvalLoss(), Numbers::loss, s.finalEvalLossStep());
            add(metrics, "Best Eval Loss", s.bestEvalLoss(), Numbers::loss, s.bestEvalLossStep());
            sections.add(new Section(METRICS, metrics));
        }
        List<Item> speed = new ArrayList<>();
        add(speed, "Samples/sec", s.trainSamplesPerSecond(), Numbers::seconds, OptionalLong.empty());
        add(speed, "Steps/sec", s.trainStepsPerSecond(), Numbers::seconds, OptionalLong.empty());
        add(speed, "Effective Batch Size", s.effectiveBatchSize(), Numbers::count, OptionalLong.empty());
        sections.add(new Section("Training Speed", speed));

        List<Item> gradients = new ArrayList<>();
        add(gradients, "Average Grad Norm", s.avgGradNorm(), Numbers::loss, OptionalLong.empty());
        add(gradients, "Max Grad Norm", s.maxGradNormValue(), Numbers::loss, s.maxGradNormStep());
        sections.add(new Section("Gradient Statistics", gradients));

        List<Item> learningRate = new ArrayList<>();
        add(learningRate, "Initial", s.initialLr(), Numbers::learningRate, OptionalLong.empty());
        add(learningRate, "Final", s.finalLr(), Numbers::learningRate, OptionalLong.empty());
        sections.add(new Section("Learning Rate", learningRate));

        sections.removeIf(section -> section.items().isEmpty());
        return sections;
    }

    /** The markdown Metrics table's rows: Value and Step columns (step blank when unknown). */
    static List<Item> metricsTable(SummaryStatistics s) {
        List<Item> rows = new ArrayList<>();
        add(rows, "Final Loss", s.finalLoss(), Numbers::loss, s.totalSteps());
        add(rows, "Best Loss", s.bestLoss(), Numbers::loss, s.bestLossStep());
        if (s.nonfiniteLossCount() > 0) {
            rows.add(new Item("Non-finite Losses", Long.toString(s.nonfiniteLossCount()), s.firstNonfiniteLossStep()));
        }
        add(rows, "Final Eval Loss", s.finalEvalLoss(), Numbers::loss, s.finalEvalLossStep());
        add(rows, "Best Eval Loss", s.bestEvalLoss(), Numbers::loss, s.bestEvalLossStep());
        return rows;
    }

    private static void add(List<Item> items, String label, OptionalDouble value, DoubleFunction<String> format,
            OptionalLong step) {
        if (value.isPresent()) {
            items.add(new Item(label, format.apply(value.getAsDouble()), step));
        }
    }
}
