package dev.forgather.logs.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the TensorBoard reader twice over: any bytes as an event file (the TFRecord framing,
 * checksums, resynchronisation), and any bytes as the {@code Event} protocol buffers inside
 * correctly framed records, so that the fuzzer gets past the checksums into protobuf and scalar
 * decoding. Seeded with every real event file (Git LFS pointers included).
 */
class TensorBoardFuzzTest {
    private static final FuzzFiles FILES = new FuzzFiles("tensorboard-fuzz");
    private static final String EVENT_FILE = "run/" + TensorBoardReader.FILE_PREFIX + "1.host.1.0";

    static Stream<Arguments> realEventFiles() {
        return FuzzSeeds.files(name -> name.startsWith(TensorBoardReader.FILE_PREFIX));
    }

    /** The events of each real file, as {@link #anyEventsGiveRecordsOrOneLine} takes them. */
    static Stream<Arguments> realEvents() {
        return FuzzSeeds.paths(name -> name.startsWith(TensorBoardReader.FILE_PREFIX)).stream()
                .map(p -> Arguments.of(Named.of(FuzzSeeds.label(p), eventsOf(FuzzSeeds.read(p)))))
                .filter(a -> ((byte[]) ((Named<?>) a.get()[0]).getPayload()).length > 0);
    }

    /**
     * Every value needs a record of at least 16 bytes of framing or, inside one, 7 bytes (a
     * {@code Summary.Value} with only a {@code simple_value}): records are at most bytes / 7.
     */
    @MethodSource("realEventFiles")
    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveRecordsOrOneLine(byte[] data) {
        Path file = FILES.write(EVENT_FILE, data);
        ReadInvariant.load(file, FILES.dir(), data.length / 7);
    }

    /** {@code data} is events, each a 2-byte little-endian length and that many bytes, framed here with valid checksums. */
    @MethodSource("realEvents")
    @FuzzTest(maxDuration = "10m")
    void anyEventsGiveRecordsOrOneLine(byte[] data) {
        Path file = FILES.write(EVENT_FILE, frame(data));
        ReadInvariant.load(file, FILES.dir(), data.length / 7);
    }

    /** The events of {@code data} split as {@link #anyEventsGiveRecordsOrOneLine} says, each framed as a TFRecord. */
    static byte[] frame(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < data.length) {
            int length = pos + 1 < data.length ? (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 : 0;
            pos += 2;
            int end = Math.min(data.length, pos + length);
            byte[] event = new byte[Math.max(0, end - pos)];
            if (event.length > 0) {
                System.arraycopy(data, pos, event, 0, event.length);
            }
            pos = end;
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(event.length);
            header.putInt(EventFiles.masked(header.array(), 0, 8));
            out.writeBytes(header.array());
            out.writeBytes(event);
            out.writeBytes(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(EventFiles.masked(event, 0, event.length))
                    .array());
        }
        return out.toByteArray();
    }

    /** The payloads of the intact records of a real event file, each behind its 2-byte length (up to 64 KiB each). */
    static byte[] eventsOf(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> events = new ArrayList<>();
        int pos = 0;
        while (pos + 16 <= file.length) {
            long length = in.getLong(pos);
            if (in.getInt(pos + 8) != EventFiles.masked(file, pos, 8)
                    || length < 0
                    || length > file.length - pos - 16) {
                break;
            }
            if (length < 0x10000) {
                byte[] event = new byte[(int) length];
                System.arraycopy(file, pos + 12, event, 0, event.length);
                events.add(event);
            }
            pos += 16 + (int) length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] event : events) {
            out.write(event.length & 0xff);
            out.write(event.length >>> 8);
            out.writeBytes(event);
        }
        return out.toByteArray();
    }
}
