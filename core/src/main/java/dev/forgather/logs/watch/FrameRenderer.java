package dev.forgather.logs.watch;

import dev.forgather.logs.check.Finding;
import dev.forgather.logs.format.Numbers;
import dev.forgather.logs.stats.RunningMovingAverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Draws a {@link WatchModel} as a {@link Frame}: a header line, a grid of chart panels (one per
 * metric, every run overlaid in its colour), a table with one row per run, and a status line.
 * A pure function of the model, the view state, the charset and the size: the live view and
 * {@code --once} draw the same frames, and tests compare them as text.
 */
public final class FrameRenderer {
    /** Characters left of a chart for its y labels. */
    private static final int LABEL_WIDTH = 9;
    /** The widest a run's name gets in the table before it is cut. */
    private static final int MAX_RUN_WIDTH = 28;
    /** The check column's width that run names make room for: {@code warning · throughput_drop}. */
    private static final int MIN_CHECK_WIDTH = 25;

    private static final double[] NO_POINTS = new double[0];

    private final WatchModel model;
    private final ViewState view;
    private final ChartCharset charset;
    private final int width;
    private final String dash;

    private FrameRenderer(WatchModel model, ViewState view, ChartCharset charset, int width) {
        this.model = model;
        this.view = view;
        this.charset = charset;
        this.width = width;
        this.dash = charset.isAscii() ? "-" : "\u2014";
    }

    /** The frame of {@code model} as {@code view} shows it, {@code width} × {@code height} characters. */
    public static Frame render(WatchModel model, ViewState view, ChartCharset charset, int width, int height) {
        return new FrameRenderer(model, view, charset, Math.max(1, width)).draw(Math.max(1, height));
    }

    private Frame draw(int height) {
        List<StyledLine.Builder> table = table();
        int chartRows = Math.max(0, height - 2 - table.size());
        List<StyledLine.Builder> lines = new ArrayList<>();
        lines.add(header());
        for (int i = 0; i < chartRows; i++) {
            lines.add(new StyledLine.Builder(width));
        }
        if (chartRows >= 3) {
            drawPanels(lines, 1, chartRows);
        }
        lines.addAll(table);
        lines.add(statusLine());
        List<StyledLine> out = new ArrayList<>();
        for (int i = 0; i < Math.min(height, lines.size()); i++) {
            out.add(lines.get(i).build());
        }
        return new Frame(out);
    }

    private String separator() {
        return charset.isAscii() ? " | " : " \u00B7 ";
    }

    private StyledLine.Builder header() {
        StyledLine.Builder line = new StyledLine.Builder(width);
        List<WatchedRun> runs = model.runs();
        String what = runs.size() == 1 ? runs.get(0).label() : runs.size() + " runs";
        String sep = separator();
        StringBuilder sb =
                new StringBuilder(" forgather logs watch").append(sep).append(what);
        StringBuilder settings = new StringBuilder()
                .append(sep)
                .append("smoothing ")
                .append(view.smoothing() > 1 ? Integer.toString(view.smoothing()) : "off")
                .append(sep)
                .append(view.logScale() ? "log" : "linear")
                .append(sep)
                .append("x ")
                .append(view.axis().optionName());
        if (view.zoom() > 1) {
            settings.append(sep).append("zoom ").append((long) view.zoom()).append('x');
        }
        // A narrow terminal keeps the settings, which keys change, over the command's name.
        String full = sb.append(settings).toString();
        String text = full.length() <= width ? full : " " + what + settings;
        line.put(0, text, StyledLine.BOLD);
        if (view.paused()) {
            String paused = "PAUSED ";
            line.put(Math.max(0, width - paused.length()), paused, StyledLine.BOLD);
        }
        return line;
    }

    private StyledLine.Builder statusLine() {
        StyledLine.Builder line = new StyledLine.Builder(width);
        Optional<String> status = model.status();
        if (status.isPresent()) {
            line.put(0, " " + cut(status.get(), width - 1), StyledLine.BOLD);
        } else {
            String arrows = charset.isAscii() ? "<- ->" : "\u2190 \u2192";
            line.put(
                    0,
                    " q quit  s smoothing  l log scale  m layout  x x-axis  " + arrows
                            + " pan  + - zoom  space pause  r reset",
                    StyledLine.FAINT);
        }
        return line;
    }

    // ---- panels -------------------------------------------------------------------------

    private record Slot(String metric, int left, int top, int width, int height) {}

    private void drawPanels(List<StyledLine.Builder> lines, int top, int rows) {
        List<String> metrics = model.metrics();
        if (metrics.isEmpty()) {
            return;
        }
        double[] window = xWindow(metrics);
        for (Slot slot : slots(metrics, top, rows)) {
            drawPanel(lines, slot, window);
        }
    }

