package dev.forgather.logs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole outputs compared with reviewed files in a module's {@code src/test/resources/golden/}.
 * Run with {@code -Dgolden.update=true} to rewrite them from the code, then review the diff line by
 * line against SPEC before committing.
 */
public final class Golden {
    private final Path folder;

    private Golden(Path folder) {
        this.folder = folder;
    }

    /** The golden files of {@code module} (e.g. {@code cli}). */
    public static Golden of(String module) {
        return new Golden(Shared.repository().resolve(module).resolve("src/test/resources/golden"));
    }

    /** Asserts that {@code actual} equals the golden file {@code name}, or rewrites it on request. */
    public void assertMatches(String name, String actual) {
        Path file = folder.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file)
                    .as("golden file %s (create it with -Dgolden.update=true)", name)
                    .exists();
            assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
