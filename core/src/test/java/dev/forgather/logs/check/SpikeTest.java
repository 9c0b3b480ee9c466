package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SpikeTest {
    private static List<Finding> spikes(double... losses) {
        return Spike.defaults().check(LogMaker.closed(LogMaker.losses(losses)));
    }

    private static List<Finding> divergences(double... losses) {
        return Divergence.defaults().check(LogMaker.closed(LogMaker.losses(losses)));
    }

    /** Steps are 10 times the 1-based record number in {@link LogMaker#losses}. */
    private static long stepOf(int index) {
        return (index + 1) * 10L;
    }

    @Test
    void aSpikeIsFoundAtItsStepAndTheSameSeriesWithoutItIsSilent() {
        double[] quiet = LogMaker.noisy(300, 2.0, 0.02, 1);
        assertThat(spikes(quiet)).isEmpty();
        double[] spiky = quiet.clone();
        spiky[200] = 5.0;
        List<Finding> found = spikes(spiky);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.detector()).isEqualTo("spike");
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.metric()).contains("loss");
        assertThat(f.firstStep()).isEqualTo(OptionalLong.of(stepOf(200)));
        assertThat(f.lastStep()).isEqualTo(OptionalLong.of(stepOf(200)));
        assertThat(f.value()).isEqualTo(5.0);
        assertThat(f.threshold()).hasValue(6.0);
        assertThat(f.message())
                .matches("spike in loss: 5 is \\d+\\.\\d robust z above the median of the previous"
                        + " 128 records; recovered after 1 record");
    }

    @Test
    void consecutiveSpikingValuesAreOneFindingOverTheirSteps() {
        double[] v = LogMaker.noisy(300, 2.0, 0.02, 2);
        v[150] = 6;
        v[151] = 7;
        v[152] = 5;
        List<Finding> found = spikes(v);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).firstStep()).isEqualTo(OptionalLong.of(stepOf(150)));
        assertThat(found.get(0).lastStep()).isEqualTo(OptionalLong.of(stepOf(152)));
        assertThat(found.get(0).value()).isEqualTo(6);
    }

    @Test
    void aSpikeDoesNotRaiseTheBarForTheNextOne() {
        double[] v = LogMaker.noisy(300, 2.0, 0.02, 3);
        for (int i = 100; i < 300; i += 10) {
            v[i] = 4.0;
        }
        // A mean and standard deviation fed these spikes would stop seeing them; the median does not.
        assertThat(spikes(v)).hasSize(20);
    }

    @Test
    void aBlipOnAVeryQuietSeriesIsNoAlarmWhenBelowTheRatio() {
        double[] v = LogMaker.noisy(300, 2.0, 0.0001, 4);
        v[200] = 2.3; // a huge robust z, but only 1.15 times the median
        assertThat(spikes(v)).isEmpty();
        v[200] = 2.5; // 1.25 times
        assertThat(spikes(v)).hasSize(1);
    }

    @Test
    void withAMadOfZeroTheRatioAloneDecides() {
        double[] v = new double[200];
        java.util.Arrays.fill(v, 1.0);
        v[100] = 1.19;
        assertThat(spikes(v)).isEmpty();
        v[100] = 1.2;
        List<Finding> found = spikes(v);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message())
                .isEqualTo("spike in loss: 1.2 is 1.2x the median of the previous 100 records,"
                        + " which did not vary; recovered after 1 record");
    }

    @Test
    void judgedFromThe21stValueOrThe11thInASeriesShorterThanTheWindow() {
        double[] longRun = LogMaker.noisy(200, 2.0, 0.02, 5);
        longRun[19] = 9;
        assertThat(spikes(longRun)).isEmpty();
        longRun[19] = longRun[18];
        longRun[20] = 9;
        assertThat(spikes(longRun)).extracting(f -> f.firstStep().getAsLong()).containsExactly(stepOf(20));

        double[] shortRun = LogMaker.noisy(75, 2.0, 0.02, 6);
        shortRun[9] = 9;
        assertThat(spikes(shortRun)).isEmpty();
        shortRun[9] = shortRun[8];
        shortRun[10] = 9;
        assertThat(spikes(shortRun)).extracting(f -> f.firstStep().getAsLong()).containsExactly(stepOf(10));
    }

    @Test
    void aSlowRecoveryIsSaidSo() {
        double[] v = LogMaker.noisy(400, 2.0, 0.02, 7);
        v[100] = 8;
        for (int i = 101; i < 250; i++) {
            v[i] = 2.3; // under 1.2x the median, so no spike; above 1.1x, so not recovered
        }
        List<Finding> found = spikes(v);
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).message()).endsWith("recovered slowly, after 150 records");
    }

    @Test
    void aSpikeNotBackByTheEndOfAShortTailIsAWarningNotYetRecovered() {
        double[] v = LogMaker.noisy(200, 2.0, 0.02, 8);
        for (int i = 150; i < 200; i++) {
            v[i] = 3.0;
        }
        List<Finding> found = spikes(v);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).firstStep()).isEqualTo(OptionalLong.of(stepOf(150)));
        assertThat(found.get(0).lastStep()).isEqualTo(OptionalLong.of(stepOf(199)));
        assertThat(found.get(0).message())
                .startsWith("spike in loss, not yet recovered: 3 is ")
                .endsWith("; not back within 1.1x that median by the end of the log, 49 records later");
        assertThat(divergences(v)).isEmpty();
    }

    @Test
    void aSpikeThatNeverRecoversIsADivergenceNamingIt() {
        double[] v = LogMaker.noisy(400, 2.0, 0.02, 9);
        v[150] = 9;
        for (int i = 151; i < 400; i++) {
            v[i] = 2.4 + 0.01 * (i % 3); // down from the spike, never back within 1.1x of 2
        }
        assertThat(spikes(v)).isEmpty();
        List<Finding> found = divergences(v);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.detector()).isEqualTo("divergence");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.firstStep()).isEqualTo(OptionalLong.of(stepOf(150)));
        assertThat(f.lastStep()).isEqualTo(OptionalLong.of(stepOf(399)));
        assertThat(f.value()).isEqualTo(9);
        assertThat(f.message())
                .matches("divergence in loss: a spike that never recovered: 9 is \\d+\\.\\d robust z above"
                        + " the median of the previous 128 records, and the loss never came back within 1.1x that median"
                        + " \\((2\\.0\\d|1\\.9\\d)\\)");
    }

    @Test
    void gradNormIsJudgedToo() {
        TrainingLog log;
        LogMaker maker = new LogMaker();
        double[] grad = LogMaker.noisy(100, 0.4, 0.05, 10);
        grad[60] = 6.0;
        for (int i = 0; i < 100; i++) {
            maker.train((i + 1) * 10L, "loss", 2.0, "grad_norm", grad[i]);
        }
        log = maker.build();
        List<Finding> found = Spike.defaults().check(LogMaker.closed(log));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.metric()).contains("grad_norm");
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(610));
        });
    }

    @Test
    void nanValuesAreSkippedNotJudged() {
        double[] v = LogMaker.noisy(100, 2.0, 0.02, 11);
        v[50] = Double.NaN;
        v[51] = Double.POSITIVE_INFINITY;
        assertThat(spikes(v)).isEmpty();
    }
}
