package dev.forgather.logs.read;

import java.math.BigInteger;

/**
 * The double nearest to {@code w * 10^q}, for the scanner's numbers whose significant digits it has
 * already accumulated exactly in a {@code long}: the Eisel-Lemire algorithm (Lemire, "Number Parsing
 * at a Gigabyte per Second", 2021), with the 128-bit product that Mushtak and Lemire showed always
 * suffices ("Fast Number Parsing Without Fallback", 2023). Python writes most floats with 17
 * significant digits, past the one-multiply fast path; without this the scanner copied them to a
 * {@code char[]} for Jackson's FastDoubleParser, which parsed the digits a second time.
 *
 * <p>Results that would be subnormal or infinite are not made here ({@link Double#NaN}: the caller
 * then takes the general parser), nor are powers outside {@code [-342, 308]}.
 */
final class EiselLemire {
    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** 5^q in 128 bits, its top bit set: truncated for q >= 0, rounded up for q < 0. */
    private record Power(long high, long low) {}

    /**
     * Made on first use: a log's numbers use a handful of powers, and making all 651 with BigInteger
     * would cost every start. A record's final fields make the racy publication safe.
     */
    private static final Power[] POWERS = new Power[LARGEST_POWER - SMALLEST_POWER + 1];

    private EiselLemire() {}

    /**
     * The double nearest to {@code w * 10^q} (ties to even), or NaN when this method does not
     * decide it.
     *
     * @param w the decimal significand, exact, {@code > 0}
     */
    static double toDouble(long w, int q, boolean negative) {
        if (w <= 0 || q < SMALLEST_POWER || q > LARGEST_POWER) {
            return Double.NaN;
        }
        Power power = POWERS[q - SMALLEST_POWER];
        if (power == null) {
            power = power(q);
            POWERS[q - SMALLEST_POWER] = power;
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        long low = w * power.high;
        long high = unsignedMultiplyHigh(w, power.high);
        // 64 - 52 - 3 = 9 low bits of high decide the rounding; when they are all ones, the next 64
        // bits of the power may carry into them.
        if ((high & 0x1FF) == 0x1FF) {
            long next = unsignedMultiplyHigh(w, power.low);
            low += next;
            if (Long.compareUnsigned(next, low) > 0) {
                high++;
            }
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 9;
        long mantissa = high >>> shift;
        // floor(log2(10^q)) + 63, then the binary exponent with its bias of 1023.
        int power2 = (int) ((((152170L + 65536L) * q) >> 16) + 63) + upperBit - lz + 1023;
        if (power2 <= 0) {
            return Double.NaN;
        }
        // Exactly between two doubles only if the product dropped nothing but zeros: then round to
        // even rather than up. That can only happen for these q.
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1) {
            if ((mantissa << shift) == high) {
                mantissa &= ~1L;
            }
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) {
            return Double.NaN;
        }
        long bits = mantissa | ((long) power2 << 52) | (negative ? 1L << 63 : 0L);
        return Double.longBitsToDouble(bits);
    }

    /** The high 64 bits of the unsigned 128-bit product (Java 18 has it as Math.unsignedMultiplyHigh). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static Power power(int q) {
        BigInteger value;
        if (q >= 0) {
            value = BigInteger.valueOf(5).pow(q);
            int bits = value.bitLength();
            value = bits <= 128 ? value.shiftLeft(128 - bits) : value.shiftRight(bits - 128);
        } else {
            BigInteger five = BigInteger.valueOf(5).pow(-q);
            // 5^-q is never a power of two, so 2^(z-1) < 5^-q < 2^z.
            int z = five.bitLength();
            if (q >= -27) {
                value = BigInteger.ONE.shiftLeft(z + 127).divide(five).add(BigInteger.ONE);
            } else {
                value = BigInteger.ONE.shiftLeft(2 * z + 128).divide(five).add(BigInteger.ONE);
                while (value.compareTo(TWO_128) >= 0) {
                    value = value.shiftRight(1);
                }
            }
        }
        return new Power(value.shiftRight(64).longValue(), value.and(MASK_64).longValue());
    }
}
