package dev.forgather.logs.cli;

import dev.forgather.logs.testing.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the repository's demo project with fixed modification times, so that "newest first"
 * is the same on every machine: a fresh clone gives all files nearly the same time.
 */
final class DemoProject {
    /** Runs from oldest to newest, with the time each log was last written (UTC). */
    static final List<String> OLDEST_FIRST = List.of(
            "tiny_gpt/runs/adamw_lr1e-3",
            "tiny_gpt/runs/adamw_lr3e-3",
            "llama_1b/runs/baseline_2026-01-20T09-00-00",
            "llama_1b/runs/diverged_lr1e-2_2026-01-21T14-30-00",
            "llama_1b/runs/killed_2026-01-22T08-15-00",
            "llama_1b/runs/resumed_2026-01-23T10-00-00");

    private DemoProject() {}

    static Path repository() {
        return Shared.repository();
    }

    static Path copyTo(Path target) {
        Path source = repository().resolve("demo");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
            Instant t = Instant.parse("2026-01-27T06:00:00Z");
            for (String run : OLDEST_FIRST) {
                Path log = target.resolve("output_models").resolve(run).resolve("trainer_logs.json");
                Files.setLastModifiedTime(log, FileTime.from(t));
                t = t.plusSeconds(3600);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
