package dev.forgather.logs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forgather.logs.model.TrainingLog;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in headless Chromium and checks, from the page itself, what a user would see:
 * every chart drawn, every control working, nothing logged to the console.
 */
class ReportInBrowserTest {
    /** Counts the canvas pixels of a run's colour: proof that its line was drawn, not just handed to uPlot. */
    private static final String HELPERS = """
            window.t = {
              pixels(u, color) {
                // Read a copy, so that the page's own canvas is never read back.
                const c = u.ctx.canvas;
                const copy = document.createElement('canvas');
                copy.width = c.width;
                copy.height = c.height;
                const ctx = copy.getContext('2d', {willReadFrequently: true});
                ctx.drawImage(c, 0, 0);
                const d = ctx.getImageData(0, 0, c.width, c.height).data;
                const r = parseInt(color.slice(1, 3), 16), g = parseInt(color.slice(3, 5), 16), b = parseInt(color.slice(5, 7), 16);
                let n = 0;
                for (let i = 0; i < d.length; i += 4) {
                  if (d[i + 3] > 200 && Math.abs(d[i] - r) < 16 && Math.abs(d[i + 1] - g) < 16 && Math.abs(d[i + 2] - b) < 16) n++;
                }
                return n;
              },
              drawn() {
                const R = window.forgatherReport;
                return R.charts.map(c => ({
                  metric: c.metric,
                  runs: c.runs,
                  series: c.plot.series.length,
                  shown: c.runs.map((run, i) => c.plot.series[1 + i].show),
                  points: c.runs.map((run, i) => c.plot.data[1 + i].filter(v => v != null).length),
                  pixels: c.runs.map(run => t.pixels(c.plot, R.runs[run].color)),
                  xLabel: c.plot.axes[0].label,
                  yDistr: c.plot.scales.y.distr
                }));
              },
              settle() { return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30)))); }
            };
            true
            """;

    @TempDir
    static Path tmp;

    static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start(tmp);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private int errorsBefore;

    @BeforeEach
    void countErrors() {
        errorsBefore = browser.errors().size();
    }

    private List<String> newErrors() {
        List<String> all = browser.errors();
        return all.subList(errorsBefore, all.size());
    }

