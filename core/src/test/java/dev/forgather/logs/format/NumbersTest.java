package dev.forgather.logs.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void lossesHaveFourDecimalsRoundedLikePython() {
        assertThat(Numbers.loss(1.4422)).isEqualTo("1.4422");
        assertThat(Numbers.loss(1.73381537)).isEqualTo("1.7338");
        // 2.675 is stored as 2.67499999...: Python prints 2.67, String.format("%.2f") prints 2.68.
        assertThat(Numbers.fixed(2.675, 2)).isEqualTo("2.67");
        // 0.125 is exact: halves go to even.
        assertThat(Numbers.fixed(0.125, 2)).isEqualTo("0.12");
        assertThat(Numbers.loss(0)).isEqualTo("0.0000");
        assertThat(Numbers.loss(-0.00001)).isEqualTo("-0.0000");
    }

    @Test
    void nonFiniteValuesPrintAsPythonDoes() {
        assertThat(Numbers.loss(Double.NaN)).isEqualTo("nan");
        assertThat(Numbers.loss(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(Numbers.learningRate(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void learningRatesSwitchToScientificBelowOneInTenThousand() {
        assertThat(Numbers.learningRate(0.000282)).isEqualTo("0.000282");
        assertThat(Numbers.learningRate(0.0014)).isEqualTo("0.001400");
        assertThat(Numbers.learningRate(1e-4)).isEqualTo("0.000100");
        assertThat(Numbers.learningRate(0)).isEqualTo("0.000000");
        assertThat(Numbers.learningRate(1.2588775841204659e-09)).isEqualTo("1.26e-09");
        assertThat(Numbers.learningRate(8.999999999999999e-05)).isEqualTo("9.00e-05");
        assertThat(Numbers.learningRate(1e-9)).isEqualTo("1.00e-09");
        assertThat(Numbers.learningRate(9.996e-5)).isEqualTo("1.00e-04");
        assertThat(Numbers.learningRate(-3e-7)).isEqualTo("-3.00e-07");
    }

    @Test
    void clockTruncatesToWholeSecondsAndShowsHoursFromOneHour() {
        assertThat(Numbers.clock(148.79)).isEqualTo("02:28");
        assertThat(Numbers.clock(141.48)).isEqualTo("02:21");
        assertThat(Numbers.clock(59.999)).isEqualTo("00:59");
        assertThat(Numbers.clock(3599.9)).isEqualTo("59:59");
        assertThat(Numbers.clock(3600)).isEqualTo("1:00:00");
        assertThat(Numbers.clock(90061)).isEqualTo("25:01:01");
    }

    @Test
    void reprMatchesPythonJsonDumps() {
        assertThat(Numbers.repr(0.00027)).isEqualTo("0.00027");
        assertThat(Numbers.repr(3.776632752361397e-09)).isEqualTo("3.776632752361397e-09");
        assertThat(Numbers.repr(1.0)).isEqualTo("1.0");
        assertThat(Numbers.repr(18.837)).isEqualTo("18.837");
        assertThat(Numbers.repr(1e16)).isEqualTo("1e+16");
        assertThat(Numbers.repr(14627635200000.0)).isEqualTo("14627635200000.0");
        assertThat(Numbers.repr(-0.5)).isEqualTo("-0.5");
        assertThat(Numbers.repr(1e-05)).isEqualTo("1e-05");
    }

    @Test
    void countsPrintWithoutDecimalsWhenWhole() {
        assertThat(Numbers.count(64)).isEqualTo("64");
        assertThat(Numbers.count(211904)).isEqualTo("211904");
        assertThat(Numbers.count(2.5)).isEqualTo("2.5");
    }

    @Test
    void theFastPathRoundsExactlyAsTheExactBinaryValueDoes() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble() * 10;
                case 1 -> random.nextGaussian() * 1e4;
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1e4 + 0.00005; // near ties at 4 decimals
                default -> random.nextDouble() * Math.pow(10, random.nextInt(12) - 6);
            };
            for (int decimals : new int[] {0, 1, 2, 4, 6}) {
                String exact = new java.math.BigDecimal(value)
                        .setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                        .abs()
                        .toPlainString();
                String expected = (value < 0 ? "-" : "") + exact;
                assertThat(Numbers.fixed(value, decimals))
                        .as("%s with %d decimals", value, decimals)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void reprOfTimesRatesAndExtremesIsPythons() {
        assertThat(Numbers.repr(9.333333333333333e-09)).isEqualTo("9.333333333333333e-09");
        assertThat(Numbers.repr(0.0001)).isEqualTo("0.0001");
        assertThat(Numbers.repr(3)).isEqualTo("3.0");
        assertThat(Numbers.repr(1769495115.042154)).isEqualTo("1769495115.042154");
        assertThat(Numbers.repr(-2.5e-300)).isEqualTo("-2.5e-300");
        assertThat(Numbers.repr(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void reprAgreesWithPythonsLayoutOfTheExactShortestDigitsAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (i % 2 == 0) {
                // Also the ranges logs hold: times, rates, losses.
                value = Math.scalb(random.nextDouble(), random.nextInt(-40, 60)) * (random.nextBoolean() ? 1 : -1);
            }
            if (Double.isFinite(value) && value != 0) {
                assertThat(Numbers.repr(value)).as("%s", value).isEqualTo(pythonRepr(value));
            }
        }
    }

    /** Python's repr layout, the slow obvious way: the shortest digits as a BigDecimal, laid out. */
    private static String pythonRepr(double value) {
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = exact.precision() - exact.scale() - 1;
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = Integer.toString(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
