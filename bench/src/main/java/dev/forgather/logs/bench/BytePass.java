package dev.forgather.logs.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor of issue 14's big-log benchmarks: a whole Java process that reads every byte of a file
 * and looks at each one, on two threads, and does nothing else. It reads as the scanner reads
 * (positional reads of 8 MiB into a heap array, one half of the file per thread) and counts the
 * newlines, so that the JIT cannot drop the pass. {@code bench/run.sh} times it with the
 * launcher's flags ({@code -XX:TieredStopAtLevel=1}, C1 only) and with C2.
 *
 * <p>No dependency, so that {@code bench/run.sh} compiles it alone with {@code javac}:
 * {@code java BytePass FILE} prints the file's bytes and newlines.
 */
public final class BytePass {
    private static final int BUFFER = 8 << 20;

    private BytePass() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java dev.forgather.logs.bench.BytePass FILE");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long half = size / 2;
            long[] newlines = new long[2];
            Thread second = new Thread(() -> newlines[1] = count(channel, half, size));
            second.start();
            newlines[0] = count(channel, 0, half);
            second.join();
            System.out.println(size + " bytes, " + (newlines[0] + newlines[1]) + " newlines");
        }
    }

    /** The newlines in bytes {@code [from, to)} of the file. */
    static long count(FileChannel channel, long from, long to) {
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(1, to - from))];
        long newlines = 0;
        long position = from;
        try {
            while (position < to) {
                ByteBuffer target = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, to - position));
                while (target.hasRemaining()) {
                    if (channel.read(target, position + target.position()) < 0) {
                        break;
                    }
                }
                int n = target.position();
                if (n == 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        newlines++;
                    }
                }
                position += n;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return newlines;
    }
}
