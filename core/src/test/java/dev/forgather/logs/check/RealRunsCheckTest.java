package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every detector over the real runs of ../shared/samples and ../shared/real-world. Each finding on
 * them was reviewed; the ones below are right, and every other run is healthy.
 */
class RealRunsCheckTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);

    /** Findings by run path (relative to the shared folder), as "detector severity metric first-last". */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            // PROVENANCE.md: "steps 90-99 written twice" by the tensorboard-reducer test data generator.
            "real-world/tensorboard/tbreducer-dup-steps/run_1", List.of("rollback info global_step 90-99"));

    private static Map<String, List<String>> findingsUnder(String folder) throws LogReadException {
        Path root = Samples.shared().resolve(folder);
        assumeTrue(Files.isDirectory(root), "no " + root);
        Map<String, List<String>> out = new TreeMap<>();
        for (LogFile file : TrainingLogs.find(root)) {
            TrainingLog log;
            try {
                log = TrainingLogs.load(file.path());
            } catch (LogReadException e) {
                // Only the Git LFS pointer files (no event data at all) may fail to load.
                assertThat(e.getMessage()).as(file.path().toString()).contains("hf-runs-lfs-pointers");
                continue;
            }
            List<String> found = new ArrayList<>();
            for (Finding f : Checks.run(log, Checks.standard(), CLOCK).findings()) {
                found.add(f.detector() + " " + f.severity().label() + " "
                        + f.metric().orElse("-") + " " + f.firstStep().orElse(-1) + "-"
                        + f.lastStep().orElse(-1));
            }
            out.put(
                    Samples.shared()
                            .relativize(log.path().toAbsolutePath().normalize())
                            .toString(),
                    found);
        }
        return out;
    }

    @Test
    void theTwoRealSampleRunsAndTheOtherFormatsOfThemAreHealthy() throws LogReadException {
        Map<String, List<String>> found = findingsUnder("samples");
        assertThat(found).hasSizeGreaterThanOrEqualTo(4);
        assertThat(found)
                .containsEntry(
                        "samples/forgather_project/output_models/tiny_gpt/runs/adamw_lr1e-3/trainer_logs.json",
                        List.of());
        assertThat(found)
                .containsEntry(
                        "samples/forgather_project/output_models/tiny_gpt/runs/adamw_lr3e-3/trainer_logs.json",
                        List.of());
        assertThat(found)
                .allSatisfy((run, findings) -> assertThat(findings).as(run).isEmpty());
    }

    @Test
    void realWorldRunsHaveOnlyTheReviewedFindings() throws LogReadException {
        Map<String, List<String>> found = findingsUnder("real-world");
        assertThat(found).hasSizeGreaterThanOrEqualTo(9);
        assertThat(found)
                .allSatisfy((run, findings) ->
                        assertThat(findings).as(run).isEqualTo(EXPECTED.getOrDefault(run, List.of())));
        assertThat(found).containsKeys(EXPECTED.keySet().toArray(String[]::new));
    }
}
