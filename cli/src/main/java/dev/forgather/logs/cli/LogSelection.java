package dev.forgather.logs.cli;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.discover.LogFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Which logs a command works on: the paths the user named; else, with {@code all}, every log of
 * the project; else the newest, announced on stderr so that stdout stays clean for pipes.
 */
final class LogSelection {
    private LogSelection() {
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