    private static Path write(String name, ReportInput input) throws Exception {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            HtmlReport.write(input, out);
        }
        return file;
    }

    private static JsonNode open(Path file) throws Exception {
        browser.open(file);
        browser.eval(HELPERS);
        browser.eval("t.settle()");
        return drawn();
    }

    private static JsonNode drawn() throws Exception {
        browser.eval("t.settle()");
        return browser.eval("t.drawn()");
    }

    @Test
    void everyChartDrawsEveryRunThatHasTheMetric() throws Exception {
        List<TrainingLog> logs = DemoRuns.all();
        JsonNode charts = open(write("demo.html", ReportInput.of(logs)));

        List<String> metrics = new ArrayList<>();
        charts.forEach(c -> metrics.add(c.get("metric").asText()));
        assertThat(metrics)
                .isEqualTo(ChartData.chartedMetrics(logs))
                .startsWith("loss", "eval_loss", "learning_rate", "grad_norm")
                .contains("max_grad_norm", "tokens_per_second", "eval_runtime")
                .doesNotContain("train_runtime", "train_loss", "total_flos", "epoch", "global_step");
        for (JsonNode chart : charts) {
            String metric = chart.get("metric").asText();
            int runs = chart.get("runs").size();
            assertThat(runs).as(metric).isPositive();
            assertThat(chart.get("series").asInt())
                    .as(metric)
                    .isEqualTo(1 + runs * (ChartData.smoothed(metric) ? 2 : 1));
            for (int i = 0; i < runs; i++) {
                int run = chart.get("runs").get(i).asInt();
                // Every finite point is drawn; NaN and infinities are gaps; a step logged twice (a
                // resumed run) shows the value logged last.
                assertThat(chart.get("points").get(i).asInt())
                        .as(metric + " run " + run + " points")
                        .isEqualTo((int) finitePoints(logs.get(run), metric));
            }
            int pixels = 0;
            for (JsonNode p : chart.get("pixels")) {
                pixels += p.asInt();
            }
            assertThat(pixels).as(metric + " pixels").isGreaterThan(20);
        }
        // Alone (the others toggled off, as some lines lie on top of others), every run's line is on every chart it
        // has.
        for (int run = 0; run < logs.size(); run++) {
            browser.eval("document.querySelectorAll('.run-toggle').forEach(b => {"
                    + " if ((b.getAttribute('aria-pressed') === 'true') !== (b.dataset.run === '" + run
                    + "')) b.click(); }); true");
            for (JsonNode chart : drawn()) {
                for (int i = 0; i < chart.get("runs").size(); i++) {
                    int pixels = chart.get("pixels").get(i).asInt();
                    if (chart.get("runs").get(i).asInt() == run) {
                        assertThat(pixels)
                                .as(chart.get("metric") + " run " + run + " alone")
                                .isGreaterThan(5);
                    } else {
                        assertThat(pixels)
                                .as(chart.get("metric") + " run " + i + " hidden")
                                .isZero();
                    }
                }
            }
        }
        // Every run logs a loss.
        assertThat(charts.get(0).get("runs")).hasSize(6);
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void aRunToggledOffDisappearsFromEveryChartAndComesBack() throws Exception {
        List<TrainingLog> logs = DemoRuns.all();
        open(write("toggle.html", ReportInput.of(logs)));
        int hidden = 2; // llama_1b/baseline: the only run with max_grad_norm and tokens_per_second

        browser.eval("document.querySelector('.run-toggle[data-run=\"" + hidden + "\"]').click(); true");
        JsonNode charts = drawn();
        int chartsWithRun = 0;
        for (JsonNode chart : charts) {
            int othersDrawn = 0;
            for (int i = 0; i < chart.get("runs").size(); i++) {
                boolean isHidden = chart.get("runs").get(i).asInt() == hidden;
                assertThat(chart.get("shown").get(i).asBoolean())
                        .as(chart.get("metric") + " run " + i)
                        .isEqualTo(!isHidden);
                if (isHidden) {
                    chartsWithRun++;
                    assertThat(chart.get("pixels").get(i).asInt())
                            .as(chart.get("metric") + " pixels")
                            .isZero();
                } else {
                    othersDrawn += chart.get("pixels").get(i).asInt();
                }
            }
            if (chart.get("runs").size() > 1) {
                assertThat(othersDrawn).as(chart.get("metric") + " others").isGreaterThan(20);
            }
        }
        assertThat(chartsWithRun).isGreaterThanOrEqualTo(6);
        assertThat(browser.eval("document.querySelector('.run-toggle[data-run=\"2\"]').getAttribute('aria-pressed')")
                        .asText())
                .isEqualTo("false");

        // uPlot's own legend entry in one chart does the same, for every chart.
        browser.eval("document.querySelectorAll('#chart-0 .u-legend .u-series')[1 + " + hidden
                + "].querySelector('th').click(); true");
        for (JsonNode chart : drawn()) {
            for (int i = 0; i < chart.get("runs").size(); i++) {
                assertThat(chart.get("shown").get(i).asBoolean())
                        .as(chart.get("metric") + " run " + i)
                        .isTrue();
            }
        }
        browser.eval("document.querySelectorAll('#chart-0 .u-legend .u-series')[1].querySelector('th').click(); true");
        for (JsonNode chart : drawn()) {
            for (int i = 0; i < chart.get("runs").size(); i++) {
                boolean isRun0 = chart.get("runs").get(i).asInt() == 0;
                assertThat(chart.get("shown").get(i).asBoolean())
                        .as(chart.get("metric") + " run " + i)
                        .isEqualTo(!isRun0);
            }
        }
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void theSmoothingSliderRedrawsLossesWithTheStopsValues() throws Exception {
        TrainingLog log = DemoRuns.load("llama_1b/runs/baseline_2026-01-20T09-00-00");
        open(write("smooth.html", ReportInput.of(List.of(log))));
        String lossData = "JSON.stringify(forgatherReport.charts[0].plot.data[1])";
        JsonNode raw = browser.eval(lossData);
        int rawPixels = drawn().get(0).get("pixels").get(0).asInt();
        int lrSeries = drawn().get(2).get("series").asInt();

        int emaStop = SmoothingStop.ALL.indexOf(
                new SmoothingStop("exponential moving average, weight 0.9 (debiased, as TensorBoard)", 0, 0.9));
        assertThat(emaStop).isEqualTo(7);
        browser.eval("const s = document.getElementById('smoothing'); s.value = '" + emaStop + "';"
                + " s.dispatchEvent(new Event('input', {bubbles: true})); true");
        JsonNode smoothed = browser.eval(lossData);
        JsonNode after = drawn();

        double[] values = log.series("loss").values();
        double[] expected = SmoothingStop.ALL.get(emaStop).apply(values);
        JsonNode drawnValues = new com.fasterxml.jackson.databind.ObjectMapper().readTree(smoothed.asText());
        assertThat(drawnValues).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(drawnValues.get(i).asDouble()).as("point " + i).isCloseTo((float) expected[i], within(1e-6));
        }
        assertThat(smoothed.asText()).isNotEqualTo(raw.asText());
        // The loss spike near step 3000 is flattened.
        JsonNode rawValues = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw.asText());
        int spike = -1;
        for (int i = 0; i < values.length; i++) {
            if (log.series("loss").step(i) > 2000 && (spike < 0 || values[i] > values[spike])) {
                spike = i;
            }
        }
        assertThat(log.series("loss").step(spike)).isBetween(2900L, 3100L);
        assertThat(drawnValues.get(spike).asDouble())
                .isLessThan(rawValues.get(spike).asDouble() - 0.5);
        assertThat(after.get(0).get("pixels").get(0).asInt()).isNotEqualTo(rawPixels);
        assertThat(browser.eval("document.getElementById('smoothing-label').textContent")
                        .asText())
                .isEqualTo("exponential moving average, weight 0.9 (debiased, as TensorBoard)");
        assertThat(browser.eval("document.querySelector('#chart-0 figcaption').textContent")
                        .asText())
                .isEqualTo("loss (smoothed: exponential moving average, weight 0.9 (debiased, as TensorBoard))");
        // The learning rate is not a loss: not smoothed, same series.
        assertThat(after.get(2).get("metric").asText()).isEqualTo("learning_rate");
        assertThat(after.get(2).get("series").asInt()).isEqualTo(lrSeries);
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void dragZoomsDoubleClickResetsAndHoverReadsEachRunsValue() throws Exception {
        open(write("zoom.html", ReportInput.of(DemoRuns.all())));
        JsonNode box =
                browser.eval("(() => { const r = document.querySelector('#chart-0 .u-over').getBoundingClientRect();"
                        + " window.scrollTo(0, 0); return {x: r.left, y: r.top, w: r.width, h: r.height}; })()");
        JsonNode full =
                browser.eval("(() => { const s = forgatherReport.charts[0].plot.scales.x; return [s.min, s.max]; })()");
        double x = box.get("x").asDouble();
        double y = box.get("y").asDouble() + box.get("h").asDouble() / 2;
        double w = box.get("w").asDouble();

        browser.mouse("mouseMoved", x + w * 0.25, y, 0);
        browser.mouse("mousePressed", x + w * 0.25, y, 1);
        browser.mouse("mouseMoved", x + w * 0.35, y, 1);
        browser.mouse("mouseMoved", x + w * 0.5, y, 1);
        browser.mouse("mouseReleased", x + w * 0.5, y, 1);
        browser.eval("t.settle()");
        JsonNode zoomed =
                browser.eval("(() => { const s = forgatherReport.charts[0].plot.scales.x; return [s.min, s.max]; })()");
        assertThat(zoomed.get(0).asDouble()).isGreaterThan(full.get(0).asDouble());
        assertThat(zoomed.get(1).asDouble()).isLessThan(full.get(1).asDouble());

        // Hover: the legend reads every run's value at the cursor.
        browser.mouse("mouseMoved", x + w * 0.4, y, 0);
        browser.eval("t.settle()");
        JsonNode values = browser.eval("Array.from(document.querySelectorAll('#chart-0 .u-legend .u-series'))"
                + ".slice(1, 7).map(e => e.querySelector('.u-value').textContent)");
        assertThat(values).hasSize(6);
        values.forEach(v -> assertThat(v.asText()).matches("\\d+(\\.\\d+)?"));

        browser.mouse("mousePressed", x + w * 0.4, y, 1);
        browser.mouse("mouseReleased", x + w * 0.4, y, 1);
        browser.mouse("mousePressed", x + w * 0.4, y, 2);
        browser.mouse("mouseReleased", x + w * 0.4, y, 2);
        browser.eval("t.settle()");
        JsonNode reset =
                browser.eval("(() => { const s = forgatherReport.charts[0].plot.scales.x; return [s.min, s.max]; })()");
        assertThat(reset).isEqualTo(full);
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void theXAxisSwitchAndTheLogScaleRedrawEveryChart() throws Exception {
        List<TrainingLog> logs = DemoRuns.all();
        open(write("axes.html", ReportInput.of(logs)));
        for (String axis : List.of("epoch", "time", "step")) {
            browser.eval("document.querySelector('input[name=\"x-axis\"][value=\"" + axis + "\"]').click(); true");
            String label = switch (axis) {
                case "epoch" -> "Epoch";
                case "time" -> "Time (minutes)";
                default -> "Global Step";
            };
            for (JsonNode chart : drawn()) {
                assertThat(chart.get("xLabel").asText()).isEqualTo(label);
                int drawnRuns = 0;
                for (int i = 0; i < chart.get("runs").size(); i++) {
                    if (chart.get("pixels").get(i).asInt() > 20) {
                        drawnRuns++;
                    }
                }
                assertThat(drawnRuns).as(axis + " " + chart.get("metric")).isPositive();
            }
        }
        browser.eval("document.getElementById('log-scale').click(); true");
        for (JsonNode chart : drawn()) {
            assertThat(chart.get("yDistr").asInt()).isEqualTo(3);
            assertThat(chart.get("pixels").get(0).asInt())
                    .as(chart.get("metric").asText())
                    .isGreaterThan(20);
        }
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void recordsWithoutAStepAreLeftOffTheStepAxisAndDrawnAgainstTime() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("nostep"));
        TrainingLog mixed = RecordsWithoutStepTest.mixed(dir);
        TrainingLog none = RecordsWithoutStepTest.noSteps(dir);
        JsonNode loss =
                open(write("mixed.html", ReportInput.of(List.of(mixed, none)))).get(0);
        assertThat(loss.get("metric").asText()).isEqualTo("loss");
        assertThat(loss.get("xLabel").asText()).isEqualTo("Global Step");
        // Steps 10 and 30 of the mixed run; the run without steps has none to stand at.
        assertThat(loss.get("points").get(0).asInt()).isEqualTo(2);
        assertThat(loss.get("points").get(1).asInt()).isZero();
        browser.eval("document.querySelector('input[name=\"x-axis\"][value=\"time\"]').click(); true");
        JsonNode byTime = drawn().get(0);
        assertThat(byTime.get("points").get(0).asInt()).isEqualTo(3);
        assertThat(byTime.get("points").get(1).asInt()).isEqualTo(3);
        assertThat(newErrors()).isEmpty();

        // Alone, the run without steps starts on the time axis; step cannot be chosen.
        JsonNode alone =
                open(write("nostep.html", ReportInput.of(List.of(none)))).get(0);
        assertThat(alone.get("xLabel").asText()).isEqualTo("Time (minutes)");
        assertThat(alone.get("points").get(0).asInt()).isEqualTo(3);
        assertThat(alone.get("pixels").get(0).asInt()).isGreaterThan(20);
        assertThat(browser.eval("document.querySelector('input[name=\"x-axis\"][value=\"step\"]').disabled")
                        .asBoolean())
                .isTrue();
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void aFindingIsMarkedOnItsMetricsChartAtItsStep() throws Exception {
        TrainingLog log = DemoRuns.load("llama_1b/runs/baseline_2026-01-20T09-00-00");
        ReportInput input = ReportInput.of(List.of(log))
                .withChecks(List.of(new RunCheck(
                        "failed",
                        List.of(
                                new Finding(
                                        "error",
                                        "test",
                                        java.util.Optional.of("loss"),
                                        java.util.OptionalLong.of(3000),
                                        "marked here"),
                                new Finding(
                                        "info",
                                        "test",
                                        java.util.Optional.empty(),
                                        java.util.OptionalLong.empty(),
                                        "listed only")))));
        open(write("marked.html", input));
        assertThat(browser.eval("document.querySelector('#chart-0 figcaption').textContent")
                        .asText())
                .isEqualTo("loss \u2014 1 finding marked");
        assertThat(browser.eval("document.querySelector('#chart-1 figcaption').textContent")
                        .asText())
                .isEqualTo("eval_loss");
        // The error's red triangle and dashed line, on a chart whose only run is blue, at step 3000.
        JsonNode marker = browser.eval(
                "(() => { const u = forgatherReport.charts[0].plot;"
                        + " return {red: t.pixels(u, '#d62728'), x: u.valToPos(3000, 'x', true), left: u.bbox.left, width: u.bbox.width}; })()");
        assertThat(marker.get("red").asInt()).isGreaterThan(20);
        assertThat(marker.get("x").asDouble())
                .isBetween(
                        marker.get("left").asDouble(),
                        marker.get("left").asDouble() + marker.get("width").asDouble());
        JsonNode others =
                browser.eval("(() => { const u = forgatherReport.charts[1].plot; return t.pixels(u, '#d62728'); })()");
        assertThat(others.asInt()).isZero();
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void aLongRunKeepsItsSpikeAtEveryZoomAndGetsFinerZoomedIn() throws Exception {
        TrainingLog log = DemoRuns.synthetic(200_000, 123_457);
        open(write("long.html", ReportInput.of(List.of(log))));
        String loss = "(() => { const u = forgatherReport.charts[0].plot; const xs = u.data[0], ys = u.data[1];"
                + " let max = -Infinity, at = -1, n = 0; for (let i = 0; i < xs.length; i++) {"
                + " if (xs[i] >= u.scales.x.min && xs[i] <= u.scales.x.max) { n++; if (ys[i] > max) { max = ys[i]; at = xs[i]; } } }"
                + " return {max, at, n, width: u.bbox.width / devicePixelRatio}; })()";
        JsonNode whole = browser.eval(loss);
        assertThat(whole.get("max").asDouble()).isEqualTo(50.0);
        assertThat(whole.get("at").asDouble()).isEqualTo(123_457.0);
        assertThat(whole.get("n").asInt()).isBetween(2 * 1_000, 3 * 1_024);

        browser.eval("forgatherReport.charts[0].plot.setScale('x', {min: 120000, max: 126000}); true");
        browser.eval("t.settle()");
        JsonNode zoomed = browser.eval(loss);
        assertThat(zoomed.get("max").asDouble()).isEqualTo(50.0);
        assertThat(zoomed.get("at").asDouble()).isEqualTo(123_457.0);
        // 3% of the run: the finest level's buckets, more points in view than the coarse level had.
        assertThat(zoomed.get("n").asInt()).isGreaterThan(2 * 16_384 * 6_000 / 200_000 - 10);
        assertThat(newErrors()).isEmpty();
    }

    private static long finitePoints(TrainingLog log, String metric) {
        java.util.Map<Long, Double> lastAtStep = new java.util.HashMap<>();
        for (int p : ChartData.points(log, metric)) {
            lastAtStep.put(log.series(metric).step(p), log.series(metric).value(p));
        }
        return lastAtStep.values().stream().filter(Double::isFinite).count();
    }
}
