package dev.forgather.logs.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE's rule that dependencies point down: the model, at the bottom, imports no other package of ours. */
class ModelDependenciesTest {
    @Test
    void modelImportsNothingOfOursOutsideTheModel() throws IOException {
        Path model = Shared.repository().resolve("core/src/main/java/dev/forgather/logs/model");
        List<String> upward = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.list(model)) {
            for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
                files++;
                for (String line : Files.readAllLines(source)) {
                    if (line.startsWith("import dev.forgather.logs.")
                            && !line.startsWith("import dev.forgather.logs.model.")) {
                        upward.add(source.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertThat(files).as("model sources found").isGreaterThan(10);
        assertThat(upward).isEmpty();
    }
}
