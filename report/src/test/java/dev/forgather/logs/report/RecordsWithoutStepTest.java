package dev.forgather.logs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.TrainingLog;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's charts give a record without {@code global_step} no step, as plot does: its x on
 * the step axis is NaN (which the script leaves out), never the step before it; a trace with no
 * step at all has no step column.
 */
class RecordsWithoutStepTest {
    @TempDir
    Path tmp;

    /** Steps 10 and 30, and between them a record without one (kept at 10, as a place). */
    static TrainingLog mixed(Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("output_models/m/runs/somesteps"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 60.0, "global_step": 10, "epoch": 0.1, "loss": 3.0},
                {"timestamp": 120.0, "epoch": 0.2, "loss": 1.0},
                {"timestamp": 180.0, "global_step": 30, "epoch": 0.3, "loss": 2.0}
                ]
                """);
        return TrainingLogs.load(run);
    }

    /** No record with a step. */
    static TrainingLog noSteps(Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("output_models/m/runs/nostep"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 60.0, "epoch": 0.1, "loss": 3.0},
                {"timestamp": 120.0, "epoch": 0.2, "loss": 2.0},
                {"timestamp": 180.0, "epoch": 0.3, "loss": 2.5}
                ]
                """);
        return TrainingLogs.load(run);
    }

    private static JsonNode chartData(String html) throws Exception {
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>")
                .matcher(html);
        assertThat(data.find()).isTrue();
        return new ObjectMapper().readTree(data.group(1));
    }

    private static List<Float> floats(JsonNode column) {
        ByteBuffer bytes =
                ByteBuffer.wrap(Base64.getDecoder().decode(column.asText())).order(ByteOrder.LITTLE_ENDIAN);
        List<Float> out = new ArrayList<>();
        while (bytes.hasRemaining()) {
            out.add(bytes.getFloat());
        }
        return out;
    }

    @Test
    void aRecordWithoutAStepHasNoStepOnTheStepAxisButKeepsItsEpochAndTime() throws Exception {
        JsonNode data = chartData(HtmlReport.render(ReportInput.of(List.of(mixed(tmp), noSteps(tmp)))));
        JsonNode loss = data.get("metrics").get(0);
        assertThat(loss.get("name").asText()).isEqualTo("loss");
        JsonNode mixedLevel = loss.get("traces").get(0).get("levels").get(0);
        assertThat(floats(mixedLevel.get("step"))).containsExactly(10f, Float.NaN, 30f);
        assertThat(floats(mixedLevel.get("epoch"))).containsExactly(0.1f, 0.2f, 0.3f);
        assertThat(floats(mixedLevel.get("time"))).containsExactly(0f, 1f, 2f);
        assertThat(floats(mixedLevel.get("y"))).containsExactly(3f, 1f, 2f);
        // The run without steps: no step column at all, as for a run without epochs.
        JsonNode noStepLevel = loss.get("traces").get(1).get("levels").get(0);
        assertThat(noStepLevel.get("step").isNull()).isTrue();
        assertThat(floats(noStepLevel.get("time"))).containsExactly(0f, 1f, 2f);
    }

    @Test
    void aFindingIsPlacedOnTheOtherAxesOnlyByARecordThatGaveItsStep() throws Exception {
        // Step 10 logged an evaluation; the loss after it gave no step (kept at 10, as a place).
        Path run = Files.createDirectories(tmp.resolve("output_models/m/runs/marked"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 60.0, "global_step": 10, "epoch": 0.1, "eval_loss": 2.0},
                {"timestamp": 120.0, "epoch": 0.2, "loss": 1.0},
                {"timestamp": 180.0, "global_step": 20, "epoch": 0.3, "loss": 0.9},
                {"timestamp": 240.0, "global_step": 30, "epoch": 0.4, "loss": 0.8}
                ]
                """);
        ReportInput input = ReportInput.of(List.of(TrainingLogs.load(run)))
                .withChecks(List.of(new RunCheck(
                        "warning",
                        List.of(
                                new Finding("warning", "test", Optional.of("loss"), OptionalLong.of(10), "at 10"),
                                new Finding("warning", "test", Optional.of("loss"), OptionalLong.of(20), "at 20")))));
        JsonNode markers = chartData(HtmlReport.render(input)).get("markers");
        // No loss was logged at step 10: the marker has its step, but no epoch or time to stand at.
        assertThat(markers.get(0).get("step").asLong()).isEqualTo(10);
        assertThat(markers.get(0).get("epoch").isNull()).isTrue();
        assertThat(markers.get(0).get("time").isNull()).isTrue();
        assertThat(markers.get(1).get("step").asLong()).isEqualTo(20);
        assertThat(markers.get(1).get("epoch").asDouble()).isEqualTo(0.3);
        assertThat(markers.get(1).get("time").asDouble()).isEqualTo(2.0);
    }
}
