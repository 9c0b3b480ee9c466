package dev.forgather.logs.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.format.Numbers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumberTextTest {
    @Test
    void writesAsPythonsReprDoes() {
        assertThat(NumberText.of(1e-05)).isEqualTo("1e-05");
        assertThat(NumberText.of(9.333333333333333e-09)).isEqualTo("9.333333333333333e-09");
        assertThat(NumberText.of(0.0001)).isEqualTo("0.0001");
        assertThat(NumberText.of(0.00027)).isEqualTo("0.00027");
        assertThat(NumberText.of(3)).isEqualTo("3.0");
        assertThat(NumberText.of(1769495115.042154)).isEqualTo("1769495115.042154");
        assertThat(NumberText.of(14627635200000.0)).isEqualTo("14627635200000.0");
        assertThat(NumberText.of(1e16)).isEqualTo("1e+16");
        assertThat(NumberText.of(-2.5e-300)).isEqualTo("-2.5e-300");
        assertThat(NumberText.of(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void agreesWithNumbersReprAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (i % 2 == 0) {
                // Also the ranges logs hold: times, rates, losses.
                value = Math.scalb(random.nextDouble(), random.nextInt(-40, 60)) * (random.nextBoolean() ? 1 : -1);
            }
            if (Double.isFinite(value) && value != 0) {
                assertThat(NumberText.of(value)).as("%s", value).isEqualTo(Numbers.repr(value));
            }
        }
    }
}
