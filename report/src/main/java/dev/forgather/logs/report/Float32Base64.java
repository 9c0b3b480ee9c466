package dev.forgather.logs.report;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Numbers as the report's script reads them: little-endian IEEE float32, in base64. */
final class Float32Base64 {
    private Float32Base64() {}

    /** {@code values} at {@code picks}, as float32 (NaN and infinities kept), base64-encoded. */
    static String encode(double[] values, int[] picks) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * picks.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : picks) {
            bytes.putFloat((float) values[i]);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** {@code values}, all of them. */
    static String encode(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putFloat((float) v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
