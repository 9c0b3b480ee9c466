package dev.forgather.logs.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One scratch folder per fuzz test class; each execution overwrites the file it reads. */
final class FuzzFiles {
    private final Path dir;

    FuzzFiles(String name) {
        try {
            dir = Files.createTempDirectory(name).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir.toFile().deleteOnExit();
    }

    Path dir() {
        return dir;
    }

    /** Writes {@code data} to {@code relative} under the folder, creating its parents. */
    Path write(String relative, byte[] data) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
        return file;
    }
}
