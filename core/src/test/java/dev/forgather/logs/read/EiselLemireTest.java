package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.Series;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner's conversion of the digits it has read to a double must give what
 * {@link Double#parseDouble} gives, bit for bit, whenever it decides at all.
 */
class EiselLemireTest {
    private long decided;

    /** Checks {@code w * 10^q}; counts the cases the method decided. */
    private void check(long w, int q, boolean negative) {
        double got = EiselLemire.toDouble(w, q, negative);
        if (Double.isNaN(got)) {
            return;
        }
        decided++;
        String text = (negative ? "-" : "") + w + "e" + q;
        assertThat(Double.doubleToRawLongBits(got))
                .as(text)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    private void check(BigDecimal decimal) {
        BigDecimal d = decimal.stripTrailingZeros();
        if (d.signum() > 0 && d.precision() <= 18) {
            check(d.unscaledValue().longValueExact(), -d.scale(), false);
        }
    }

    @Test
    void randomDoublesInTheirShortestAndSeventeenDigitForms() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 40_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
            if (!Double.isFinite(d) || d == 0) {
                continue;
            }
            check(new BigDecimal(Double.toString(d)));
            check(new BigDecimal(String.format(Locale.ROOT, "%.16e", d)));
        }
        assertThat(decided).isGreaterThan(75_000);
    }

    @Test
    void randomSignificandsAndPowers() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 80_000; i++) {
            long w = random.nextLong(1, 1_000_000_000_000_000_000L) / (long) Math.pow(10, random.nextInt(18));
            check(w, random.nextInt(-360, 330), random.nextBoolean());
            check(w, random.nextInt(-30, 30), false);
            // The trainer's losses: 17 digits, 1.xxx.
            check(random.nextLong(10_000_000_000_000_000L, 99_999_999_999_999_999L), -16, false);
        }
        for (long w = 1; w < 200; w++) {
            for (int q = -345; q <= 310; q++) {
                check(w, q, false);
            }
        }
        assertThat(decided).isGreaterThan(250_000);
    }

    /** Decimals exactly halfway between two doubles round to the even one. */
    @Test
    void halfwayCasesRoundToEven() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            long m = random.nextLong(1L << 52, 1L << 53);
            int e = random.nextInt(-3, 12);
            BigDecimal half = new BigDecimal(2 * m + 1);
            half = e >= 0
                    ? half.multiply(BigDecimal.valueOf(2).pow(e))
                    : half.divide(BigDecimal.valueOf(2).pow(-e));
            check(half);
        }
        check(9007199254740993L, 0, false);
        check(9007199254740995L, 0, false);
        assertThat(decided).isGreaterThan(4_000);
    }

    /** The edges it leaves to the general parser: subnormal, infinite, no digits. */
    @Test
    void leavesSubnormalsAndOverflowToTheGeneralParser() {
        assertThat(EiselLemire.toDouble(49, -325, false)).isNaN();
        assertThat(EiselLemire.toDouble(2, 308, false)).isNaN();
        assertThat(EiselLemire.toDouble(0, 0, false)).isNaN();
        assertThat(EiselLemire.toDouble(1, -343, false)).isNaN();
        assertThat(EiselLemire.toDouble(1, 309, false)).isNaN();
        check(22250738585072014L, -324, false);
        check(17976931348623157L, 292, false);
    }

    /** Through the reader: every 17-digit value of a log reads as Double.parseDouble reads its text. */
    @Test
    void aLogOfSeventeenDigitValuesReadsExactly(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<String> texts = new ArrayList<>();
        StringBuilder json = new StringBuilder("[\n");
        for (int step = 1; step <= 5_000; step++) {
            String loss = Double.toString(1 + random.nextDouble());
            String lr = String.format(Locale.ROOT, "%.16e", random.nextDouble() * 1e-3);
            texts.add(loss);
            texts.add(lr);
            json.append(step == 1 ? "" : ",\n")
                    .append("{\"global_step\": ")
                    .append(step)
                    .append(", \"loss\": ")
                    .append(loss)
                    .append(", \"learning_rate\": ")
                    .append(lr)
                    .append("}");
        }
        json.append("\n]\n");
        Path file = dir.resolve("trainer_logs.json");
        Files.writeString(file, json);
        var log = TrainingLogs.load(file);
        Series loss = log.series("loss");
        Series lr = log.series("learning_rate");
        assertThat(loss.size()).isEqualTo(5_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(loss.value(i)).as(texts.get(2 * i)).isEqualTo(Double.parseDouble(texts.get(2 * i)));
            assertThat(lr.value(i)).as(texts.get(2 * i + 1)).isEqualTo(Double.parseDouble(texts.get(2 * i + 1)));
        }
    }
}
