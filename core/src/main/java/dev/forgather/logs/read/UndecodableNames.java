package dev.forgather.logs.read;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Finds a path given on the command line whose name is not valid UTF-8.
 *
 * <p>Java decodes {@code argv} with the locale's charset (the launcher forces UTF-8), so an
 * invalid byte arrives as U+FFFD and the decoded name no longer names the file: {@code runs/r\xffn}
 * became {@code runs/r\uFFFDn}, which does not exist, although {@code --all} found the run. A
 * directory entry keeps the name's own bytes, and its decoded name is decoded the same way; so each
 * such component is looked up among its folder's entries, and used when exactly one matches.
 */
final class UndecodableNames {
    private static final char REPLACEMENT = '\uFFFD';

    private UndecodableNames() {}

    /** {@code path} itself, or the one existing path whose decoded name it is. */
    static Path recover(Path path) {
        if (path.toString().indexOf(REPLACEMENT) < 0 || Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return path;
        }
        Path current = path.getRoot();
        for (Path element : path) {
            String name = element.toString();
            Path next = current == null ? element : current.resolve(element);
            if (name.indexOf(REPLACEMENT) >= 0 && !Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Path match = onlyEntryNamed(current, name);
                if (match == null) {
                    return path;
                }
                next = current == null ? match.getFileName() : current.resolve(match.getFileName());
            }
            current = next;
        }
        return current == null ? path : current;
    }

    /** The entry of {@code folder} (the working folder when null) whose decoded name is {@code name}, if exactly one. */
    private static Path onlyEntryNamed(Path folder, String name) {
        Path match = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder == null ? Path.of(".") : folder)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().equals(name)) {
                    if (match != null) {
                        return null; // two names decode alike: do not guess
                    }
                    match = entry;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return match;
    }
}
