package dev.forgather.logs.cli;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.model.TrainingLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which logs a command works on: the paths the user named; else, with {@code all}, every log of
 * the project; else the newest, announced on stderr so that stdout stays clean for pipes.
 */
final class LogSelection {
    private LogSelection() {
    }

    /**
     * The logs that loaded, in order, their notes and errors printed to {@code err} one line each.
     *
     * @param loadedFrom the path each log was loaded from, as given
     * @param failed whether any path could not be used (the command then exits with 1)
     */
    record Loaded(List<TrainingLog> logs, List<Path> loadedFrom, boolean failed) {
    }

    /** Loads {@code paths} on all cores; what cannot be used is reported and left out. */
    static Loaded load(List<Path> paths, PrintWriter err) {
        List<TrainingLog> logs = new ArrayList<>();
        List<Path> loadedFrom = new ArrayList<>();
        boolean failed = false;
        for (TrainingLogs.Loaded result : TrainingLogs.loadAll(paths)) {
            if (result.log().isPresent()) {
                TrainingLog log = result.log().get();
                log.warnings().forEach(w -> err.println("warning: " + w));
                logs.add(log);
                loadedFrom.add(result.path());
            } else {
                err.println("error: " + result.error().orElseThrow().getMessage());
                failed = true;
            }
        }
        err.flush();
        return new Loaded(logs, loadedFrom, failed);
    }

    static List<Path> choose(List<Path> named, boolean all, Path projectDir, PrintWriter err) throws UserException {
        if (!named.isEmpty() && !all) {
            return named;
        }
        if (!named.isEmpty()) {
            err.println("warning: --all given: ignoring the paths named");
        }
        List<LogFile> found = TrainingLogs.find(projectDir);
        if (found.isEmpty()) {
            throw new UserException("No training logs found.\nSearched in: " + TrainingLogs.searchedFolder(projectDir));
        }
        if (all) {
            return found.stream().map(LogFile::path).toList();
        }
        Path latest = found.get(0).path();
        err.println("Using latest log: " + latest);
        err.println();
        err.flush();
        return List.of(latest);
    }
}
