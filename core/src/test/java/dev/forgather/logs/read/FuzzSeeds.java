package dev.forgather.logs.read;

import dev.forgather.logs.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The seed corpus of the fuzz tests: the real logs in {@code ../shared/samples} and
 * {@code ../shared/real-world}, read where they are at test time (never copied into the
 * repository). In a regression run each is one test case; when fuzzing, Jazzer starts from them.
 */
final class FuzzSeeds {
    private FuzzSeeds() {}

    /** Every shared file whose name passes {@code name}, as a named {@code byte[]} argument. */
    static Stream<Arguments> files(Predicate<String> name) {
        return paths(name).stream().map(p -> Arguments.of(Named.of(label(p), read(p))));
    }

    static List<Path> paths(Predicate<String> name) {
        Path shared = Samples.shared();
        try (Stream<Path> walk =
                Stream.concat(Files.walk(shared.resolve("samples")), Files.walk(shared.resolve("real-world")))) {
            List<Path> found = walk.filter(Files::isRegularFile)
                    .filter(p -> name.test(p.getFileName().toString()))
                    .sorted()
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no seed files in " + shared);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String label(Path p) {
        return Samples.shared().relativize(p).toString();
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