    private List<Slot> slots(List<String> metrics, int top, int rows) {
        int k = metrics.size();
        int layout = view.layout() % ViewState.layoutCount(k);
        List<Slot> slots = new ArrayList<>();
        if (layout >= ViewState.LAYOUT_SINGLE) {
            slots.add(new Slot(metrics.get(layout - ViewState.LAYOUT_SINGLE), 0, top, width, rows));
            return slots;
        }
        int perRow = layout == ViewState.LAYOUT_GRID && k > 1 && width >= 60 ? 2 : 1;
        int panelRows = (k + perRow - 1) / perRow;
        int y = top;
        for (int r = 0; r < panelRows; r++) {
            int h = rows / panelRows + (r < rows % panelRows ? 1 : 0);
            int first = r * perRow;
            int inRow = Math.min(perRow, k - first);
            int x = 0;
            for (int c = 0; c < inRow; c++) {
                int w = c == inRow - 1 ? width - x : width / inRow;
                slots.add(new Slot(metrics.get(first + c), x, y, w, h));
                x += w;
            }
            y += h;
        }
        return slots;
    }

    /** The visible x range, the same for every panel so that they line up: {@code {from, to}}, or null. */
    private double[] xWindow(List<String> metrics) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (WatchedRun run : model.runs()) {
            for (String metric : metrics) {
                double[] r = run.columns(metric).range(view.axis());
                lo = Math.min(lo, r[0]);
                hi = Math.max(hi, r[1]);
            }
        }
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            return null;
        }
        if (lo == hi) {
            hi = lo + 1;
        }
        return view.window(lo, hi);
    }

    private void drawPanel(List<StyledLine.Builder> lines, Slot slot, double[] window) {
        String title = " " + title(slot.metric()) + " vs " + view.axis().label() + (view.logScale() ? " (log)" : "");
        lines.get(slot.top()).put(slot.left(), cut(title, slot.width() - 1), StyledLine.BOLD);
        int chartRows = slot.height() - 2;
        int chartLeft = slot.left() + LABEL_WIDTH + 1;
        int chartColumns = slot.width() - LABEL_WIDTH - 2;
        if (chartRows < 1 || chartColumns < 4) {
            return;
        }
        Canvas canvas = new Canvas(charset, chartColumns, chartRows);
        String empty = window == null ? "waiting for data" : null;
        double[] yRange = null;
        if (window != null) {
            yRange = plot(canvas, slot.metric(), window);
            if (yRange == null) {
                empty = "no " + slot.metric() + " yet";
            }
        }
        // Not a box-drawing character: JLine swaps those for the DEC line-drawing set or for ASCII.
        char axis = charset.isAscii() ? '|' : '\u2595';
        for (int r = 0; r < chartRows; r++) {
            StyledLine.Builder line = lines.get(slot.top() + 1 + r);
            line.put(chartLeft - 1, axis, StyledLine.FAINT);
            canvas.drawRow(r, line, chartLeft);
        }
        StyledLine.Builder bottom = lines.get(slot.top() + slot.height() - 1);
        if (charset.isAscii()) {
            bottom.put(chartLeft - 1, '+', StyledLine.FAINT);
        }
        if (empty != null) {
            int row = slot.top() + 1 + (chartRows - 1) / 2;
            lines.get(row)
                    .put(
                            chartLeft + Math.max(0, (chartColumns - empty.length()) / 2),
                            cut(empty, chartColumns),
                            StyledLine.FAINT);
            return;
        }
        yLabels(lines, slot, chartRows, yRange);
        String from = xLabel(window[0]);
        String to = xLabel(window[1]);
        bottom.put(chartLeft, from, StyledLine.PLAIN);
        int toAt = chartLeft + chartColumns - to.length();
        if (toAt > chartLeft + from.length() + 1) {
            bottom.put(toAt, to, StyledLine.PLAIN);
        }
        String mid = xLabel((window[0] + window[1]) / 2);
        int midAt = chartLeft + (chartColumns - mid.length()) / 2;
        if (midAt > chartLeft + from.length() + 2 && midAt + mid.length() + 2 < toAt) {
            bottom.put(midAt, mid, StyledLine.PLAIN);
        }
    }

    private void yLabels(List<StyledLine.Builder> lines, Slot slot, int chartRows, double[] yRange) {
        double lo = yRange[0];
        double hi = yRange[1];
        putLabel(lines.get(slot.top() + 1), slot.left(), unscale(hi));
        if (chartRows >= 2) {
            putLabel(lines.get(slot.top() + chartRows), slot.left(), unscale(lo));
        }
        if (chartRows >= 5) {
            int mid = (chartRows - 1) / 2;
            double value = hi - (hi - lo) * mid / (chartRows - 1);
            putLabel(lines.get(slot.top() + 1 + mid), slot.left(), unscale(value));
        }
    }

    private void putLabel(StyledLine.Builder line, int left, double value) {
        String text = cut(yLabel(value), LABEL_WIDTH - 1);
        line.put(left + LABEL_WIDTH - 1 - text.length(), text, StyledLine.PLAIN);
    }

    private double unscale(double v) {
        return view.logScale() ? Math.pow(10, v) : v;
    }

    /**
     * Draws every run's curve of {@code metric}: raw values first (faint when a smoothed curve goes
     * over them), then the smoothed ones, bold. Returns the y range drawn, or null when no run has
     * a point in the window.
     */
    private double[] plot(Canvas canvas, String metric, double[] window) {
        int columns = canvas.dotWidth();
        boolean smooth = view.smoothing() > 1;
        List<Envelope> raw = new ArrayList<>();
        List<Envelope> smoothed = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (WatchedRun run : model.runs()) {
            WatchedRun.PlotColumns c = run.columns(metric);
            double[] x = c.x(view.axis());
            Envelope e =
                    Envelope.of(x, c.values(), c.size(), NO_POINTS, window[0], window[1], columns, view.logScale());
            raw.add(e);
            Envelope s = null;
            if (smooth && c.size() >= view.smoothing()) {
                RunningMovingAverage.Smoothed m = run.smoothed(metric, view.smoothing());
                s = Envelope.of(x, m.head(), m.headLength(), m.tail(), window[0], window[1], columns, view.logScale());
            }
            smoothed.add(s);
            for (Envelope each : new Envelope[] {e, s}) {
                if (each != null && !each.isEmpty()) {
                    lo = Math.min(lo, each.low());
                    hi = Math.max(hi, each.high());
                }
            }
        }
        if (lo > hi) {
            return null;
        }
        if (lo == hi) {
            double pad = view.logScale() ? 0.5 : lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        for (int i = 0; i < raw.size(); i++) {
            int colour = model.runs().get(i).colour();
            boolean under = smoothed.get(i) != null;
            draw(canvas, raw.get(i), lo, hi, StyledLine.coloured(colour, under ? StyledLine.FAINT : StyledLine.PLAIN));
        }
        for (int i = 0; i < smoothed.size(); i++) {
            if (smoothed.get(i) != null) {
                draw(
                        canvas,
                        smoothed.get(i),
                        lo,
                        hi,
                        StyledLine.coloured(model.runs().get(i).colour(), StyledLine.BOLD));
            }
        }
        return new double[] {lo, hi};
    }

    /** Each column's min-to-max span, joined to the column before it. */
    private static void draw(Canvas canvas, Envelope e, double lo, double hi, int style) {
        int rows = canvas.dotHeight();
        double scale = (rows - 1) / (hi - lo);
        int previous = -1;
        for (int c = 0; c < e.min.length; c++) {
            if (!e.has(c)) {
                continue;
            }
            int top = (int) Math.round((hi - e.max[c]) * scale);
            int bottom = (int) Math.round((hi - e.min[c]) * scale);
            canvas.vertical(c, top, bottom, style);
            if (previous >= 0) {
                canvas.line(
                        previous,
                        (int) Math.round((hi - e.last[previous]) * scale),
                        c,
                        (int) Math.round((hi - e.first[c]) * scale),
                        style);
            }
            previous = c;
        }
    }

    private String xLabel(double x) {
        return switch (view.axis()) {
            case STEP -> Long.toString(Math.round(x));
            case EPOCH -> Numbers.fixed(x, 2);
            case TIME -> Numbers.fixed(x, 1);
        };
    }

    /** A y label in at most 8 characters: 4 significant digits, or scientific form when tiny or huge. */
    static String yLabel(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return Numbers.fixed(v, 0);
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e5) {
            return Numbers.scientific(v, 2);
        }
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        return Numbers.fixed(v, decimals);
    }

    /** {@code eval_loss} as {@code Eval Loss}. */
    static String title(String metric) {
        StringBuilder sb = new StringBuilder();
        for (String word : metric.split("[_/]")) {
            if (word.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return sb.length() == 0 ? metric : sb.toString();
    }

    // ---- table --------------------------------------------------------------------------

    private static final String[] HEADINGS = {
        "run", "state", "step", "epoch", "loss", "eval loss", "lr", "steps/s", "ETA", "check"
    };

    private List<StyledLine.Builder> table() {
        List<String[]> rows = new ArrayList<>();
        for (WatchedRun run : model.runs()) {
            rows.add(cells(run));
        }
        int n = HEADINGS.length;
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = HEADINGS[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        widths[0] = Math.min(widths[0], MAX_RUN_WIDTH);
        int fixed = 2 + widths[0];
        for (int i = 1; i < n - 1; i++) {
            fixed += 2 + widths[i];
        }
        int check = width - fixed - 2;
        // Run names give up room down to 12 characters so that a verdict and its finding's
        // detector and step fit (the colour dot tells the runs apart too).
        if (check < MIN_CHECK_WIDTH && widths[0] > 12) {
            int give = Math.min(widths[0] - 12, MIN_CHECK_WIDTH - check);
            widths[0] -= give;
            check += give;
        }
        widths[n - 1] = Math.max(0, check);
        List<StyledLine.Builder> lines = new ArrayList<>();
        lines.add(tableLine(HEADINGS, widths, -1));
        for (int r = 0; r < rows.size(); r++) {
            WatchedRun run = model.runs().get(r);
            rows.get(r)[n - 1] = checkCell(run.assessment(), widths[n - 1]);
            lines.add(tableLine(rows.get(r), widths, run.colour()));
        }
        return lines;
    }

    /**
     * The check column: the verdict and the newest finding's message where it fits in
     * {@code room}; else the finding's detector and step ({@code warning · spike at 3140}); else
     * its detector, cut short if need be; else the verdict alone.
     */
    private String checkCell(Assessment a, int room) {
        if (a.verdict().isEmpty()) {
            return dash;
        }
        String verdict = a.verdict().get();
        if (a.newestFinding().isEmpty()) {
            return verdict;
        }
        Finding f = a.newestFinding().get();
        String between = charset.isAscii() ? " - " : " \u00B7 ";
        List<String> choices = new ArrayList<>();
        choices.add(verdict + between + f.message());
        if (f.firstStep().isPresent()) {
            long first = f.firstStep().getAsLong();
            long last = f.lastStep().orElse(first);
            choices.add(verdict + between + f.detector() + " at " + (first == last ? first : first + "-" + last));
        }
        choices.add(verdict + between + f.detector());
        for (String c : choices) {
            if (c.length() <= room) {
                return c;
            }
        }
        // The detector's name cut short still says more than the verdict alone.
        String shortest = choices.get(choices.size() - 1);
        return room >= verdict.length() + between.length() + 4 || verdict.length() > room ? shortest : verdict;
    }

    private StyledLine.Builder tableLine(String[] cells, int[] widths, int colour) {
        StyledLine.Builder line = new StyledLine.Builder(width);
        boolean heading = colour < 0;
        int style = heading ? StyledLine.BOLD : StyledLine.PLAIN;
        if (!heading) {
            line.put(0, charset.isAscii() ? '*' : '\u25CF', StyledLine.coloured(colour, StyledLine.BOLD));
        }
        int x = 2;
        for (int i = 0; i < cells.length; i++) {
            String text = cut(cells[i], widths[i]);
            // Names and words to the left, numbers to the right, as summary's one-line table does.
            boolean left = i <= 1 || i == cells.length - 1;
            line.put(left ? x : x + widths[i] - text.length(), text, style);
            x += widths[i] + 2;
        }
        return line;
    }

    private String[] cells(WatchedRun run) {
        RunProgress p = run.progress();
        Assessment a = run.assessment();
        String step = p.step().isPresent() ? Long.toString(p.step().getAsLong()) : dash;
        String epoch = p.epoch().isPresent() ? Numbers.epoch(p.epoch().getAsDouble()) : dash;
        String loss = p.loss().isPresent() ? Numbers.loss(p.loss().getAsDouble()) : dash;
        String eval = p.evalLoss().isPresent() ? Numbers.loss(p.evalLoss().getAsDouble()) : dash;
        String lr = p.learningRate().isPresent()
                ? Numbers.learningRate(p.learningRate().getAsDouble())
                : dash;
        String speed = p.stepsPerSecond().isPresent()
                ? Numbers.seconds(p.stepsPerSecond().getAsDouble())
                : dash;
        String eta = dash;
        if (a.status() == RunStatus.LIVE && p.etaSeconds().isPresent()) {
            // To the nearest second: the steps an epoch takes are a quotient, 899.9999 s is 15:00.
            eta = Numbers.clock(Math.rint(p.etaSeconds().getAsDouble()));
        }
        // The check column's text depends on its width, known only once every other column's is.
        return new String[] {run.label(), a.status().label(), step, epoch, loss, eval, lr, speed, eta, ""};
    }

    private String cut(String text, int max) {
        if (max <= 0) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + (charset.isAscii() ? "~" : "\u2026");
    }

    @Override
    public String toString() {
        return "FrameRenderer[" + charset.name().toLowerCase(Locale.ROOT) + "]";
    }
}
