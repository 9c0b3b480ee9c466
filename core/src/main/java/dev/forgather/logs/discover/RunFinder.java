package dev.forgather.logs.discover;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the training logs of a project: {@code <project>/output_models/<model>/runs/<run>/<log>},
 * newest first by modification time (then by path, so the order is stable).
 */
public final class RunFinder {
    private static final String OUTPUT_MODELS = "output_models";
    private static final String RUNS = "runs";

    private final List<String> logFileNames;

    /** A finder for logs with any of these file names, e.g. {@code trainer_logs.json}. */
    public RunFinder(List<String> logFileNames) {
        this.logFileNames = List.copyOf(logFileNames);
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
        Path outputModels = searchedFolder(projectDir);
        List<LogFile> found = new ArrayList<>();
        for (Path model : children(outputModels)) {
            for (Path run : children(model.resolve(RUNS))) {
                for (String name : logFileNames) {
                    Path log = run.resolve(name);
                    Optional<BasicFileAttributes> attributes = regularFile(log);
                    if (attributes.isPresent()) {
                        found.add(new LogFile(log, Optional.of(model.getFileName().toString()),
                                run.getFileName().toString(), attributes.get().lastModifiedTime()));
                        break;
                    }
                }
            }
        }
        found.sort(Comparator.comparing(LogFile::modified).reversed().thenComparing(LogFile::path));
        return found;
    }

    /**
     * Names the run a log belongs to from its path: the parts around the last {@code runs}
     * folder, else the log's parent folder.
     */
    public static LogFile identify(Path log) {
        Path absolute = log.toAbsolutePath().normalize();
        String model = null;
        String run = null;
        int n = absolute.getNameCount();
        for (int i = n - 3; i >= 0; i--) {
            if (absolute.getName(i).toString().equals(RUNS)) {
                run = absolute.getName(i + 1).toString();
                model = i > 0 ? absolute.getName(i - 1).toString() : null;
                break;
            }
        }
        if (run == null) {
            Path parent = absolute.getParent();
            run = parent == null || parent.getFileName() == null ? absolute.toString() : parent.getFileName().toString();
        }
        FileTime time;
        try {
            time = Files.getLastModifiedTime(log);
        } catch (IOException e) {
            time = FileTime.fromMillis(0);
        }
        return new LogFile(log, Optional.ofNullable(model), run, time);
    }

    private static List<Path> children(Path folder) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isDirectory)) {
            stream.forEach(out::add);
        } catch (IOException | RuntimeException e) {
            // An unreadable folder holds no logs we can use; the others are still listed.
        }
        out.sort(null);
        return out;
    }

    private static Optional<BasicFileAttributes> regularFile(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(attributes) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
