package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole outputs compared with reviewed files in {@code src/test/resources/golden/}. Run with
 * {@code -Dgolden.update=true} to rewrite them from the code, then review the diff against SPEC.
 */
final class Golden {
    private Golden() {
    }

    static void assertMatches(String name, String actual) {
        Path file = DemoProject.repository().resolve("cli/src/test/resources/golden").resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", name).exists();
            assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
