package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.forgather.logs.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareCommandTest extends InDemoProject {
    private String lightning() {
        return Samples.shared().resolve("samples/lightning/tiny_gpt/version_0").toString();
    }

    /** Outputs name the temporary project and the shared folder; goldens say PROJECT and SHARED. */
    private String portable(String text) {
        return text.replace(project.toString(), "PROJECT")
                .replace(Samples.shared().toString(), "SHARED");
    }

    private static final String TRY_HELP = "Try 'forgather logs compare --help' for more information.\n";

    private Cli.Result compare(String... args) {
        return logs("compare", args);
    }

    private String[] threeRuns(String... options) {
        List<String> args = new ArrayList<>(List.of(
                run("tiny_gpt/runs/adamw_lr1e-3"),
                run("tiny_gpt/runs/adamw_lr3e-3"),
                lightning(),
                "--target",
                "eval_loss=1.6"));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    @Test
    void theTwoSampleRunsAsAnAlignedTable() {
        Cli.Result r = compare(
                run("tiny_gpt/runs/adamw_lr1e-3"), run("tiny_gpt/runs/adamw_lr3e-3"), "--target", "eval_loss=1.6");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("compare_samples.txt", r.out());
        assertThat(r.out()).doesNotContain("\u001b[");
        String[] lines = r.out().split("\n");
        // Every row has the same width as the rule under the header: the columns line up.
        int width = lines[2].length();
        assertThat(lines[2]).matches("-+");
        assertThat(lines[3].length()).isEqualTo(width);
        assertThat(lines[4].length()).isEqualTo(width);
    }

    @Test
    void threeRunsOfTwoFormatsAsText() {
        Cli.Result r = compare(threeRuns());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("compare_three.txt", r.out());
    }

    @Test
    void threeRunsAsMarkdown() {
        Cli.Result r = compare(threeRuns("--format", "md"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("compare_three.md", r.out());
    }

    @Test
    void threeRunsAsCsv() {
        Cli.Result r = compare(threeRuns("--format", "csv"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("compare_three.csv", portable(r.out()));
    }

    @Test
    void threeRunsAsJson() {
        Cli.Result r = compare(threeRuns("--format", "json"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("compare_three.json", portable(r.out()));
    }

    @Test
    void jsonReadsBackWithTheKeysTheIssuePins() throws IOException {
        Cli.Result r = compare(threeRuns("--format", "json"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        List<Map<String, Object>> rows = parseArray(r.out());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).keySet())
                .containsExactly(
                        "run",
                        "model",
                        "path",
                        "format",
                        "baseline",
                        "steps",
                        "samples_per_second",
                        "throughput_ratio",
                        "config",
                        "metrics",
                        "target");
        assertThat(rows).extracting(row -> row.get("baseline")).containsExactly(true, false, false);
        assertThat(rows).extracting(row -> row.get("format")).containsExactly("forgather", "forgather", "lightning");
        Map<String, Object> baseLoss = metric(rows.get(0), "eval_loss");
        assertThat(baseLoss.keySet())
                .containsExactly("final", "best", "best_step", "at_baseline_end", "delta", "delta_pct");
        for (Map<String, Object> row : rows) {
            Map<String, Object> m = metric(row, "eval_loss");
            double delta = (double) m.get("final") - (double) baseLoss.get("final");
            assertThat((double) m.get("delta")).isCloseTo(delta, org.assertj.core.api.Assertions.within(1e-12));
        }
        // The Lightning run ends at 1199, before the baseline's 1500: no value there; no timestamps: no time.
        assertThat(metric(rows.get(2), "eval_loss").get("at_baseline_end")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) rows.get(2).get("target");
        assertThat(target.keySet()).containsExactly("metric", "value", "step", "seconds", "speedup");
        assertThat(target.get("step")).as("its best eval loss is 1.6721").isNull();
        assertThat(target.get("seconds")).isNull();
        assertThat(target.get("speedup")).isNull();
        assertThat(rows.get(1).get("throughput_ratio")).isEqualTo(2548.182 / 2170.972);
        assertThat(rows.get(2).get("samples_per_second")).isNull();
    }

    @Test
    void fewerThanTwoRunsIsAUsageError() {
        Cli.Result r = compare(run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: compare needs a baseline and at least one other run, got 1\n"
                        + "Try 'forgather logs compare --help' for more information.\n");
    }

    @Test
    void anUnreadableRunGetsOneLineAndTheRestAreStillCompared() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty_run")).resolve("trainer_logs.json");
        Files.writeString(empty, "");
        Cli.Result r = compare(
                run("tiny_gpt/runs/adamw_lr1e-3"),
                empty.toString(),
                run("tiny_gpt/runs/adamw_lr3e-3"),
                "--target",
                "eval_loss=1.6");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + empty + ": empty file\n");
        Golden.of("cli").assertMatches("compare_samples.txt", r.out());
    }

    @Test
    void withOneRunLeftNothingIsCompared() {
        Path missing = tmp.resolve("no_such_run");
        Cli.Result r = compare(run("tiny_gpt/runs/adamw_lr1e-3"), missing.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: " + missing + ": no such file\n" + "error: fewer than two runs left to compare\n");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        String a = run("tiny_gpt/runs/adamw_lr1e-3");
        String b = run("tiny_gpt/runs/adamw_lr3e-3");
        Cli.Result target = compare(a, b, "--target", "eval_loss");
        assertThat(target.exitCode()).isEqualTo(2);
        assertThat(target.out()).isEmpty();
        assertThat(target.err())
                .isEqualTo("error: --target: 'eval_loss' is not METRIC=VALUE, e.g. eval_loss=1.9\n" + TRY_HELP);
        Cli.Result sort = compare(a, b, "--sort", "eval_loss.median");
        assertThat(sort.exitCode()).isEqualTo(2);
        assertThat(sort.out()).isEmpty();
        assertThat(sort.err()).startsWith("error: --sort: 'eval_loss.median' is not a key to sort by; expected one of");
        Cli.Result group = compare(a, b, "--group=seed(");
        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.out()).isEmpty();
        assertThat(group.err())
                .isEqualTo("error: --group: 'seed(' is not a regular expression: unclosed group\n" + TRY_HELP);
        Cli.Result format = compare(a, b, "--format", "html");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.out()).isEmpty();
        assertThat(format.err())
                .isEqualTo("error: Invalid value for option '--format': 'html' is not a format;"
                        + " expected one of text, md, json, csv\n" + TRY_HELP);
        Cli.Result smooth = compare(a, b, "--smooth", "-1");
        assertThat(smooth.exitCode()).isEqualTo(2);
        assertThat(smooth.out()).isEmpty();
        assertThat(smooth.err()).isEqualTo("error: --smooth must be 0 or more, got -1\n" + TRY_HELP);
    }

    @Test
    void sortOrdersTheOtherRowsBestFirst() {
        Cli.Result r = compare(
                lightning(),
                run("tiny_gpt/runs/adamw_lr1e-3"),
                run("tiny_gpt/runs/adamw_lr3e-3"),
                "--sort",
                "eval_loss.final",
                "--format",
                "csv");
        assertThat(r.exitCode()).isZero();
        assertThat(Cli.firstColumn(r.out())).containsExactly("version_0", "adamw_lr3e-3", "adamw_lr1e-3");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void outputGoesToAFileAtomically() throws IOException {
        Path file = tmp.resolve("reports/compare.md");
        Cli.Result r = compare(threeRuns("--format", "md", "--output", file.toString()));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("Comparison written to: " + file + "\n");
        Cli.Result toStdout = compare(threeRuns("--format", "md"));
        assertThat(toStdout.exitCode()).isZero();
        assertThat(toStdout.err()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(toStdout.out());
    }

    @Test
    void anOutputThatIsOneOfTheLogsIsRefused() throws IOException {
        Path log = Path.of(run("tiny_gpt/runs/adamw_lr3e-3/trainer_logs.json"));
        byte[] before = Files.readAllBytes(log);
        Cli.Result r = compare(
                run("tiny_gpt/runs/adamw_lr1e-3"), run("tiny_gpt/runs/adamw_lr3e-3"), "--output", log.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: --output " + log + " is one of the logs being read\n");
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metric(Map<String, Object> row, String name) {
        return (Map<String, Object>) ((Map<String, Object>) row.get("metrics")).get(name);
    }

    /** A JSON array of objects, into maps (numbers as Long or Double, null as null). */
    static List<Map<String, Object>> parseArray(String json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            List<Map<String, Object>> rows = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                rows.add(object(p));
            }
            assertThat(p.nextToken()).as("nothing after the array").isNull();
            return rows;
        }
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            assertThat(map).as("duplicate key " + key).doesNotContainKey(key);
            map.put(key, value(p, p.nextToken()));
        }
        return map;
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(value(p, t));
                }
                yield list;
            }
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected " + token);
        };
    }
}
