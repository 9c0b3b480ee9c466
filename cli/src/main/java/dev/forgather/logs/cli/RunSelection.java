package dev.forgather.logs.cli;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.discover.RunSearch;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.NotEnoughMemoryException;
import dev.forgather.logs.model.TrainingLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Which runs a command reads, shared by every command that reads logs as a picocli mixin
 * ({@code @Mixin RunSelection runs;}): the paths the user named; else, with {@code --all}, every
 * log of the project, newest first; else the newest, announced on stderr so that stdout stays
 * clean for pipes. Loading follows one rule everywhere: a log that cannot be used gets its one
 * {@code error:} line, the others are still used, and the command exits with
 * {@link ExitStatus#LOG_FAILED}.
 */
final class RunSelection {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description =
                    "Log files (e.g. trainer_logs.json) or run directories. Default: the newest log of the project.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--all", description = "Every log of the project, newest first.")
    boolean all;

    /**
     * The runs that loaded, in the order chosen, with the path each was loaded from (as given).
     *
     * @param chosen every path chosen, in order, whether it loaded or not
     * @param several whether more than one run was asked for (summary prints a JSON array then)
     * @param failed whether any could not be used
     */
    record Loaded(List<Path> chosen, List<TrainingLog> logs, List<Path> loadedFrom, boolean several, boolean failed) {
        /** {@link ExitStatus#LOG_FAILED} when a run could not be used, else {@link ExitStatus#OK}. */
        int exitStatus() {
            return failed ? ExitStatus.LOG_FAILED : ExitStatus.OK;
        }
    }

    /** The chosen runs, loaded on all cores; their warnings and errors printed to stderr, one line each. */
    Loaded load() throws UserException {
        return load(List.of());
    }

    /**
     * As {@link #load()}, with {@code alsoNamed} read after the PATHs (plot's
     * {@code --compare PATH...}: {@code plot a --compare b} plots both).
     */
    Loaded load(List<Path> alsoNamed) throws UserException {
        List<Path> named = new ArrayList<>(paths);
        named.addAll(alsoNamed);
        List<Path> chosen = choose(named);
        PrintWriter err = command.commandLine().getErr();
        List<TrainingLog> logs = new ArrayList<>();
        List<Path> loadedFrom = new ArrayList<>();
        boolean failed = false;
        for (TrainingLogs.Loaded result : TrainingLogs.loadAll(chosen)) {
            if (result instanceof TrainingLogs.Loaded.Read read) {
                read.log().warnings().forEach(w -> err.println("warning: " + w));
                logs.add(read.log());
                loadedFrom.add(read.path());
            } else if (result instanceof TrainingLogs.Loaded.Failed failure) {
                LogReadException error = failure.error();
                err.println(
                        error instanceof NotEnoughMemoryException memory
                                ? OutOfMemory.message(memory)
                                : "error: " + error.getMessage());
                failed = true;
            }
        }
        err.flush();
        return new Loaded(chosen, logs, loadedFrom, all || chosen.size() > 1, failed);
    }

    /**
     * The paths chosen, not loaded: for a command that reads the logs its own way ({@code watch}
     * follows them). The newest log is announced on stderr as {@link #load()} does.
     */
    List<Path> choose() throws UserException {
        return choose(paths);
    }

    /** The project folder, from {@code -p} before {@code logs}. */
    Path projectDir() {
        return ((LogsCommand) command.parent().userObject()).projectDir();
    }

    private List<Path> choose(List<Path> named) throws UserException {
        PrintWriter err = command.commandLine().getErr();
        if (!named.isEmpty() && !all) {
            return named;
        }
        if (!named.isEmpty()) {
            err.println("warning: --all given: ignoring the paths named");
        }
        RunSearch search = TrainingLogs.search(projectDir());
        search.warning().ifPresent(w -> err.println("warning: " + w));
        err.flush();
        List<LogFile> found = search.runs();
        if (found.isEmpty()) {
            throw new UserException(
                    "No training logs found.\nSearched in: " + TrainingLogs.searchedFolder(projectDir()));
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
