package dev.forgather.logs;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.RecordKind;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.read.LogFormat;
import dev.forgather.logs.watch.Assessment;
import dev.forgather.logs.watch.RunStatus;
import dev.forgather.logs.watch.WatchSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The entry point of {@code logs watch}: a {@link WatchSession} over runs given by path, each
 * followed as its trainer writes it, and judged live, finished or stalled.
 *
 * <pre>{@code
 * WatchSession session = Watches.session(List.of(run), null, WatchModel.DEFAULT_METRICS, Clock.systemUTC());
 * WatchModel model = session.poll();
 * Frame frame = FrameRenderer.render(model, ViewState.start(0, false, WatchAxis.STEP), ChartCharset.BRAILLE, 100, 30);
 * }</pre>
 */
public final class Watches {
    /** An open log is stalled after at least this long without a change. */
    static final Duration MIN_STALL = Duration.ofMinutes(5);

    private Watches() {}

    /**
     * A session watching {@code paths} (log files or run directories).
     *
     * @param newRuns the runs there are now, newest first, when new runs may join ({@code --all}); else null
     */
    public static WatchSession session(
            List<Path> paths, Supplier<List<Path>> newRuns, List<String> metrics, Clock clock) {
        return new WatchSession(paths, ReloadingFeed::new, Watches::assess, newRuns, metrics, clock);
    }

    /**
     * Live, finished or stalled: a log still open is stalled when its file has not changed for
     * longer than the largest of 10 times the median interval between training records, 3 times
     * the longest gap between records, and 5 minutes ({@code logs check}'s {@code stalled} rule).
     */
    static Assessment assess(WatchSession.Snapshot snapshot, Instant now) {
        if (!snapshot.open()) {
            return new Assessment(RunStatus.FINISHED, Optional.empty(), Optional.empty());
        }
        Duration quiet = Duration.between(snapshot.modified(), now);
        boolean stalled = quiet.compareTo(stallLimit(snapshot.log())) > 0;
        return new Assessment(stalled ? RunStatus.STALLED : RunStatus.LIVE, Optional.empty(), Optional.empty());
    }

    static Duration stallLimit(TrainingLog log) {
        Series loss = log.series("loss", RecordKind.TRAINING);
        double[] gaps = new double[Math.max(0, loss.size() - 1)];
        int n = 0;
        for (int i = 1; i < loss.size(); i++) {
            double gap = loss.timestamp(i) - loss.timestamp(i - 1);
            if (gap >= 0) {
                gaps[n++] = gap;
            }
        }
        double longest = 0;
        Series time = log.series(MetricNames.TIME);
        for (int i = 1; i < time.size(); i++) {
            longest = Math.max(longest, time.value(i) - time.value(i - 1));
        }
        double median = 0;
        if (n > 0) {
            Arrays.sort(gaps, 0, n);
            median = n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
        }
        double seconds = Math.max(10 * median, 3 * longest);
        Duration limit = Duration.ofMillis((long) Math.min(Long.MAX_VALUE / 2, seconds * 1000));
        return limit.compareTo(MIN_STALL) > 0 ? limit : MIN_STALL;
    }

    /**
     * A feed that reads the whole log again whenever the file's size, modification time or
     * identity changed, and is one {@code stat} otherwise.
     */
    static final class ReloadingFeed implements WatchSession.Feed {
        private final Path path;
        private Path file;
        private Object key;
        private long size = -1;
        private long modified;
        private WatchSession.Snapshot last;

        ReloadingFeed(Path path) {
            this.path = path;
        }

        @Override
        public WatchSession.Snapshot poll() throws LogReadException {
            if (file != null && last != null) {
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    if (a.size() == size
                            && a.lastModifiedTime().toMillis() == modified
                            && Objects.equals(a.fileKey(), key)) {
                        return new WatchSession.Snapshot(last.log(), false, false, last.open(), last.modified());
                    }
                } catch (IOException e) {
                    // Gone for a moment (a writer replacing it): load() below says what is wrong.
                }
            }
            BasicFileAttributes before = null;
            if (file != null) {
                try {
                    before = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    before = null;
                }
            }
            TrainingLog log = TrainingLogs.load(path);
            file = log.path();
            if (before == null) {
                try {
                    before = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    throw new LogReadException(file, "cannot read: " + e.getMessage());
                }
            }
            boolean rewritten = last != null
                    && (before.size() < size
                            || !Objects.equals(before.fileKey(), key)
                            || log.recordCount() < last.log().recordCount());
            size = before.size();
            modified = before.lastModifiedTime().toMillis();
            key = before.fileKey();
            boolean open =
                    log.finalRecord().isEmpty() && (log.format() != LogFormat.FORGATHER || lacksClosingBracket(file));
            last = new WatchSession.Snapshot(
                    log, true, rewritten, open, before.lastModifiedTime().toInstant());
            return last;
        }
    }

    private static boolean lacksClosingBracket(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int n = (int) Math.min(256, size);
            ByteBuffer tail = ByteBuffer.allocate(n);
            while (tail.hasRemaining() && channel.read(tail, size - n + tail.position()) >= 0) {
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
