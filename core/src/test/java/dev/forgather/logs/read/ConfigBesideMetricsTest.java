package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration trainers write beside their metrics is the log's config(). */
class ConfigBesideMetricsTest {
    @TempDir
    Path dir;

    @Test
    void lightningsHparamsYamlBesideMetricsCsvIsTheConfig() throws Exception {
        Path run = Files.createDirectories(dir.resolve("lightning_logs/version_0"));
        Files.writeString(run.resolve("metrics.csv"), "epoch,step,train_loss\n0,9,2.5\n");
        Files.writeString(
                run.resolve("hparams.yaml"),
                "lr: 0.001\nbatch_size: 32\nbetas:\n- 0.9\n- 0.999\noptimizer:\n  name: adamw\n  eps: 1.0e-08\n");

        TrainingLog log = TrainingLogs.load(run);

        assertThat(log.format()).isEqualTo(LogFormat.LIGHTNING_CSV);
        assertThat(log.config())
                .containsExactly(
                        Map.entry("batch_size", "32"),
                        Map.entry("lr", "0.001"),
                        Map.entry("optimizer.eps", "1.0e-08"),
                        Map.entry("optimizer.name", "adamw"));
        assertThat(log.warnings())
                .containsExactly(run.resolve("hparams.yaml")
                        + ": ignored what this reader does not understand: line 3: betas is a list");
        assertThat(log.series("loss").values()).containsExactly(2.5);
    }

    @Test
    void anHparamsYamlThatIsNotTextIsOneWarningAndTheMetricsAreRead() throws Exception {
        Path run = Files.createDirectories(dir.resolve("version_1"));
        Files.writeString(run.resolve("metrics.csv"), "epoch,step,train_loss\n0,9,2.5\n");
        Files.write(run.resolve("hparams.yaml"), new byte[] {'l', 'r', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});

        TrainingLog log = TrainingLogs.load(run);

        assertThat(log.config()).isEmpty();
        assertThat(log.warnings())
                .containsExactly(run.resolve("hparams.yaml") + ": not UTF-8 text; its hyperparameters were not read");
        assertThat(log.recordCount()).isEqualTo(1);
    }

    @Test
    void aRealHuggingFaceStatesRunSettingsAreTheConfig() throws Exception {
        Path huggingFace = Shared.realWorld().resolve("huggingface");

        // python3 -c 'json.load(...)': the top-level fields of each trainer_state.json.
        assertThat(TrainingLogs.load(huggingFace.resolve("multi-eval-viz")).config())
                .containsExactly(
                        Map.entry("eval_steps", "500"),
                        Map.entry("logging_steps", "500"),
                        Map.entry("max_steps", "12030"),
                        Map.entry("num_train_epochs", "30"),
                        Map.entry("save_steps", "500"),
                        Map.entry("train_batch_size", "4"));
        // An older trainer: no logging, eval or save steps, no batch size; epochs set to
        // sys.maxsize because max_steps decides the length.
        assertThat(TrainingLogs.load(huggingFace.resolve("whisper-tiny-nb")).config())
                .containsExactly(
                        Map.entry("max_steps", "100000"), Map.entry("num_train_epochs", "9223372036854775807"));
        assertThat(TrainingLogs.load(huggingFace.resolve("whisper-large-ja/last-checkpoint/trainer_state.json"))
                        .config())
                .containsExactly(Map.entry("max_steps", "5000"), Map.entry("num_train_epochs", "39"));
    }

    @Test
    void configJsonAndTrainingArgsBesideTheStateAreFlattenedAndTheStateWins() throws Exception {
        Path run = Files.createDirectory(dir.resolve("gpt2-finetune"));
        Files.writeString(
                run.resolve("trainer_state.json"),
                "{\"global_step\": 20, \"log_history\": [{\"loss\": 2.5, \"step\": 10}],"
                        + " \"max_steps\": 20, \"num_train_epochs\": 1, \"train_batch_size\": 8, \"eval_steps\": null}");
        Files.writeString(
                run.resolve("training_args.json"),
                "{\"learning_rate\": 5e-05, \"max_grad_norm\": 1.0, \"max_steps\": -1, \"report_to\": [\"tensorboard\"],"
                        + " \"fp16\": false}");
        Files.writeString(
                run.resolve("config.json"),
                "{\"model_type\": \"gpt2\", \"n_layer\": 2, \"architectures\": [\"GPT2LMHeadModel\"],"
                        + " \"pad_token_id\": null,"
                        + " \"task_specific_params\": {\"text-generation\": {\"do_sample\": true, \"max_length\": 50}}}");

        TrainingLog log = TrainingLogs.load(run);

        assertThat(log.config())
                .containsExactly(
                        Map.entry("architectures", "[\"GPT2LMHeadModel\"]"),
                        Map.entry("fp16", "false"),
                        Map.entry("learning_rate", "5e-05"),
                        Map.entry("max_grad_norm", "1.0"),
                        Map.entry("max_steps", "20"),
                        Map.entry("model_type", "gpt2"),
                        Map.entry("n_layer", "2"),
                        Map.entry("num_train_epochs", "1"),
                        Map.entry("pad_token_id", "null"),
                        Map.entry("report_to", "[\"tensorboard\"]"),
                        Map.entry("task_specific_params.text-generation.do_sample", "true"),
                        Map.entry("task_specific_params.text-generation.max_length", "50"),
                        Map.entry("train_batch_size", "8"));
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void aBrokenConfigJsonIsOneWarningAndTheStateIsRead() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.writeString(
                run.resolve("trainer_state.json"),
                "{\"log_history\": [{\"loss\": 2.5, \"step\": 10}], \"max_steps\": 20}");
        Files.writeString(run.resolve("config.json"), "{\"model_type\": \"gpt2\",\n \"n_layer\": }");

        TrainingLog log = TrainingLogs.load(run);

        assertThat(log.config()).containsExactly(Map.entry("max_steps", "20"));
        assertThat(log.warnings())
                .singleElement()
                .asString()
                .startsWith(run.resolve("config.json") + ": line 2, column ")
                .endsWith("; its settings were not read");
        assertThat(log.recordCount()).isEqualTo(1);
    }

    @Test
    void aForgatherRunsConfigIsTheTrainerStateBesideItsLog() throws Exception {
        TrainingLog log = TrainingLogs.load(Shared.sampleRun("adamw_lr1e-3"));

        assertThat(log.format()).isEqualTo(LogFormat.FORGATHER);
        // python3 -c 'json.load(...)': the sample's trainer_state.json beside trainer_logs.json.
        assertThat(log.config())
                .containsExactly(
                        Map.entry("eval_steps", "250"),
                        Map.entry("logging_steps", "10"),
                        Map.entry("max_steps", "1500"),
                        Map.entry("num_train_epochs", "1"),
                        Map.entry("save_steps", "500"),
                        Map.entry("train_batch_size", "32"));
        assertThat(TrainingLogs.follow(Shared.sampleRun("adamw_lr1e-3"))
                        .poll()
                        .log()
                        .config())
                .as("followed")
                .isEqualTo(log.config());
    }
}
