package dev.forgather.logs.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.forgather.logs.Exports;
import dev.forgather.logs.Samples;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.testing.Golden;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWritersTest {
    @TempDir
    Path dir;

    private static String write(TableWriter writer, ExportTable table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(table, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertGolden(String name, String actual) {
        Golden.of("core").assertMatches(name, actual);
    }

    @Test
    void csvNamesNonFiniteValuesAndLeavesAbsentCellsEmpty() throws Exception {
        TrainingLog log = ExportTableTest.trickyLog(dir);
        assertThat(write(new CsvTableWriter(), ExportTable.tidy(List.of(log)))).isEqualTo("""
                run,model,format,step,epoch,time,metric,value
                tricky,gpt,forgather,1,0.5,1769495115.5,loss,2.5
                tricky,gpt,forgather,1,0.5,1769495115.5,learning_rate,1e-05
                tricky,gpt,forgather,2,1.0,1769495116.25,loss,NaN
                tricky,gpt,forgather,2,1.0,1769495116.25,grad_norm,Infinity
                tricky,gpt,forgather,2,1.0,1769495117.0,eval_loss,-Infinity
                tricky,gpt,forgather,3,,,loss,3.0
                """);
        assertThat(write(new CsvTableWriter(), ExportTable.wide(List.of(log)))).isEqualTo("""
                run,model,format,step,epoch,time,loss,learning_rate,grad_norm,eval_loss
                tricky,gpt,forgather,1,0.5,1769495115.5,2.5,1e-05,,
                tricky,gpt,forgather,2,1.0,1769495116.25,NaN,,Infinity,
                tricky,gpt,forgather,2,1.0,1769495117.0,,,,-Infinity
                tricky,gpt,forgather,3,,,3.0,,,
                """);
    }

    @Test
    void jsonLinesWritesNonFiniteValuesAsNullAndNamesThemInAFlag() throws Exception {
        TrainingLog log = ExportTableTest.trickyLog(dir);
        assertThat(write(new JsonLinesTableWriter(), ExportTable.tidy(List.of(log))))
                .isEqualTo("""
                {"run":"tricky","model":"gpt","format":"forgather","step":1,"epoch":0.5,"time":1769495115.5,"metric":"loss","value":2.5}
                {"run":"tricky","model":"gpt","format":"forgather","step":1,"epoch":0.5,"time":1769495115.5,"metric":"learning_rate","value":1e-05}
                {"run":"tricky","model":"gpt","format":"forgather","step":2,"epoch":1.0,"time":1769495116.25,"metric":"loss","value":null,"nonfinite":"NaN"}
                {"run":"tricky","model":"gpt","format":"forgather","step":2,"epoch":1.0,"time":1769495116.25,"metric":"grad_norm","value":null,"nonfinite":"Infinity"}
                {"run":"tricky","model":"gpt","format":"forgather","step":2,"epoch":1.0,"time":1769495117.0,"metric":"eval_loss","value":null,"nonfinite":"-Infinity"}
                {"run":"tricky","model":"gpt","format":"forgather","step":3,"epoch":null,"time":null,"metric":"loss","value":3.0}
                """);
        assertThat(write(new JsonLinesTableWriter(), ExportTable.wide(List.of(log)))
                        .lines()
                        .toList())
                .element(1)
                .isEqualTo("{\"run\":\"tricky\",\"model\":\"gpt\",\"format\":\"forgather\",\"step\":2,\"epoch\":1.0,"
                        + "\"time\":1769495116.25,\"loss\":null,\"learning_rate\":null,\"grad_norm\":null,\"eval_loss\":null,"
                        + "\"nonfinite\":{\"loss\":\"NaN\",\"grad_norm\":\"Infinity\"}}");
    }

    /** A run whose first and third records give no global_step; the third follows step 10. */
    private TrainingLog partlyStepless() throws Exception {
        Path run = Files.createDirectories(dir.resolve("output_models/gpt/runs/nostep"));
        Files.writeString(run.resolve("trainer_logs.json"), """
                [
                {"timestamp": 100.5, "epoch": 0.1, "loss": 3.0},
                {"timestamp": 101.5, "global_step": 10, "epoch": 0.2, "loss": 2.5, "grad_norm": 1.5},
                {"timestamp": 102.5, "epoch": 0.3, "loss": 2.2, "grad_norm": 0.5},
                {"global_step": 20, "eval_loss": 2.1}
                ]
                """);
        return TrainingLogs.load(run);
    }

    @Test
    void aRecordWithoutAStepHasAnEmptyStepCellNotZeroOrTheStepBefore() throws Exception {
        TrainingLog log = partlyStepless();
        assertThat(write(new CsvTableWriter(), ExportTable.tidy(List.of(log)))).isEqualTo("""
                run,model,format,step,epoch,time,metric,value
                nostep,gpt,forgather,,0.1,100.5,loss,3.0
                nostep,gpt,forgather,10,0.2,101.5,loss,2.5
                nostep,gpt,forgather,10,0.2,101.5,grad_norm,1.5
                nostep,gpt,forgather,,0.3,102.5,loss,2.2
                nostep,gpt,forgather,,0.3,102.5,grad_norm,0.5
                nostep,gpt,forgather,20,,,eval_loss,2.1
                """);
        assertThat(write(new CsvTableWriter(), ExportTable.wide(List.of(log)))).isEqualTo("""
                run,model,format,step,epoch,time,loss,grad_norm,eval_loss
                nostep,gpt,forgather,,0.1,100.5,3.0,,
                nostep,gpt,forgather,10,0.2,101.5,2.5,1.5,
                nostep,gpt,forgather,,0.3,102.5,2.2,0.5,
                nostep,gpt,forgather,20,,,,,2.1
                """);
    }

    @Test
    void aRecordWithoutAStepHasANullStepInJsonLines() throws Exception {
        TrainingLog log = partlyStepless();
        assertThat(write(new JsonLinesTableWriter(), ExportTable.tidy(List.of(log))))
                .isEqualTo("""
                {"run":"nostep","model":"gpt","format":"forgather","step":null,"epoch":0.1,"time":100.5,"metric":"loss","value":3.0}
                {"run":"nostep","model":"gpt","format":"forgather","step":10,"epoch":0.2,"time":101.5,"metric":"loss","value":2.5}
                {"run":"nostep","model":"gpt","format":"forgather","step":10,"epoch":0.2,"time":101.5,"metric":"grad_norm","value":1.5}
                {"run":"nostep","model":"gpt","format":"forgather","step":null,"epoch":0.3,"time":102.5,"metric":"loss","value":2.2}
                {"run":"nostep","model":"gpt","format":"forgather","step":null,"epoch":0.3,"time":102.5,"metric":"grad_norm","value":0.5}
                {"run":"nostep","model":"gpt","format":"forgather","step":20,"epoch":null,"time":null,"metric":"eval_loss","value":2.1}
                """);
        assertThat(write(new JsonLinesTableWriter(), ExportTable.wide(List.of(log))))
                .isEqualTo("""
                {"run":"nostep","model":"gpt","format":"forgather","step":null,"epoch":0.1,"time":100.5,"loss":3.0,"grad_norm":null,"eval_loss":null}
                {"run":"nostep","model":"gpt","format":"forgather","step":10,"epoch":0.2,"time":101.5,"loss":2.5,"grad_norm":1.5,"eval_loss":null}
                {"run":"nostep","model":"gpt","format":"forgather","step":null,"epoch":0.3,"time":102.5,"loss":2.2,"grad_norm":0.5,"eval_loss":null}
                {"run":"nostep","model":"gpt","format":"forgather","step":20,"epoch":null,"time":null,"loss":null,"grad_norm":null,"eval_loss":2.1}
                """);
    }

    @Test
    void aRunOutsideAModelFolderHasANullModelCellThatIsNotReadAsText() throws Exception {
        Path file = Files.writeString(dir.resolve("trainer_logs.json"), "[\n{\"global_step\": 1, \"loss\": 2.0}\n]\n");
        ExportTable table = ExportTable.tidy(List.of(TrainingLogs.load(file)));
        assertThat(write(new CsvTableWriter(), table)).endsWith(",,forgather,1,,,loss,2.0\n");
        ExportTable.Cursor row = table.cursor();
        assertThat(row.next()).isTrue();
        assertThat(row.isNull(1)).isTrue();
        assertThatThrownBy(() -> row.text(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("column model is null in this row: the run is not under a model folder");
    }

    @Test
    void aNullStepIsNotReadAsANumber() throws Exception {
        ExportTable.Cursor row = ExportTable.tidy(List.of(partlyStepless())).cursor();
        assertThat(row.next()).isTrue();
        assertThat(row.isNull(3)).isTrue();
        assertThatThrownBy(() -> row.integer(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("column step is null in this row: the record has no global_step");
        assertThat(row.next()).isTrue();
        assertThat(row.isNull(3)).isFalse();
        assertThat(row.integer(3)).isEqualTo(10);
    }

    @Test
    void csvOfASampleRunMatchesItsGolden() throws Exception {
        TrainingLog log = TrainingLogs.load(Samples.run("adamw_lr1e-3"));
        assertGolden("export_adamw_lr1e-3.csv", write(new CsvTableWriter(), ExportTable.tidy(List.of(log))));
    }

    @Test
    void wideJsonLinesOfASampleRunMatchesItsGoldenAndParsesBack() throws Exception {
        TrainingLog log = TrainingLogs.load(Samples.run("adamw_lr3e-3"));
        String text = write(new JsonLinesTableWriter(), ExportTable.wide(List.of(log)));
        assertGolden("export_adamw_lr3e-3_wide.jsonl", text);
        // Each line is one strict JSON object, and the loss cells give back the loss series exactly.
        double[] losses = log.series("loss").values();
        int seen = 0;
        JsonFactory json = JsonFactory.builder().build();
        for (String line : text.lines().toList()) {
            try (JsonParser parser = json.createParser(line)) {
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("loss") && value != JsonToken.VALUE_NULL) {
                        assertThat(parser.getDoubleValue()).isEqualTo(losses[seen++]);
                    } else {
                        parser.skipChildren();
                    }
                }
                assertThat(parser.nextToken()).isNull();
            }
        }
        assertThat(seen).isEqualTo(losses.length);
    }

    @Test
    void exportWritesAtomicallyAndCountsRows() throws Exception {
        TrainingLog log = ExportTableTest.trickyLog(dir);
        Path output = dir.resolve("out/runs.csv");
        assertThat(Exports.write(ExportTable.tidy(List.of(log)), ExportFormat.CSV, output))
                .isEqualTo(6);
        assertThat(output)
                .content()
                .startsWith("run,model,format,step,epoch,time,metric,value\n")
                .hasLineCount(7);
    }

    @Test
    void aFailedExportLeavesTheEarlierFileAndNoTemporaryFile() throws Exception {
        TrainingLog log = ExportTableTest.trickyLog(dir);
        Path output = Files.createDirectories(dir.resolve("out")).resolve("runs.jsonl");
        Files.writeString(output, "earlier export\n");
        TableWriter failing = new TableWriter() {
            @Override
            public ExportFormat format() {
                return ExportFormat.JSONL;
            }

            @Override
            public long write(ExportTable table, OutputStream out) throws IOException {
                new JsonLinesTableWriter().write(table, out);
                throw new IOException("no space left on device");
            }
        };
        assertThatThrownBy(() -> Exports.write(ExportTable.tidy(List.of(log)), failing, output))
                .hasMessage("no space left on device");
        assertThat(output).hasContent("earlier export");
        try (Stream<Path> files = Files.list(output.getParent())) {
            assertThat(files).containsExactly(output);
        }
    }

    @Test
    void parquetIsNotInTheCore() {
        assertThat(Exports.writer(ExportFormat.CSV)).isPresent();
        assertThat(Exports.writer(ExportFormat.JSONL)).isPresent();
        assertThat(Exports.writer(ExportFormat.PARQUET)).isEmpty();
    }
}
