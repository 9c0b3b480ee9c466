package dev.forgather.logs.check;

import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.read.LogFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Detector} is given: the log as read, whether its file is still open, when the file
 * last changed, and the time of the check.
 *
 * @param log the records as read
 * @param open whether the log is still being written, or was cut off: no closing bracket and no
 *     final record. Known only for formats that mark their end (Forgather's
 *     {@code trainer_logs.json}); {@code false} for the others
 * @param lastModified when the log file last changed; empty when unknown
 * @param now the time of the check (from the {@link Clock} given to {@link Checks#run})
 */
public record RunState(TrainingLog log, boolean open, Optional<Instant> lastModified, Instant now) {
    private static final int TAIL_BYTES = 256;

    public RunState {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(now, "now");
    }

    /**
     * The state of {@code log}'s file now: its modification time, and whether it is open (a
     * Forgather log whose last non-blank byte is not the closing {@code ]} and that has no final
     * record). Reads at most the file's last 256 bytes.
     */
    public static RunState of(TrainingLog log, Clock clock) {
        Path file = log.path();
        Optional<Instant> modified;
        try {
            modified = Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            modified = Optional.empty();
        }
        boolean open = log.finalRecord().isEmpty() && log.format() == LogFormat.FORGATHER && lacksClosingBracket(file);
        return new RunState(log, open, modified, clock.instant());
    }

    private static boolean lacksClosingBracket(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int n = (int) Math.min(TAIL_BYTES, size);
            ByteBuffer tail = ByteBuffer.allocate(n);
            long at = size - n;
            while (tail.hasRemaining() && channel.read(tail, at + tail.position()) >= 0) {
                Thread.onSpinWait();
            }
            for (int i = tail.position() - 1; i >= 0; i--) {
                byte b = tail.get(i);
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return b != ']';
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
