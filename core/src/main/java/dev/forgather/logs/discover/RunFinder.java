package dev.forgather.logs.discover;

import dev.forgather.logs.read.LogFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the training logs of a Forgather project: {@code <project>/output_models/<model>/runs/<run>},
 * each run folder's log in the first format that has one, newest first by modification time (then
 * by path, so the order is stable).
 */
public final class RunFinder {
    private static final String OUTPUT_MODELS = "output_models";
    private static final String RUNS = "runs";

    private final List<LogFormat> formats;

    /**
     * A finder for run folders holding a log of one of {@code formats}; when a run folder holds
     * several, the first in this order is the run's log (a Forgather run's
     * {@code trainer_state.json} is the same run as its {@code trainer_logs.json}).
     */
    public RunFinder(List<LogFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** A finder for every format, in {@link LogFormat}'s order. */
    public RunFinder() {
        this(List.of(LogFormat.values()));
    }

    /** The folder searched for logs: {@code <project>/output_models}. */
    public static Path searchedFolder(Path projectDir) {
        return projectDir.resolve(OUTPUT_MODELS).normalize();
    }

    /**
     * Every log of the project, newest first. Folders that cannot be read are passed over; a
     * missing {@code output_models} yields an empty list.
     */
    public List<LogFile> find(Path projectDir) {
        return search(projectDir).runs();
    }

    /**
     * Every log of the project, newest first, and the folders passed over because they could not
     * be opened: {@code output_models}, a model's folder or its {@code runs}, or a run folder whose
     * log could not be looked for.
     */
    public RunSearch search(Path projectDir) {
        Path outputModels = searchedFolder(projectDir);
        List<LogFile> found = new ArrayList<>();
        List<RunSearch.Unopened> unopened = new ArrayList<>();
        for (Path model : children(outputModels, unopened)) {
            Path runs = model.resolve(RUNS);
            if (!Files.isDirectory(runs)) {
                // A model folder that cannot be entered hides its runs folder.
                RunSearch.problemOpening(model).ifPresent(p -> unopened.add(new RunSearch.Unopened(model, p)));
                continue;
            }
            for (Path run : children(runs, unopened)) {
                boolean any = false;
                for (LogFormat format : formats) {
                    Optional<Path> log = format.logIn(run);
                    if (log.isPresent()) {
                        found.add(LogFile.of(log.get(), format));
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    RunSearch.problemOpening(run).ifPresent(p -> unopened.add(new RunSearch.Unopened(run, p)));
                }
            }
        }
        found.sort(Comparator.comparing(LogFile::modified).reversed().thenComparing(LogFile::path));
        return new RunSearch(found, unopened);
    }

    private static List<Path> children(Path folder, List<RunSearch.Unopened> unopened) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isDirectory)) {
            stream.forEach(out::add);
        } catch (IOException | RuntimeException e) {
            // An unreadable folder holds no logs we can use; the others are still listed, and
            // this one is named in the search's warning.
            unopened.add(new RunSearch.Unopened(folder, RunSearch.problem(e)));
        }
        out.sort(null);
        return out;
    }
}
