package dev.forgather.logs.cli;

import dev.forgather.logs.io.IoProblems;
import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.Frame;
import dev.forgather.logs.watch.FrameRenderer;
import dev.forgather.logs.watch.Key;
import dev.forgather.logs.watch.StyledLine;
import dev.forgather.logs.watch.ViewState;
import dev.forgather.logs.watch.WatchModel;
import dev.forgather.logs.watch.WatchSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The live view: the alternate screen in raw mode, a frame redrawn by JLine's {@link Display}
 * (which writes only the lines that changed) after every poll, key and resize, and the terminal
 * given back exactly as it was on {@code q}, Ctrl-C or any exception.
 */
final class TerminalView {
    private static final long KEY_WAIT_MILLIS = 100;
    private static final int CTRL_C = 3;
    private static final int ESC = 27;

    private final Terminal terminal;
    private final Attributes saved;
    private final AtomicBoolean restored = new AtomicBoolean();

    private TerminalView(Terminal terminal) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
    }

    /** The terminal's size; empty when there is none to ask or it does not say. */
    static Optional<Size> size() {
        try (Terminal t = TerminalBuilder.builder().system(true).build()) {
            Size s = t.getSize();
            return s.getRows() > 0 && s.getColumns() > 0 ? Optional.of(s) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Runs the view until {@code q} (exit status 0) or Ctrl-C (130). */
    static int run(
            WatchSession session,
            WatchModel first,
            ViewState start,
            ChartCharset charset,
            boolean colour,
            long refreshMillis,
            PrintWriter err) {
        Terminal terminal;
        try {
            terminal =
                    TerminalBuilder.builder().system(true).nativeSignals(true).build();
        } catch (IOException e) {
            err.println("error: cannot open the terminal: " + IoProblems.reason(e));
            err.flush();
            return ExitStatus.LOG_FAILED;
        }
        TerminalView view = new TerminalView(terminal);
        // A kill (SIGTERM, SIGHUP) runs the shutdown hooks: give the terminal back then too.
        Thread hook = new Thread(view::restore, "forgather-watch-restore");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return view.loop(session, first, start, charset, colour, refreshMillis);
        } finally {
            view.restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: the terminal is restored either way.
            }
        }
    }

    private int loop(
            WatchSession session,
            WatchModel first,
            ViewState start,
            ChartCharset charset,
            boolean colour,
            long refreshMillis) {
        AtomicBoolean resized = new AtomicBoolean(true);
        AtomicBoolean interrupted = new AtomicBoolean();
        terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
        terminal.handle(Terminal.Signal.INT, s -> interrupted.set(true));
        Display display = new Display(terminal, true);
        NonBlockingReader reader = terminal.reader();
        WatchModel model = first;
        ViewState state = start;
        long refreshNanos = refreshMillis * 1_000_000;
        long nextPoll = System.nanoTime() + refreshNanos;
        PollPacing pacing = new PollPacing(refreshNanos);
        // When the poll whose frame is still to be drawn started; empty when none is.
        OptionalLong polled = OptionalLong.empty();
        boolean dirty = true;
        Size size = terminal.getSize();
        while (true) {
            if (interrupted.get()) {
                return WatchCommand.INTERRUPTED;
            }
            if (resized.getAndSet(false)) {
                size = terminal.getSize();
                display.clear();
                display.resize(size);
                dirty = true;
            }
            if (dirty) {
                Frame frame = FrameRenderer.render(model, state, charset, size.getColumns(), size.getRows());
                List<AttributedString> lines = new ArrayList<>(frame.lines().size());
                for (StyledLine line : frame.lines()) {
                    lines.add(TerminalLook.attributed(line, colour));
                }
                display.update(lines, 0);
                terminal.flush();
                dirty = false;
                if (polled.isPresent()) {
                    nextPoll = pacing.next(polled.getAsLong(), System.nanoTime());
                    polled = OptionalLong.empty();
                }
            }
            long waitMillis = Math.max(1, Math.min(KEY_WAIT_MILLIS, (nextPoll - System.nanoTime()) / 1_000_000));
            Optional<Key> key;
            try {
                int c = reader.read(waitMillis);
                if (c == CTRL_C) {
                    return WatchCommand.INTERRUPTED;
                }
                key = c >= 0 ? decode(c, reader) : Optional.empty();
            } catch (IOException e) {
                return ExitStatus.LOG_FAILED;
            }
            if (key.equals(Optional.of(Key.QUIT))) {
                return ExitStatus.OK;
            }
            if (key.isPresent()) {
                state = state.apply(key.get(), model.metrics().size());
                dirty = true;
            }
            if (System.nanoTime() - nextPoll >= 0) {
                long started = System.nanoTime();
                nextPoll = started + refreshNanos;
                if (!state.paused()) {
                    model = session.poll();
                    dirty = true;
                    polled = OptionalLong.of(started);
                }
            }
        }
    }

    /** A key from a typed character, or from an arrow key's escape sequence ({@code ESC [ A} or {@code ESC O A}). */
    private static Optional<Key> decode(int c, NonBlockingReader reader) throws IOException {
        if (c != ESC) {
            return Key.ofChar(c);
        }
        int next = reader.read(50);
        if (next != '[' && next != 'O') {
            return Optional.empty();
        }
        return switch (reader.read(50)) {
            case 'A' -> Optional.of(Key.ZOOM_IN);
            case 'B' -> Optional.of(Key.ZOOM_OUT);
            case 'C' -> Optional.of(Key.PAN_RIGHT);
            case 'D' -> Optional.of(Key.PAN_LEFT);
            default -> Optional.empty();
        };
    }

    /** Leaves the alternate screen and puts the terminal's settings back; once, whoever calls first. */
    private void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        try {
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(saved);
        } finally {
            try {
                terminal.close();
            } catch (IOException e) {
                // Closing only releases JLine's pump thread; the settings are already back.
            }
        }
    }
}
