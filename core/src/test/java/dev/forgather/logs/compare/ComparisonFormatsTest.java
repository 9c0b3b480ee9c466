package dev.forgather.logs.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparisonFormatsTest {
    private static Comparison samples(CompareOptions options) throws LogReadException {
        return Comparison.of(
                TrainingLogs.load(Samples.run("adamw_lr1e-3")),
                List.of(
                        TrainingLogs.load(Samples.run("adamw_lr3e-3")),
                        TrainingLogs.load(Samples.shared().resolve("samples/lightning/tiny_gpt/version_0"))),
                options);
    }

    @Test
    void onATerminalABetterDeltaIsGreenAndAWorseOneRed() throws LogReadException {
        Comparison c = samples(CompareOptions.defaults());
        String plain = ComparisonFormat.TEXT.formatter().format(c, false);
        String coloured = ComparisonFormat.TEXT.formatter().format(c, true);
        assertThat(plain).doesNotContain("\u001b");
        assertThat(coloured).contains("\u001b[32m-12.91%\u001b[0m").contains("\u001b[31m +0.92%\u001b[0m");
        // The baseline's own 0.00% stays plain, and without the escapes the table is the same.
        assertThat(coloured.lines()
                        .filter(l -> l.startsWith("adamw_lr1e-3"))
                        .findFirst()
                        .orElseThrow())
                .doesNotContain("\u001b");
        assertThat(coloured.replaceAll("\u001b\\[[0-9]+m", "")).isEqualTo(plain);
    }

    @Test
    void aMaximisedMetricIsBetterHigh() throws LogReadException {
        // grad_norm: lr3e-3's final is lower than the baseline's, which is worse when higher is better.
        Comparison c = samples(CompareOptions.defaults().withMaximized(Set.of("grad_norm")));
        MetricComparison gradNorm = c.rows().get(1).metric("grad_norm");
        assertThat(gradNorm.delta().getAsDouble()).isNegative();
        String pct = ComparisonTable.percent(gradNorm.deltaPct());
        assertThat(ComparisonFormat.TEXT.formatter().format(c, true)).contains("\u001b[31m" + pct + "\u001b[0m");
    }

    @Test
    void markdownAndCsvHaveARowPerRunAndNoColour() throws LogReadException {
        Comparison c = samples(CompareOptions.defaults());
        String md = ComparisonFormat.MARKDOWN.formatter().format(c, true);
        assertThat(md.lines()).hasSize(2 + 3);
        assertThat(md).doesNotContain("\u001b");
        String csv = ComparisonFormat.CSV.formatter().format(c, true);
        assertThat(csv.lines()).hasSize(1 + 3);
        assertThat(csv).doesNotContain("\u001b").doesNotContain("—");
    }

    @Test
    void numbersInCellsFollowOneRuleEach() {
        assertThat(ComparisonTable.percent(java.util.OptionalDouble.of(-12.905)))
                .as("the binary -12.90499...")
                .isEqualTo("-12.90%");
        assertThat(ComparisonTable.percent(java.util.OptionalDouble.of(0.5))).isEqualTo("+0.50%");
        assertThat(ComparisonTable.percent(java.util.OptionalDouble.of(0))).isEqualTo("0.00%");
        assertThat(ComparisonTable.percent(java.util.OptionalDouble.empty())).isEqualTo("—");
        assertThat(ComparisonTable.duration(java.util.OptionalDouble.of(9.22))).isEqualTo("9.2s");
        assertThat(ComparisonTable.duration(java.util.OptionalDouble.of(3725))).isEqualTo("1:02:05");
        assertThat(ComparisonTable.step(java.util.OptionalDouble.of(933.3333))).isEqualTo("933.3");
        assertThat(ComparisonTable.value("eval_loss", java.util.OptionalDouble.of(3.2e-5)))
                .isEqualTo("3.20e-05");
        assertThat(ComparisonTable.value("learning_rate", java.util.OptionalDouble.of(0.0014)))
                .isEqualTo("0.001400");
        assertThat(ComparisonTable.times(java.util.OptionalDouble.of(1.1737))).isEqualTo("1.17×");
    }
}
