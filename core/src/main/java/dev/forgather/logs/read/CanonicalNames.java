package dev.forgather.logs.read;

import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the metric names of every format to the canonical names of {@link MetricNames}, so that
 * {@code summary}, {@code plot} and comparisons treat every format alike. The names are the
 * Forgather and Hugging Face trainers' own; the other formats' names are mapped to them:
 *
 * <table>
 * <caption>Canonical names and where they come from</caption>
 * <tr><th>canonical</th><th>Forgather, Hugging Face {@code trainer_state.json}</th>
 *     <th>TensorBoard tag</th><th>Lightning {@code metrics.csv}, MLflow metric</th></tr>
 * <tr><td>{@code loss}</td><td>{@code loss}</td><td>{@code train/loss}</td>
 *     <td>{@code loss}, else {@code train_loss_step}, {@code train_loss}, Keras's {@code batch_loss},
 *     {@code epoch_loss}, {@code Loss/train}, Lightning's {@code train_loss_epoch}</td></tr>
 * <tr><td>{@code eval_loss}</td><td>{@code eval_loss}</td><td>{@code eval/loss}</td>
 *     <td>{@code eval_loss}, else {@code val_loss}, {@code val_loss_epoch}, {@code validation_loss},
 *     {@code valid_loss}, {@code val/loss}, Keras's {@code epoch_val_loss}, {@code Loss/val},
 *     {@code Loss/validation}</td></tr>
 * <tr><td>{@code learning_rate}</td><td>{@code learning_rate}</td><td>{@code train/learning_rate}</td>
 *     <td>{@code learning_rate}, else {@code lr}, Keras's {@code epoch_lr} and {@code epoch_learning_rate}, else the first {@code lr-<Optimizer>} column of
 *     Lightning's {@code LearningRateMonitor} (e.g. {@code lr-AdamW})</td></tr>
 * <tr><td>{@code grad_norm}</td><td>{@code grad_norm}</td><td>{@code train/grad_norm}</td>
 *     <td>{@code grad_norm}, else {@code grad_2.0_norm_total} (Lightning's {@code grad_norm})</td></tr>
 * <tr><td>{@code epoch} (x axis)</td><td>{@code epoch}</td><td>{@code train/epoch}</td>
 *     <td>{@code epoch}</td></tr>
 * <tr><td>{@code global_step} (x axis)</td><td>{@code global_step}, {@code step}</td>
 *     <td>the event's {@code step}</td><td>Lightning's {@code step} column; MLflow's step
 *     field</td></tr>
 * <tr><td>{@code timestamp} (x axis, Unix seconds)</td><td>{@code timestamp} (Forgather only)</td>
 *     <td>the event's {@code wall_time}</td><td>none in Lightning; MLflow's timestamp field
 *     (milliseconds, divided by 1000)</td></tr>
 * </table>
 *
 * <p>Besides these, TensorBoard tags written by the Hugging Face {@code TensorBoardCallback}, which
 * prefixes every key, get their key back: {@code train/X} is {@code X}, {@code eval/X} is
 * {@code eval_X}, {@code test/X} is {@code test_X} (so {@code eval/runtime} is
 * {@code eval_runtime} and {@code train/train_runtime} is {@code train_runtime}). Any other name is
 * kept as the file writes it. A canonical name is given to one original name only: when a file
 * has both {@code loss} and {@code train_loss}, {@code train_loss} keeps its name (in a Hugging
 * Face run it is the mean loss of the whole run, not a per-step loss).
 *
 * <p>The original names stay usable: readers register them with
 * {@link dev.forgather.logs.model.TrainingLogBuilder#alias}, and {@link TrainingLog#series(String)}
 * accepts them.
 */
public final class CanonicalNames {
    private static final String LOSS = MetricNames.LOSS;
    private static final String EVAL_LOSS = MetricNames.EVAL_LOSS;
    private static final String LEARNING_RATE = MetricNames.LEARNING_RATE;
    private static final String GRAD_NORM = MetricNames.GRAD_NORM;
    /** Readers set the record's epoch from a metric of this name. */
    static final String EPOCH = MetricNames.EPOCH;

    private static final String STEP = MetricNames.STEP;
    private static final String TIME = MetricNames.TIME;
    private static final List<String> CANONICAL = MetricNames.ALL;

    /** For each canonical name, the names other trainers use for it, most specific first. */
    private static final Map<String, List<String>> CANDIDATES = Map.of(
            // Keras writes batch_loss per batch and epoch_loss per epoch; Lightning train_loss_epoch
            // when nothing is logged per step; PyTorch tutorials Loss/train.
            LOSS,
                    List.of(
                            "train_loss_step",
                            "train_loss",
                            "batch_loss",
                            "epoch_loss",
                            "Loss/train",
                            "train_loss_epoch"),
            EVAL_LOSS,
                    List.of(
                            "val_loss",
                            "val_loss_epoch",
                            "validation_loss",
                            "valid_loss",
                            "val/loss",
                            "epoch_val_loss",
                            "Loss/val",
                            "Loss/validation"),
            LEARNING_RATE, List.of("lr", "epoch_lr", "epoch_learning_rate"),
            GRAD_NORM, List.of("grad_2.0_norm_total"),
            EPOCH, List.of(),
            STEP, List.of(),
            TIME, List.of());

    /** Lightning's {@code LearningRateMonitor} names its columns {@code lr-<Optimizer>[/pg<n>]}. */
    private static final String LEARNING_RATE_MONITOR_PREFIX = "lr-";

    private CanonicalNames() {}

    /**
     * The canonical name of each of {@code names}, in their order, each told to {@code into} as
     * an alias of its own name ({@link TrainingLogBuilder#alias}): what every reader of named
     * series does first.
     */
    static String[] aliased(List<String> names, TrainingLogBuilder into) {
        Map<String, String> canonical = of(names);
        String[] keys = new String[names.size()];
        for (int i = 0; i < keys.length; i++) {
            String name = names.get(i);
            keys[i] = canonical.getOrDefault(name, name);
            into.alias(name, keys[i]);
        }
        return keys;
    }

    /**
     * Maps one run's metric names, as its file writes them, to canonical names.
     *
     * @param names every metric name of the run (the choice between candidates depends on which
     *     names are present)
     * @return original name to canonical name, for the names that change; a name not in the map
     *     keeps its own name
     */
    public static Map<String, String> of(Collection<String> names) {
        Set<String> present = new LinkedHashSet<>(names);
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String name : present) {
            if (CANONICAL.contains(name)) {
                taken.add(name);
            }
        }
        for (String name : present) {
            String key = huggingFaceKey(name);
            if (key != null && !taken.contains(key) && !present.contains(key)) {
                out.put(name, key);
                taken.add(key);
            }
        }
        for (String canonical : CANONICAL) {
            if (taken.contains(canonical)) {
                continue;
            }
            String chosen = null;
            for (String candidate : CANDIDATES.get(canonical)) {
                if (present.contains(candidate) && !out.containsKey(candidate)) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null && canonical.equals(LEARNING_RATE)) {
                chosen = present.stream()
                        .filter(n -> n.startsWith(LEARNING_RATE_MONITOR_PREFIX) && !out.containsKey(n))
                        .sorted()
                        .findFirst()
                        .orElse(null);
            }
            if (chosen != null) {
                out.put(chosen, canonical);
                taken.add(canonical);
            }
        }
        return out;
    }

    /**
     * The Hugging Face trainer key behind a tag of its {@code TensorBoardCallback} (the inverse of
     * its {@code rewrite_logs}), or null when {@code tag} is not of that shape.
     */
    static String huggingFaceKey(String tag) {
        int slash = tag.indexOf('/');
        if (slash <= 0 || slash == tag.length() - 1 || tag.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        String rest = tag.substring(slash + 1);
        return switch (tag.substring(0, slash)) {
            case "train" -> rest;
            case "eval" -> "eval_" + rest;
            case "test" -> "test_" + rest;
            default -> null;
        };
    }
}
