package dev.forgather.logs.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void aMillionRecordRunFitsInEightMegabytes() {
        TrainingLog log = DemoRuns.synthetic(1_000_000, 654_321);
        byte[] html = HtmlReport.render(ReportInput.of(List.of(log))).getBytes(StandardCharsets.UTF_8);
        assertThat(html.length).isLessThanOrEqualTo(8_000_000);
        // Far less than the 1,000,000 points of each of loss, grad_norm and learning_rate in float32 alone.
        assertThat(html.length).isGreaterThan(1_000_000);
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        List<TrainingLog> logs = DemoRuns.all();
        String first = HtmlReport.render(ReportInput.of(logs));
        String second = HtmlReport.render(ReportInput.of(DemoRuns.all()));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theContentSecurityPolicyAllowsExactlyTheInlineScriptsAndStyles() {
        String html = HtmlReport.render(ReportInput.of(List.of(DemoRuns.load(DemoRuns.RUNS.get(0)))));
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">")
                .matcher(html);
        assertThat(csp.find()).isTrue();
        assertThat(csp.start()).isLessThan(html.indexOf("<script")).isLessThan(html.indexOf("<style"));
        String policy = csp.group(1);
        assertThat(policy)
                .startsWith("default-src 'none'; script-src 'sha256-")
                .contains("img-src data:")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http");
        Matcher scripts =
                Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int executable = 0;
        while (scripts.find()) {
            assertThat(policy).contains(HtmlReport.hash(scripts.group(1)));
            executable++;
        }
        assertThat(executable).isEqualTo(2);
        Matcher styles = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        int sheets = 0;
        while (styles.find()) {
            assertThat(policy).contains(HtmlReport.hash(styles.group(1)));
            sheets++;
        }
        assertThat(sheets).isEqualTo(2);
    }

    @Test
    void findingsAreListedPerRunAndTheVerdictJoinsTheSummaryTable() {
        List<TrainingLog> logs = List.of(DemoRuns.load(DemoRuns.RUNS.get(2)), DemoRuns.load(DemoRuns.RUNS.get(3)));
        ReportInput input = ReportInput.of(logs)
                .withChecks(List.of(
                        new RunCheck(
                                "warning",
                                List.of(new Finding(
                                        "warning",
                                        "loss-spike",
                                        Optional.of("loss"),
                                        OptionalLong.of(3000),
                                        "loss 4.02 is 3.1x the running median 1.30"))),
                        new RunCheck(
                                "error",
                                List.of(
                                        new Finding(
                                                "error",
                                                "nan",
                                                Optional.of("loss"),
                                                OptionalLong.of(3000),
                                                "loss is NaN from step 3000 on"),
                                        new Finding(
                                                "info",
                                                "no-final-record",
                                                Optional.empty(),
                                                OptionalLong.empty(),
                                                "the run did not finish")))));
        String html = HtmlReport.render(input);
        assertThat(html)
                .contains(
                        "<th scope=\"col\">Check</th>",
                        "<td class=\"verdict warning\">warning</td>",
                        "<td class=\"verdict error\">error</td>",
                        "<h2>Check findings</h2>",
                        "<li class=\"warning\"><b>warning</b> loss-spike · loss · step 3000: loss 4.02 is 3.1x the running median 1.30</li>",
                        "<li class=\"info\"><b>info</b> no-final-record: the run did not finish</li>");
        // Marked on the loss chart at step 3000, with the other axes' positions; the finding without a metric is only
        // listed.
        assertThat(html)
                .contains("\"markers\":[{\"run\":0,\"metric\":\"loss\",\"step\":3000,\"epoch\":")
                .contains("\"severity\":\"error\",\"text\":\"nan: loss is NaN from step 3000 on\"}]")
                .doesNotContain("\"text\":\"no-final-record");
    }

    @Test
    void withoutCheckOrCompareThoseSectionsAreLeftOut() {
        String html = HtmlReport.render(ReportInput.of(DemoRuns.all()));
        assertThat(html)
                .doesNotContain("id=\"findings\"", "id=\"compare\"", ">Check<")
                .contains("\"markers\":[]");
    }

    @Test
    void aComparisonTableIsShownAgainstItsBaseline() {
        List<TrainingLog> logs = List.of(DemoRuns.load(DemoRuns.RUNS.get(0)), DemoRuns.load(DemoRuns.RUNS.get(1)));
        String html = HtmlReport.render(ReportInput.of(logs)
                .withComparison(new ComparisonTable(
                        "tiny_gpt/adamw_lr1e-3",
                        List.of("Run", "Final loss", "Δ"),
                        List.of(List.of("tiny_gpt/adamw_lr3e-3", "1.5058", "-0.2280")))));
        assertThat(html)
                .contains(
                        "<h2>Compared with tiny_gpt/adamw_lr1e-3</h2>",
                        "<th scope=\"col\">Δ</th>",
                        "<td>tiny_gpt/adamw_lr3e-3</td><td>1.5058</td><td>-0.2280</td>");
    }
}
