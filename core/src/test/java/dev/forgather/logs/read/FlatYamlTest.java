package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatYamlTest {
    @Test
    void readsTheKeyValueLinesLightningWrites() {
        // As Lightning's save_hparams_to_yaml writes a LightningModule's save_hyperparameters().
        FlatYaml.Result yaml =
                FlatYaml.parse("batch_size: 32\n" + "lr: 0.001\n" + "weight_decay: 1.0e-05\n" + "optimizer: adamw\n"
                        + "name: 'tiny gpt: a test'\n" + "note: \"say \\\"hi\\\"\"\n" + "scheduler: null\n"
                        + "amp: true\n" + "model:\n" + "  hidden: 512\n" + "  attention:\n" + "    heads: 8\n"
                        + "  dropout: 0.1  # per layer\n" + "seed: 42\n");

        assertThat(yaml.settings())
                .containsExactly(
                        Map.entry("batch_size", "32"),
                        Map.entry("lr", "0.001"),
                        Map.entry("weight_decay", "1.0e-05"),
                        Map.entry("optimizer", "adamw"),
                        Map.entry("name", "tiny gpt: a test"),
                        Map.entry("note", "say \"hi\""),
                        Map.entry("scheduler", "null"),
                        Map.entry("amp", "true"),
                        Map.entry("model.hidden", "512"),
                        Map.entry("model.attention.heads", "8"),
                        Map.entry("model.dropout", "0.1"),
                        Map.entry("seed", "42"));
        assertThat(yaml.skipped()).isEmpty();
    }

    @Test
    void leavesOutWhatItDoesNotUnderstandAndSaysWhere() {
        FlatYaml.Result yaml = FlatYaml.parse("lr: 0.001\r\n" + "betas:\r\n" + "- 0.9\r\n" + "- 0.999\r\n"
                + "augment: !!python/tuple\r\n" + "- 1\r\n" + "prompt: |\r\n" + "  once upon\r\n"
                + "  a time\r\n" + "loss: !!python/object:torch.nn.CrossEntropyLoss\r\n"
                + "  reduction: mean\r\n" + "epochs: 3\r\n");

        assertThat(yaml.settings()).containsExactly(Map.entry("lr", "0.001"), Map.entry("epochs", "3"));
        assertThat(yaml.skipped())
                .containsExactly(
                        "line 2: betas is a list",
                        "line 5: augment is a tagged value (!!python/tuple)",
                        "line 6: a list item",
                        "line 7: prompt is a block of text",
                        "line 10: loss is a tagged value (!!python/object:torch.nn.CrossEntropyLoss)");
    }

    @Test
    void aValueContinuedOnTheNextLineIsLeftOut() {
        FlatYaml.Result yaml = FlatYaml.parse(
                "description: a very long sentence that PyYAML\n" + "  wrapped onto a second line\n" + "lr: 0.1\n");

        assertThat(yaml.settings()).containsExactly(Map.entry("lr", "0.1"));
        assertThat(yaml.skipped()).containsExactly("line 1: description is continued on the next line");
    }

    @Test
    void anEmptyFileOrOneOfCommentsHasNoSettings() {
        assertThat(FlatYaml.parse("").settings()).isEmpty();
        assertThat(FlatYaml.parse("# nothing\n---\n").settings()).isEmpty();
        assertThat(FlatYaml.parse("{}\n").skipped()).containsExactly("line 1: not a key: value line");
    }

    @Test
    void namesFiveSkippedLinesAndCountsTheRest() {
        FlatYaml.Result yaml = FlatYaml.parse("- a\n- b\n- c\n- d\n- e\n- f\n- g\n");

        assertThat(yaml.skipped()).hasSize(6).last().isEqualTo("and 2 more");
    }

    @Test
    void anyBytesParseWithoutAnException() {
        Random random = new Random(9);
        String alphabet = "ab: \n-'\"#|>!&*{}[]\t\r\\ 0.1";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            FlatYaml.Result yaml = FlatYaml.parse(text.toString());
            assertThat(yaml.settings()).isNotNull();
        }
    }
}
