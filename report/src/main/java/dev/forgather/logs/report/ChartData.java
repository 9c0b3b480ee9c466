package dev.forgather.logs.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.Record;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data the report's script draws, as one JSON document: the runs, the smoothing stops, and per
 * metric per run the points of each level of detail as base64 float32 columns (step, epoch,
 * minutes since the run's first record, value, and the value at every smoothing stop). An x a
 * record does not have (no {@code global_step}, epoch or timestamp of its own) is NaN, which the
 * script leaves off that axis; a column no point of a trace has is null.
 */
final class ChartData {
    /** The plot command's default metrics come first, as the PNG chart draws them; then the rest as first logged. */
    private static final List<String> FIRST = List.of("loss", "eval_loss", "learning_rate");

    private ChartData() {}

    /**
     * The metrics that get a chart: every series with at least two points in some run, the final
     * record's end-of-training summary (train_runtime, train_loss, ...) left out.
     */
    static List<String> chartedMetrics(List<TrainingLog> logs) {
        Set<String> names = new LinkedHashSet<>();
        for (String first : FIRST) {
            for (TrainingLog log : logs) {
                if (log.metricNames().contains(first)) {
                    names.add(first);
                }
            }
        }
        for (TrainingLog log : logs) {
            names.addAll(log.metricNames());
        }
        List<String> charted = new ArrayList<>();
        for (String name : names) {
            for (TrainingLog log : logs) {
                if (points(log, name).length >= 2) {
                    charted.add(name);
                    break;
                }
            }
        }
        return charted;
    }

    /** Whether the smoothing control applies to a metric: losses, as {@code --smooth} smooths them. */
    static boolean smoothed(String metric) {
        return metric.contains("loss");
    }

    /** The indices of the points of {@code name} in {@code log}, the final summary record's left out. */
    static int[] points(TrainingLog log, String name) {
        Series series = log.series(name);
        int finalRow = log.finalRecord().map(Record::index).orElse(-1);
        int[] keep = new int[series.size()];
        int n = 0;
        for (int i = 0; i < series.size(); i++) {
            if (series.recordIndex(i) != finalRow) {
                keep[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(keep, n);
    }

    static String json(ReportInput input, List<String> metrics, List<String> colors) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("title", input.title());
            json.writeArrayFieldStart("runs");
            for (int r = 0; r < input.logs().size(); r++) {
                json.writeStartObject();
                json.writeStringField("label", input.labels().get(r));
                json.writeStringField("color", colors.get(r));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("stops");
            for (SmoothingStop stop : SmoothingStop.ALL) {
                json.writeString(stop.label());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("metrics");
            for (String metric : metrics) {
                writeMetric(json, input.logs(), metric);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("markers");
            writeMarkers(json, input, metrics);
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The document sits inside a <script> element: no "</script" may appear in it. A '<' can
        // only be inside a string, where \u003c means the same.
        return text.toString().replace("<", "\\u003c");
    }

    private static void writeMetric(JsonGenerator json, List<TrainingLog> logs, String metric) throws IOException {
        boolean smoothed = smoothed(metric);
        json.writeStartObject();
        json.writeStringField("name", metric);
        json.writeBooleanField("smoothed", smoothed);
        json.writeArrayFieldStart("traces");
        for (int r = 0; r < logs.size(); r++) {
            TrainingLog log = logs.get(r);
            int[] points = points(log, metric);
            if (points.length == 0) {
                continue;
            }
            Series series = log.series(metric);
            int n = points.length;
            double[] values = new double[n];
            double[] steps = new double[n];
            double[] epochs = new double[n];
            double[] minutes = new double[n];
            double origin = timeOrigin(log);
            boolean hasStep = false;
            boolean hasEpoch = false;
            boolean hasTime = false;
            for (int i = 0; i < n; i++) {
                int p = points[i];
                values[i] = series.value(p);
                // The step a record without one is kept at is the record before it's: drawn there,
                // it would invent where it was logged (plot leaves it off a step axis too).
                steps[i] = series.hasStep(p) ? series.step(p) : Double.NaN;
                hasStep |= series.hasStep(p);
                epochs[i] = series.epoch(p);
                minutes[i] = (series.timestamp(p) - origin) / 60.0;
                hasEpoch |= !Double.isNaN(epochs[i]);
                hasTime |= !Double.isNaN(minutes[i]);
            }
            json.writeStartObject();
            json.writeNumberField("run", r);
            json.writeNumberField("points", n);
            json.writeArrayFieldStart("levels");
            List<double[]> smooth = new ArrayList<>();
            if (smoothed) {
                for (SmoothingStop stop : SmoothingStop.ALL) {
                    if (!stop.isOff()) {
                        // On every point, before any reduction.
                        smooth.add(stop.apply(values));
                    }
                }
            }
            for (Reduction.Level level : Reduction.levels(values)) {
                int[] picks = level.picks();
                json.writeStartObject();
                json.writeNumberField("buckets", level.buckets());
                writeColumn(json, "step", hasStep ? Optional.of(steps) : Optional.empty(), picks);
                writeColumn(json, "epoch", hasEpoch ? Optional.of(epochs) : Optional.empty(), picks);
                writeColumn(json, "time", hasTime ? Optional.of(minutes) : Optional.empty(), picks);
                json.writeStringField("y", Float32Base64.encode(values, picks));
                if (smoothed) {
                    json.writeArrayFieldStart("smooth");
                    for (double[] s : smooth) {
                        json.writeString(Float32Base64.encode(Reduction.carry(s, level)));
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeColumn(JsonGenerator json, String name, Optional<double[]> column, int[] picks)
            throws IOException {
        if (column.isPresent()) {
            json.writeStringField(name, Float32Base64.encode(column.get(), picks));
        } else {
            json.writeNullField(name);
        }
    }

    /** The earliest timestamp of the run: where its time axis starts, as in the PNG charts. */
    static double timeOrigin(TrainingLog log) {
        Series time = log.series(MetricNames.TIME);
        double origin = Double.NaN;
        for (int i = 0; i < time.size(); i++) {
            double t = time.value(i);
            if (Double.isFinite(t) && !(t >= origin)) {
                origin = t;
            }
        }
        return origin;
    }

    private static void writeMarkers(JsonGenerator json, ReportInput input, List<String> metrics) throws IOException {
        if (input.checks().isEmpty()) {
            return;
        }
        for (int r = 0; r < input.logs().size(); r++) {
            TrainingLog log = input.logs().get(r);
            for (Finding finding : input.checks().get().get(r).findings()) {
                if (finding.metric().isEmpty()
                        || finding.step().isEmpty()
                        || !metrics.contains(finding.metric().get())) {
                    continue;
                }
                String metric = finding.metric().get();
                long step = finding.step().getAsLong();
                Series series = log.series(metric);
                double epoch = Double.NaN;
                double minutes = Double.NaN;
                for (int i = 0; i < series.size(); i++) {
                    if (series.hasStep(i) && series.step(i) == step) {
                        epoch = series.epoch(i);
                        minutes = (series.timestamp(i) - timeOrigin(log)) / 60.0;
                        break;
                    }
                }
                json.writeStartObject();
                json.writeNumberField("run", r);
                json.writeStringField("metric", metric);
                json.writeNumberField("step", step);
                writeNumberOrNull(json, "epoch", epoch);
                writeNumberOrNull(json, "time", minutes);
                json.writeStringField("severity", finding.severity());
                json.writeStringField("text", finding.detector() + ": " + finding.message());
                json.writeEndObject();
            }
        }
    }

    private static void writeNumberOrNull(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }
}
