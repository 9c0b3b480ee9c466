package dev.forgather.logs.discover;

import dev.forgather.logs.read.LogFormat;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Searches any folder for training runs of every format, each run listed once, newest first (then
 * by path). Where {@link RunFinder} knows a Forgather project's layout, this walks the tree and
 * asks each {@link LogFormat} which runs a folder holds ({@link LogFormat#runsIn}); what a run is
 * (one folder of event files however many a restart left; a Hugging Face run's newest checkpoint,
 * not every checkpoint) is the format's to say.
 *
 * <p>Hidden folders (MLflow's {@code .trash} among them), {@code node_modules} and
 * {@code __pycache__} are not searched, nor anything below {@link #MAX_DEPTH} levels or inside a
 * folder a format says ends the search (an MLflow run's own files); symbolic links are not
 * followed, so a link loop cannot trap the search. Unreadable folders are passed over.
 */
public final class RunScanner {
    /** How deep below the given folder runs are looked for. */
    public static final int MAX_DEPTH = 8;

    private final List<LogFormat> formats;

    /** A scanner for {@code formats}. */
    public RunScanner(List<LogFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** A scanner for every format. */
    public RunScanner() {
        this(List.of(LogFormat.values()));
    }

    /** Every run under {@code folder} (the folder itself included), newest first; empty when none. */
    public List<LogFile> scan(Path folder) {
        return search(folder).runs();
    }

    /** Every run under {@code folder}, newest first, and the folders below it that could not be opened. */
    public RunSearch search(Path folder) {
        List<LogFile> found = new ArrayList<>();
        List<RunSearch.Unopened> unopened = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new RunSearch(found, unopened);
        }
        try {
            Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(folder) && isSkipped(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return visit(folder, dir, found);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unopened.add(new RunSearch.Unopened(file, RunSearch.problem(e)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        unopened.add(new RunSearch.Unopened(dir, RunSearch.problem(e)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // walkFileTree reports unreadable folders to visitFileFailed; nothing else is expected.
        }
        found.sort(Comparator.comparing(LogFile::modified).reversed().thenComparing(LogFile::path));
        return new RunSearch(found, unopened);
    }

    /**
     * {@code run} as {@link RunFinder} shows a Forgather run: under the searched folder as given,
     * normalised, so that {@code -p .} lists {@code tensorboard/a}, not {@code ./tensorboard/a},
     * and every format's path reads the same way.
     */
    private static Path asFound(Path folder, Path run) {
        return folder.normalize().resolve(folder.relativize(run)).normalize();
    }

    private static boolean isSkipped(Path dir) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.startsWith(".") || name.equals("node_modules") || name.equals("__pycache__");
    }

    private FileVisitResult visit(Path folder, Path dir, List<LogFile> found) {
        boolean ends = false;
        for (LogFormat format : formats) {
            for (Path run : format.runsIn(dir)) {
                found.add(LogFile.of(asFound(folder, run), format));
            }
            ends |= format.endsSearch(dir);
        }
        return ends ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }
}
