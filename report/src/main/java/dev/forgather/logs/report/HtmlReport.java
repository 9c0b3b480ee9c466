package dev.forgather.logs.report;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.format.Numbers;
import dev.forgather.logs.model.SummaryStatistics;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.plot.Palette;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.DoubleFunction;

/**
 * One self-contained HTML file of training runs: the summary table, the comparison and the check
 * findings when given, and an interactive uPlot chart of every metric. Everything is inline
 * (scripts, styles, data), a Content-Security-Policy forbids any network access, and the same
 * input gives the same bytes: no timestamps, no random ids.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** Writes the report of {@code input} to {@code out} as UTF-8. */
    public static void write(ReportInput input, OutputStream out) throws IOException {
        out.write(render(input).getBytes(StandardCharsets.UTF_8));
    }

    /** The report of {@code input} as HTML text. */
    public static String render(ReportInput input) {
        List<String> colors = new ArrayList<>();
        for (int r = 0; r < input.logs().size(); r++) {
            Color c = Palette.color(r);
            colors.add(String.format("#%06x", c.getRGB() & 0xffffff));
        }
        List<String> metrics = ChartData.chartedMetrics(input.logs());
        String data = ChartData.json(input, metrics, colors);
        String uplotStyle = Assets.uplotStyle();
        String reportStyle = Assets.reportStyle() + runColours(colors);
        String uplotScript = Assets.uplotScript();
        String reportScript = Assets.reportScript();

        StringBuilder html = new StringBuilder(data.length() + uplotScript.length() + 64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // Before any script or style: nothing may be fetched, only these inline scripts and styles run.
        html.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src ")
                .append(hash(uplotScript))
                .append(' ')
                .append(hash(reportScript))
                .append("; style-src ")
                .append(hash(uplotStyle))
                .append(' ')
                .append(hash(reportStyle))
                .append("; img-src data:; base-uri 'none'; form-action 'none'\">\n");
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.append("<meta name=\"generator\" content=\"forgather-logs ")
                .append(escape(Assets.toolVersion()))
                .append(", uPlot ")
                .append(escape(Assets.uplotVersion()))
                .append("\">\n");
        html.append("<title>").append(escape(input.title())).append("</title>\n");
        html.append("<style>").append(uplotStyle).append("</style>\n");
        html.append("<style>").append(reportStyle).append("</style>\n");
        html.append("</head>\n<body>\n<header>\n<h1>")
                .append(escape(input.title()))
                .append("</h1>\n");
        html.append("<p class=\"sub\">")
                .append(input.logs().size())
                .append(input.logs().size() == 1 ? " run" : " runs")
                .append(", ")
                .append(metrics.size())
                .append(metrics.size() == 1 ? " metric" : " metrics")
                .append(". Written by forgather-logs ")
                .append(escape(Assets.toolVersion()))
                .append("; opens offline, nothing is fetched.</p>\n</header>\n<main>\n");
        summary(html, input);
        input.comparison().ifPresent(table -> comparison(html, table));
        if (input.checks().isPresent()) {
            findings(html, input);
        }
        charts(html, input, metrics);
        html.append("</main>\n");
        html.append("<script type=\"application/json\" id=\"report-data\">")
                .append(data)
                .append("</script>\n");
        html.append("<script>").append(uplotScript).append("</script>\n");
        html.append("<script>").append(reportScript).append("</script>\n");
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** One class per run for its colour: a style attribute would need the CSP's 'unsafe-inline'. */
    private static String runColours(List<String> colors) {
        StringBuilder css = new StringBuilder("\n");
        for (int r = 0; r < colors.size(); r++) {
            css.append(".run-")
                    .append(r)
                    .append(" { --run: ")
                    .append(colors.get(r))
                    .append("; }\n");
        }
        return css.toString();
    }

    private static void summary(StringBuilder html, ReportInput input) {
        boolean checked = input.checks().isPresent();
        html.append("<section id=\"runs\">\n<h2>Runs</h2>\n");
        html.append("<table class=\"sortable\" id=\"summary\">\n<thead><tr>");
        String[] header = {"#", "Run", "Steps", "Time", "Loss", "Eval", "Throughput", "Format"};
        for (String h : header) {
            html.append("<th scope=\"col\">").append(h).append("</th>");
        }
        if (checked) {
            html.append("<th scope=\"col\">Check</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < input.logs().size(); r++) {
            TrainingLog log = input.logs().get(r);
            SummaryStatistics s = TrainingLogs.summarize(log);
            html.append("<tr class=\"run-").append(r).append("\">");
            html.append("<td data-v=\"").append(r).append("\">").append(r + 1).append("</td>");
            html.append("<td title=\"")
                    .append(escape(log.path().toString()))
                    .append("\"><span class=\"swatch\"></span>")
                    .append(escape(input.labels().get(r)))
                    .append("</td>");
            cell(html, s.totalSteps());
            cell(html, s.trainRuntimeSeconds(), Numbers::clock);
            cell(html, s.finalLoss(), Numbers::loss);
            cell(html, s.bestEvalLoss(), Numbers::loss);
            cell(html, s.trainSamplesPerSecond(), v -> Numbers.fixed(v, 1));
            html.append("<td>").append(escape(log.format().id())).append("</td>");
            if (checked) {
                String verdict = input.checks().get().get(r).verdict();
                html.append("<td class=\"verdict ")
                        .append(cssWord(verdict))
                        .append("\">")
                        .append(escape(verdict))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"note\">Steps: the last training record's step; Time: the trainer's "
                + "train_runtime; Loss: final training loss; Eval: best evaluation loss; Throughput: samples per second. "
                + "Click a column to sort.</p>\n</section>\n");
    }

    private static void cell(StringBuilder html, OptionalLong value) {
        if (value.isPresent()) {
            html.append("<td class=\"num\" data-v=\"")
                    .append(value.getAsLong())
                    .append("\">")
                    .append(value.getAsLong())
                    .append("</td>");
        } else {
            html.append("<td class=\"num na\">N/A</td>");
        }
    }

    private static void cell(StringBuilder html, OptionalDouble value, DoubleFunction<String> format) {
        if (value.isPresent()) {
            double v = value.getAsDouble();
            html.append("<td class=\"num\"");
            if (Double.isFinite(v)) {
                html.append(" data-v=\"").append(v).append('"');
            }
            html.append('>').append(escape(format.apply(v))).append("</td>");
        } else {
            html.append("<td class=\"num na\">N/A</td>");
        }
    }

    private static void comparison(StringBuilder html, ComparisonTable table) {
        html.append("<section id=\"compare\">\n<h2>Compared with ")
                .append(escape(table.baseline()))
                .append("</h2>\n");
        html.append("<table class=\"sortable\">\n<thead><tr>");
        for (String h : table.header()) {
            html.append("<th scope=\"col\">").append(escape(h)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void findings(StringBuilder html, ReportInput input) {
        html.append("<section id=\"findings\">\n<h2>Check findings</h2>\n");
        for (int r = 0; r < input.logs().size(); r++) {
            RunCheck check = input.checks().get().get(r);
            html.append("<h3 class=\"run-")
                    .append(r)
                    .append("\"><span class=\"swatch\"></span>")
                    .append(escape(input.labels().get(r)))
                    .append(": ")
                    .append(escape(check.verdict()))
                    .append("</h3>\n");
            if (check.findings().isEmpty()) {
                html.append("<p class=\"note\">No findings.</p>\n");
                continue;
            }
            html.append("<ul class=\"findings\">\n");
            for (Finding f : check.findings()) {
                html.append("<li class=\"")
                        .append(cssWord(f.severity()))
                        .append("\"><b>")
                        .append(escape(f.severity()))
                        .append("</b> ")
                        .append(escape(f.detector()));
                f.metric().ifPresent(m -> html.append(" · ").append(escape(m)));
                if (f.step().isPresent()) {
                    html.append(" · step ").append(f.step().getAsLong());
                }
                html.append(": ").append(escape(f.message())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    private static void charts(StringBuilder html, ReportInput input, List<String> metrics) {
        html.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        if (metrics.isEmpty()) {
            html.append("<p class=\"note\">No metric has two points to draw.</p>\n</section>\n");
            return;
        }
        html.append("<div id=\"controls\">\n<div id=\"run-toggles\" role=\"group\" aria-label=\"Runs\">");
        for (int r = 0; r < input.logs().size(); r++) {
            html.append("<button type=\"button\" class=\"run-toggle run-")
                    .append(r)
                    .append("\" data-run=\"")
                    .append(r)
                    .append("\" aria-pressed=\"true\"><span class=\"swatch\"></span>")
                    .append(escape(input.labels().get(r)))
                    .append("</button>");
        }
        html.append("</div>\n<div class=\"control-row\">\n");
        html.append("<label>Smoothing <input type=\"range\" id=\"smoothing\" min=\"0\" max=\"")
                .append(SmoothingStop.ALL.size() - 1)
                .append("\" step=\"1\" value=\"0\"></label> ")
                .append("<output id=\"smoothing-label\" for=\"smoothing\">off</output>\n");
        html.append("<span id=\"x-axis\" role=\"radiogroup\" aria-label=\"x axis\">x axis: ")
                .append("<label><input type=\"radio\" name=\"x-axis\" value=\"step\" checked> step</label> ")
                .append("<label><input type=\"radio\" name=\"x-axis\" value=\"epoch\"> epoch</label> ")
                .append("<label><input type=\"radio\" name=\"x-axis\" value=\"time\"> time (minutes)</label></span>\n");
        html.append("<label><input type=\"checkbox\" id=\"log-scale\"> log scale</label>\n");
        html.append(
                        "</div>\n<p class=\"note\">Drag to zoom, double-click to reset; hover for each run's value; click a run "
                                + "to hide or show it in every chart. Smoothing applies to losses. Series above ")
                .append(String.format("%,d", Reduction.RAW_LIMIT))
                .append(
                        " points are drawn from the smallest and largest real value per bucket, finer as you zoom.</p>\n");
        html.append("</div>\n<div id=\"chart-grid\">\n");
        for (int m = 0; m < metrics.size(); m++) {
            html.append("<figure class=\"chart\" id=\"chart-")
                    .append(m)
                    .append("\" data-metric=\"")
                    .append(escape(metrics.get(m)))
                    .append("\"><figcaption>")
                    .append(escape(metrics.get(m)))
                    .append("</figcaption></figure>\n");
        }
        html.append("</div>\n<noscript><p>The charts need JavaScript.</p></noscript>\n</section>\n");
    }

    private static String cssWord(String word) {
        return word.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The CSP source that allows exactly this inline script or style. */
    static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
