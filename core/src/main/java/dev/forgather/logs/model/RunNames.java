package dev.forgather.logs.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names that tell runs apart, wherever several runs are shown together ({@code logs list}, every
 * summary format, compare's rows, check's lines, a plot's legend, the report). The one rule, for
 * every format, since each names its runs as a {@link RunName} (model and run) the same way:
 *
 * <ol>
 *   <li>each run gets the shortest name its context shows ({@link Form}): the run alone in a
 *       summary, {@code model/run} in a list;
 *   <li>runs whose names collide are named {@code model/run} (eight Lightning {@code version_0}s of
 *       different models: {@code gpt/version_0}, {@code bert/version_0});
 *   <li>runs whose {@code model/run} still collide (two TensorBoard {@code run_1} folders, two
 *       projects' {@code tiny_gpt/baseline}) get the folder where their paths part in front:
 *       {@code tbreducer-strict/run_1}, {@code tbreducer-dup-steps/run_1};
 *   <li>runs in the same folder (a Lightning run's event file and its {@code metrics.csv}) get
 *       their format: {@code gpt/version_0 [tensorboard]}, {@code gpt/version_0 [lightning]};
 *   <li>anything still alike (a log given twice) is numbered from its second showing: {@code a (2)}.
 * </ol>
 *
 * Runs whose names do not collide keep the shortest name, so one run, or runs named apart, show
 * exactly as before. Pure: paths are compared as text (made absolute), never opened.
 */
public final class RunNames {
    private RunNames() {}

    /** The shortest name a context shows for a run, before collisions lengthen it. */
    public enum Form {
        /** The model, else the run: a plot's legend, where a run usually stands for its model. */
        MODEL,
        /** The run alone: summaries, compare's rows, check's lines. */
        RUN,
        /** {@code model/run}, or the run alone when there is no model: {@code logs list}. */
        QUALIFIED;

        String of(RunName name) {
            return switch (this) {
                case MODEL -> name.model().orElse(name.run());
                case RUN -> name.run();
                case QUALIFIED -> name.qualified();
            };
        }
    }

    /**
     * A run to be named among others.
     *
     * @param name its model and run
     * @param log the path it was read from or found at, as given or found: a log file, or a run
     *     folder for formats whose run is a folder
     * @param format the format it was read from
     */
    public record Run(RunName name, Path log, SourceFormat format) {}

    /**
     * One name per run, in order, each different from the others.
     *
     * @param formatShown whether the context prints each run's format beside its name anyway (as
     *     {@code logs list} does): then runs of different formats do not collide and their names
     *     are not given the format a second time
     */
    public static List<String> distinct(List<Run> runs, Form shortest, boolean formatShown) {
        List<String> labels = new ArrayList<>(runs.size());
        for (Run run : runs) {
            labels.add(shortest.of(run.name()));
        }
        lengthen(runs, labels, formatShown, group -> {
            for (int i : group) {
                labels.set(i, runs.get(i).name().qualified());
            }
        });
        lengthen(runs, labels, formatShown, group -> prefixPartingFolder(runs, labels, group));
        if (!formatShown) {
            lengthen(runs, labels, false, group -> {
                if (group.stream().map(i -> runs.get(i).format()).distinct().count() > 1) {
                    for (int i : group) {
                        labels.set(
                                i, labels.get(i) + " [" + runs.get(i).format().id() + "]");
                    }
                }
            });
        }
        number(runs, labels, formatShown);
        return labels;
    }

    /** {@link #distinct} for loaded logs, whose format is not printed beside their names. */
    public static List<String> ofLogs(List<TrainingLog> logs, Form shortest) {
        return distinct(logs.stream().map(RunNames::run).toList(), shortest, false);
    }

    /** {@link #distinct} for summaries, whose format is not printed beside their names. */
    public static List<String> ofSummaries(List<SummaryStatistics> summaries, Form shortest) {
        return distinct(
                summaries.stream()
                        .map(s -> new Run(new RunName(s.modelName(), s.runName()), Path.of(s.logPath()), s.format()))
                        .toList(),
                shortest,
                false);
    }

    /** A loaded log as a run to be named. */
    public static Run run(TrainingLog log) {
        return new Run(log.name(), log.path(), log.format());
    }

    /** What a step does to one group of runs whose names collide. */
    private interface Step {
        void apply(List<Integer> group);
    }

    /** Applies {@code step} to every group of runs whose shown names are alike. */
    private static void lengthen(List<Run> runs, List<String> labels, boolean formatShown, Step step) {
        for (List<Integer> group : collisions(runs, labels, formatShown)) {
            step.apply(group);
        }
    }

    /** The groups (two or more) of runs whose names, with their format when it is shown, are alike. */
    private static List<List<Integer>> collisions(List<Run> runs, List<String> labels, boolean formatShown) {
        Map<String, List<Integer>> byShown = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byShown.computeIfAbsent(shown(runs, labels, formatShown, i), k -> new ArrayList<>())
                    .add(i);
        }
        return byShown.values().stream().filter(g -> g.size() > 1).toList();
    }

    private static String shown(List<Run> runs, List<String> labels, boolean formatShown, int i) {
        return key(labels.get(i), runs.get(i), formatShown);
    }

    private static String key(String label, Run run, boolean formatShown) {
        return formatShown ? label + "\0" + run.format().id() : label;
    }

    /**
     * Puts in front of each name the first folder where the group's paths part, when every run has
     * one above its own log: a path that parts only at its last element (the log file, or the run
     * folder itself) tells no folder apart, and one that is the other's folder (an event folder
     * beside its {@code metrics.csv}) neither.
     */
    private static void prefixPartingFolder(List<Run> runs, List<String> labels, List<Integer> group) {
        List<Path> paths = group.stream()
                .map(i -> runs.get(i).log().toAbsolutePath().normalize())
                .toList();
        int common = 0;
        while (sameNameAt(paths, common)) {
            common++;
        }
        for (Path path : paths) {
            if (path.getNameCount() <= common + 1) {
                return;
            }
        }
        for (int k = 0; k < group.size(); k++) {
            int i = group.get(k);
            labels.set(i, paths.get(k).getName(common) + "/" + labels.get(i));
        }
    }

    private static boolean sameNameAt(List<Path> paths, int index) {
        Path first = paths.get(0);
        if (first.getNameCount() <= index) {
            return false;
        }
        for (Path path : paths) {
            if (path.getNameCount() <= index || !path.getName(index).equals(first.getName(index))) {
                return false;
            }
        }
        return true;
    }

    /** Numbers what is still alike, from its second showing on: {@code a}, {@code a (2)}. */
    private static void number(List<Run> runs, List<String> labels, boolean formatShown) {
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            taken.add(shown(runs, labels, formatShown, i));
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            int n = counts.merge(shown(runs, labels, formatShown, i), 1, Integer::sum);
            if (n > 1) {
                String numbered;
                // A numbered name may be another run's name already: count on until it is free.
                do {
                    numbered = labels.get(i) + " (" + n++ + ")";
                } while (!taken.add(key(numbered, runs.get(i), formatShown)));
                labels.set(i, numbered);
            }
        }
    }
}
