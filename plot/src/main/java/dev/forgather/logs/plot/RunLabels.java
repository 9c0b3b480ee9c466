package dev.forgather.logs.plot;

import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.List;

/** The legend names of runs, as SPEC's {@code --labels} rule gives them. */
public final class RunLabels {
    private RunLabels() {}

    /**
     * One name per log, in order: the given label; else the model folder, else the run folder,
     * else {@code Run N} (from 1). Runs whose default names collide are lengthened by the rule
     * every command names runs by ({@link RunNames}): {@code model/run}, so two runs of one model
     * stay apart in the legend, then the folder where their paths part; given labels are kept as
     * given.
     */
    public static List<String> of(List<TrainingLog> logs, List<String> given) {
        List<String> names = new ArrayList<>(logs.size());
        List<TrainingLog> unlabelled = logs.subList(Math.min(given.size(), logs.size()), logs.size());
        names.addAll(given.subList(0, Math.min(given.size(), logs.size())));
        List<String> defaults = RunNames.ofLogs(unlabelled, RunNames.Form.MODEL);
        for (int i = 0; i < defaults.size(); i++) {
            String name = defaults.get(i);
            names.add(name.isBlank() ? "Run " + (names.size() + 1) : name);
        }
        return names;
    }
}
