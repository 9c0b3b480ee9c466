package dev.forgather.logs.discover;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the training logs of a project: {@code <project>/output_models/<model>/runs/<run>/<log>},
 * newest first by modification time (then by path, so the order is stable).
 */
public final class RunFinder {
    private static final String OUTPUT_MODELS = "output_models";
    private static final String RUNS = "runs";

    private final Map<String, String> formatsByFileName;

    /**
     * A finder for run folders holding a log with one of these file names, mapped to their
     * format; when a run folder holds several, the first in the map's order is the run's log
     * (a Forgather run's {@code trainer_state.json} is the same run as its {@code trainer_logs.json}).
     */
    public RunFinder(Map<String, String> formatsByFileName) {
        this.formatsByFileName = new LinkedHashMap<>(formatsByFileName);
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
                for (Map.Entry<String, String> name : formatsByFileName.entrySet()) {
                    Path log = run.resolve(name.getKey());
                    Optional<BasicFileAttributes> attributes = regularFile(log);
                    if (attributes.isPresent()) {
                        found.add(new LogFile(log, Optional.of(model.getFileName().toString()),
                                run.getFileName().toString(), attributes.get().lastModifiedTime(),
                                Optional.of(name.getValue())));
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
        return new LogFile(log, Optional.ofNullable(model), run, time, Optional.empty());
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
