package dev.forgather.logs.plot;

import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The legend names of runs, as SPEC's {@code --labels} rule gives them. */
public final class RunLabels {
    private RunLabels() {}

    /**
     * One name per log, in order: the given label; else the model folder, else the run folder,
     * else {@code Run N} (from 1). Runs whose default names collide are named {@code model/run}
     * instead, so two runs of one model stay apart in the legend; given labels are kept as given.
     */
    public static List<String> of(List<TrainingLog> logs, List<String> given) {
        List<String> names = new ArrayList<>(logs.size());
        Map<String, Integer> defaultCounts = new HashMap<>();
        for (int i = 0; i < logs.size(); i++) {
            if (i < given.size()) {
                names.add(given.get(i));
            } else {
                String name = defaultName(logs.get(i), i);
                names.add(name);
                defaultCounts.merge(name, 1, Integer::sum);
            }
        }
        for (int i = given.size(); i < logs.size(); i++) {
            if (defaultCounts.get(names.get(i)) > 1) {
                names.set(i, qualifiedName(logs.get(i), i));
            }
        }
        return names;
    }

    private static String defaultName(TrainingLog log, int index) {
        Optional<String> model = nonBlank(log.modelName());
        if (model.isPresent()) {
            return model.get();
        }
        return nonBlank(Optional.ofNullable(log.runName())).orElse("Run " + (index + 1));
    }

    private static String qualifiedName(TrainingLog log, int index) {
        Optional<String> model = nonBlank(log.modelName());
        Optional<String> run = nonBlank(Optional.ofNullable(log.runName()));
        if (model.isPresent() && run.isPresent()) {
            return model.get() + "/" + run.get();
        }
        return run.or(() -> model).orElse("Run " + (index + 1));
    }

    private static Optional<String> nonBlank(Optional<String> text) {
        return text.filter(t -> !t.isBlank());
    }
}
