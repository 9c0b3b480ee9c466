package dev.forgather.logs.compare;

import dev.forgather.logs.model.TrainingLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Folds runs into seed groups: runs whose names are equal once every match of a pattern (by default
 * {@link CompareOptions#DEFAULT_GROUP_PATTERN}) is removed. {@code lr3e-3_seed1} and
 * {@code lr3e-3_seed2} are the group {@code lr3e-3}.
 */
public final class SeedGroups {
    private SeedGroups() {}

    /**
     * One group: its key and its members, in the order given.
     *
     * @param key the run name without the seed part
     * @param members the runs of the group
     */
    public record Group(String key, List<TrainingLog> members) {
        /** Copies the list. */
        public Group {
            members = List.copyOf(members);
        }
    }

    /** The key of the run called {@code runName}: every match of {@code pattern} removed. */
    public static String key(String runName, Pattern pattern) {
        String key = pattern.matcher(runName).replaceAll("");
        // A name that is nothing but its seed keeps its own name rather than become "".
        return key.isEmpty() ? runName : key;
    }

    /** The groups of {@code logs}, in order of each group's first member. */
    public static List<Group> of(List<TrainingLog> logs, Pattern pattern) {
        Map<String, List<TrainingLog>> groups = new LinkedHashMap<>();
        for (TrainingLog log : logs) {
            groups.computeIfAbsent(key(log.runName(), pattern), k -> new ArrayList<>())
                    .add(log);
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((key, members) -> out.add(new Group(key, members)));
        return out;
    }
}
