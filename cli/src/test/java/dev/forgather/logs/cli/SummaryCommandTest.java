package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.forgather.logs.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryCommandTest extends InDemoProject {
    /** Outputs name the temporary project; goldens say PROJECT instead. */
    private String portable(String text) {
        return text.replace(project.toString(), "PROJECT");
    }

    private Cli.Result summary(String... args) {
        return logs("summary", args);
    }

    @Test
    void textSummaryOfARunDirectory() {
        Cli.Result r = summary(run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("summary_adamw_lr1e-3.txt", r.out());
    }

    @Test
    void markdownSummaryOfALogFile() {
        Cli.Result r = summary("--format", "md", run("tiny_gpt/runs/adamw_lr1e-3/trainer_logs.json"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("summary_adamw_lr1e-3.md", r.out());
    }

    @Test
    void jsonSummaryOfARun() {
        Cli.Result r = summary("--format", "json", run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.of("cli").assertMatches("summary_adamw_lr1e-3.json", portable(r.out()));
    }

    @Test
    void oneLineSummaryOfOneRunHasNoHeader() {
        Cli.Result r = summary("--format", "one-line", run("tiny_gpt/runs/adamw_lr3e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .isEqualTo("adamw_lr3e-3 | steps=1500 | time=00:18 | loss=1.5058 | eval=1.3478 | samp/s=2548.2\n");
    }

    @Test
    void allRunsOneLineAreAlignedColumnsNewestFirst() {
        Cli.Result r = summary("--all", "--format", "one-line");
        assertThat(r.exitCode()).isZero();
        Golden.of("cli").assertMatches("summary_all.one-line", r.out());
        String[] lines = r.out().split("\n");
        int firstBar = lines[0].indexOf(" | ");
        for (String line : lines) {
            if (!line.startsWith("---")) {
                assertThat(line.indexOf(" | ")).as(line).isEqualTo(firstBar);
            }
        }
        assertThat(r.err()).isEqualTo(killedWarning());
    }

    @Test
    void allRunsAsTextIncludesTheNonFiniteLossLine() {
        Cli.Result r = summary("--all", "--format", "text");
        assertThat(r.exitCode()).isZero();
        Golden.of("cli").assertMatches("summary_all.txt", r.out());
        assertThat(r.out()).contains("  Non-finite Losses: 21 (first at step 3000)\n");
        assertThat(r.err()).isEqualTo(killedWarning());
    }

    @Test
    void allRunsAsMarkdown() {
        Cli.Result r = summary("--all", "--format", "md");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEqualTo(killedWarning());
        Golden.of("cli").assertMatches("summary_all.md", r.out());
    }

    @Test
    void allRunsAsJsonIsAStrictArrayWithNullForNonFiniteValues() throws IOException {
        Cli.Result r = summary("--all", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEqualTo(killedWarning());
        Golden.of("cli").assertMatches("summary_all.json", portable(r.out()));
        Map<String, Map<String, String>> runs = parseArray(r.out());
        assertThat(runs).hasSize(6);
        Map<String, String> diverged = runs.get("diverged_lr1e-2_2026-01-21T14-30-00");
        assertThat(diverged.get("final_loss")).isEqualTo("null");
        assertThat(diverged.get("nonfinite_loss_count")).isEqualTo("21");
        assertThat(diverged.get("first_nonfinite_loss_step")).isEqualTo("3000");
        assertThat(diverged.get("train_runtime")).isEqualTo("null");
    }

    @Test
    void latestLogIsAnnouncedOnStderrSoJsonOnStdoutParses() throws IOException {
        Cli.Result r = summary("--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err())
                .isEqualTo("Using latest log: " + run("llama_1b/runs/resumed_2026-01-23T10-00-00")
                        + "/trainer_logs.json\n\n");
        assertThat(parseObject(r.out())).containsEntry("run_name", "resumed_2026-01-23T10-00-00");
    }

    @Test
    void aRunKilledMidTrainingGivesValidJsonOfItsCompleteRecords() throws IOException {
        Cli.Result r = summary("--format", "json", run("llama_1b/runs/killed_2026-01-22T08-15-00"));
        assertThat(r.exitCode()).isZero();
        Map<String, String> s = parseObject(r.out());
        assertThat(s).containsEntry("total_steps", "5000").containsEntry("train_runtime", "null");
        assertThat(r.err()).isEqualTo(killedWarning());
    }

    @Test
    void anUnreadableLogIsReportedAndTheOthersStillSummarised() throws IOException {
        Path bad = project.resolve("bad.json");
        Files.writeString(bad, "[\n{\"loss\": 1.0},\n{\"loss\": ]\n,{\"loss\": 2}]");
        Cli.Result r = summary("--format", "one-line", bad.toString(), run("tiny_gpt/runs/adamw_lr3e-3"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + bad + ": line 3, column 10: unexpected character ']'\n");
        assertThat(r.out()).contains("adamw_lr3e-3").hasLineCount(3);
    }

    @Test
    void anEmptyFileIsBadInput() throws IOException {
        Path empty = Files.createFile(project.resolve("trainer_logs.json"));
        Cli.Result r = summary(empty.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + empty + ": empty file\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anEmptyArrayPrintsOnlyTheHeader() throws IOException {
        Path dir = Files.createDirectories(project.resolve("output_models/m/runs/fresh"));
        Files.writeString(dir.resolve("trainer_logs.json"), "[]");
        Cli.Result r = summary(dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Training Run Summary\n" + "=".repeat(60) + "\nRun: fresh\n");
        assertThat(r.err()).isEmpty();
        Cli.Result json = summary("--format", "json", dir.toString());
        assertThat(json.exitCode()).isZero();
        assertThat(json.err()).isEmpty();
        assertThat(parseObject(json.out()))
                .containsEntry("total_steps", "null")
                .containsEntry("final_loss", "null")
                .containsEntry("nonfinite_loss_count", "null");
        assertThat(parseObject(json.out()).values())
                .as("every statistic of an empty log is null")
                .containsOnly("fresh", "m", dir.resolve("trainer_logs.json").toString(), "forgather", "null");
    }

    @Test
    void noLogsFoundIsAnErrorOnStderr() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Cli.Result r = Cli.run("-p", empty.toString(), "logs", "summary");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: No training logs found.\nSearched in: " + empty.resolve("output_models") + "\n");
    }

    @Test
    void outputIsWrittenToAFileWithItsFolders() throws IOException {
        Path out = tmp.resolve("reports/summary.json");
        Cli.Result r = summary("--format", "json", "--output", out.toString(), run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Summary written to: " + out + "\n");
        assertThat(r.err()).isEmpty();
        assertThat(parseObject(Files.readString(out))).containsEntry("best_loss_step", "1440");
    }

    @Test
    void anOutputThatCannotBeWrittenLeavesTheOldFileUntouched() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("locked"));
        Path out = folder.resolve("summary.txt");
        Files.writeString(out, "previous summary");
        String log = run("tiny_gpt/runs/adamw_lr1e-3");
        Unprivileged.require(tmp);
        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Cli.Result r = Unprivileged.run(tmp, "logs", "summary", "-o", out.toString(), log);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("error: " + out + ": cannot write: permission denied\n");
            assertThat(out).hasContent("previous summary");
        } finally {
            Unprivileged.unlock(folder);
        }
    }

    @Test
    void anOutputPathThatIsADirectoryIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("out"));
        Cli.Result r = summary("-o", dir.toString(), run("tiny_gpt/runs/adamw_lr1e-3"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + dir + ": cannot write: is a directory\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli.Result r = summary("--format", "yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("error: Invalid value for option '--format': 'yaml' is not a format; expected one of text,"
                        + " json, md, one-line\n"
                        + "Try 'forgather logs summary --help' for more information.\n");
        assertThat(r.out()).isEmpty();
    }

    /**
     * A JSON object's values as JSON text ("null", numbers as written, strings unquoted); a nested
     * object's values under {@code key.name}.
     */
    static Map<String, String> parseObject(String json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            Map<String, String> out = readObject(p);
            assertThat(p.nextToken()).as("nothing after the object").isNull();
            return out;
        }
    }

    static Map<String, Map<String, String>> parseArray(String json) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> object = readObject(p);
                out.put(object.get("run_name"), object);
            }
            assertThat(p.nextToken()).as("nothing after the array").isNull();
        }
        return out;
    }

    /** Every object of a JSON array, in order (run names may repeat across formats). */
    static java.util.List<Map<String, String>> parseArrayAll(String json) throws IOException {
        java.util.List<Map<String, String>> out = new java.util.ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                out.add(readObject(p));
            }
            assertThat(p.nextToken()).as("nothing after the array").isNull();
        }
        return out;
    }

    private static Map<String, String> readObject(JsonParser p) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (p.currentToken() == JsonToken.START_OBJECT) {
                // A nested object (config): its values under "key.name".
                readObject(p).forEach((name, value) -> out.put(key + "." + name, value));
            } else {
                out.put(key, p.currentToken() == JsonToken.VALUE_NULL ? "null" : p.getText());
            }
        }
        return out;
    }

    @Test
    void aJsonObjectIsNotAJsonArrayWhateverTheFileIsCalled() throws IOException {
        Path obj = Files.writeString(tmp.resolve("obj.json"), "{\"a\": 1}");
        Cli.Result r = summary(obj.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + obj + ": line 1, column 1: not a JSON array\n");
    }
}
