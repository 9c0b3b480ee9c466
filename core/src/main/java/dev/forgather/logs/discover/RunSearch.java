package dev.forgather.logs.discover;

import dev.forgather.logs.io.IoProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a search for runs found: the runs, newest first, and the folders it could not open (a run
 * folder, or a folder of runs, that another user owns), which may hold runs it could not list.
 *
 * @param runs the runs found, newest first
 * @param unopened the folders that could not be opened, in the order met
 */
public record RunSearch(List<LogFile> runs, List<Unopened> unopened) {
    public RunSearch {
        runs = List.copyOf(runs);
        unopened = List.copyOf(unopened);
    }

    /** A folder that could not be opened, and why in a few words, e.g. {@code permission denied}. */
    public record Unopened(Path folder, String problem) {}

    /**
     * The one warning line that names every folder that could not be opened, e.g. {@code 2 run
     * folders could not be opened: output_models/m/runs/a (permission denied), output_models/m/runs/b
     * (permission denied)}; empty when there was none.
     */
    public Optional<String> warning() {
        if (unopened.isEmpty()) {
            return Optional.empty();
        }
        String which = unopened.stream()
                .map(u -> u.folder() + " (" + u.problem() + ")")
                .collect(Collectors.joining(", "));
        return Optional.of(
                unopened.size() == 1
                        ? "1 run folder could not be opened: " + which
                        : unopened.size() + " run folders could not be opened: " + which);
    }

    /**
     * Why {@code folder}, a directory, cannot be searched: it cannot be listed or entered by this
     * user ({@code permission denied}); empty when it can.
     */
    static Optional<String> problemOpening(Path folder) {
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            return Optional.of("permission denied");
        }
        return Optional.empty();
    }

    /** An error listing a folder in a few words, as every other I/O failure is said ({@link IoProblems}). */
    static String problem(Exception e) {
        return e instanceof IOException io ? IoProblems.reason(io) : "cannot be read";
    }
}
