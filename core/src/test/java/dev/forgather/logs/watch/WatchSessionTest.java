package dev.forgather.logs.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.LogSnapshot;
import dev.forgather.logs.model.LogSnapshot.Change;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The session names its runs as summary and check do. */
class WatchSessionTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Assessment LIVE = new Assessment(RunStatus.LIVE, Optional.empty(), Optional.empty());

    private static TrainingLog log(Path file, RunName name) {
        TrainingLogBuilder b = new TrainingLogBuilder();
        b.beginRecord();
        b.step(1);
        b.value("loss", 2.0);
        b.endRecord();
        return b.build(file, name, LogFormat.FORGATHER);
    }

    @Test
    void runsWithTheSameNameAreNamedAsSummaryNamesThem() {
        Path a = Path.of("output_models/gpt/runs/baseline/trainer_logs.json");
        Path b = Path.of("output_models/bert/runs/baseline/trainer_logs.json");
        Path c = Path.of("output_models/bert/runs/other/trainer_logs.json");
        Map<Path, TrainingLog> logs = Map.of(
                a, log(a, RunName.of("gpt", "baseline")),
                b, log(b, RunName.of("bert", "baseline")),
                c, log(c, RunName.of("bert", "other")));
        WatchSession session = new WatchSession(
                List.of(a, b, c),
                path -> () -> new LogSnapshot(logs.get(path), Change.LOADED, 1, true, T),
                () -> (snapshot, now) -> LIVE,
                Optional.empty(),
                WatchModel.DEFAULT_METRICS,
                Clock.fixed(T, ZoneOffset.UTC));
        List<String> labels =
                session.poll().runs().stream().map(WatchedRun::label).toList();
        // Both baselines lengthened, not only the second; the one apart keeps its short name.
        assertThat(labels).containsExactly("gpt/baseline", "bert/baseline", "other");
        assertThat(labels)
                .isEqualTo(RunNames.ofLogs(List.of(logs.get(a), logs.get(b), logs.get(c)), RunNames.Form.RUN));
    }
}
