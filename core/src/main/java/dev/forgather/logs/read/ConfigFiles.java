package dev.forgather.logs.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The configuration files that trainers write beside their metrics, read into a log's
 * {@link TrainingLogBuilder#config config} as flat string-to-string settings, nested keys joined
 * with dots ({@code optimizer.lr}):
 *
 * <ul>
 *   <li>Lightning's {@code hparams.yaml} in a run's version folder, beside {@code metrics.csv} and
 *       the event files;
 *   <li>the Hugging Face trainer's {@code config.json} (the model's) and {@code training_args.json}
 *       beside its {@code trainer_state.json}, and that state's own settings
 *       ({@link #TRAINER_STATE_KEYS}), which win over the others' keys of the same name.
 * </ul>
 *
 * <p>A file that is absent adds nothing; one that cannot be read or parsed adds nothing and one
 * warning naming it. A value is kept as the file writes it: {@code 0.001}, {@code true},
 * {@code adamw}; a JSON list as its JSON text.
 */
final class ConfigFiles {
    /** Lightning's hyperparameter file, in the version folder. */
    static final String LIGHTNING_HPARAMS = "hparams.yaml";
    /** The model's configuration, as {@code save_pretrained} writes it. */
    static final String HF_MODEL_CONFIG = "config.json";
    /** The trainer's arguments as JSON, where a script or callback saved them so. */
    static final String HF_TRAINING_ARGS = "training_args.json";

    /**
     * The settings of {@code trainer_state.json} that are the run's configuration, under these
     * names: the batch size per step, the planned length (steps and epochs), and how often the
     * trainer logs, evaluates and saves.
     */
    static final Set<String> TRAINER_STATE_KEYS =
            Set.of("train_batch_size", "max_steps", "num_train_epochs", "logging_steps", "eval_steps", "save_steps");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ConfigFiles() {}

    /** The {@code hparams.yaml} in {@code folder}, if any. */
    static void lightningHparams(Path folder, TrainingLogBuilder into) {
        Path file = folder.resolve(LIGHTNING_HPARAMS);
        if (!Files.isRegularFile(file)) {
            return;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            into.warn(file + ": not UTF-8 text; its hyperparameters were not read");
            return;
        } catch (IOException e) {
            into.warn(Problems.of(file, e).getMessage() + "; its hyperparameters were not read");
            return;
        }
        FlatYaml.Result yaml = FlatYaml.parse(text);
        yaml.settings().forEach(into::config);
        if (!yaml.skipped().isEmpty()) {
            into.warn(file + ": ignored what this reader does not understand: " + String.join("; ", yaml.skipped()));
        }
    }

    /**
     * The Hugging Face configuration of the run whose {@code trainer_state.json} is, or would be,
     * in {@code folder}: {@code config.json} and {@code training_args.json} there, then the state's
     * settings, read from {@code state} when {@code readState} (a Forgather run's folder holds a
     * checkpoint state beside its log; the state reader takes them as it reads the state).
     */
    static void huggingFace(Path folder, boolean readState, TrainingLogBuilder into) {
        flatJson(folder.resolve(HF_MODEL_CONFIG), into);
        flatJson(folder.resolve(HF_TRAINING_ARGS), into);
        if (readState) {
            trainerState(folder.resolve(TrainerStateReader.FILE_NAME), into);
        }
    }

    /** Every setting of a JSON object file, nested objects flattened; nothing when absent. */
    private static void flatJson(Path file, TrainingLogBuilder into) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String[]> settings = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                into.warn(file + ": not a JSON object; its settings were not read");
                return;
            }
            flatten(parser, "", settings);
        } catch (IOException e) {
            into.warn(problem(file, e) + "; its settings were not read");
            return;
        }
        for (String[] setting : settings) {
            into.config(setting[0], setting[1]);
        }
    }

    /** The {@link #TRAINER_STATE_KEYS} of a {@code trainer_state.json} beside a log; nothing when absent. */
    private static void trainerState(Path file, TrainingLogBuilder into) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                stateSetting(key, value, parser, into);
                parser.skipChildren();
            }
        } catch (IOException e) {
            // The log is read all the same; this state is only where its settings would have been.
            into.warn(problem(file, e) + "; its settings were not read");
        }
    }

    /** Records {@code key} when it is one of the {@link #TRAINER_STATE_KEYS} and {@code value} a number. */
    static void stateSetting(String key, JsonToken value, JsonParser parser, TrainingLogBuilder into)
            throws IOException {
        if (TRAINER_STATE_KEYS.contains(key)
                && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)) {
            into.config(key, parser.getText());
        }
    }

    /** The fields of the object the parser is in, up to its end, as {@code prefix + key} settings. */
    private static void flatten(JsonParser parser, String prefix, List<String[]> into) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case START_OBJECT -> flatten(parser, key + ".", into);
                case START_ARRAY -> into.add(new String[] {key, arrayText(parser)});
                case VALUE_NULL -> into.add(new String[] {key, "null"});
                default -> into.add(new String[] {key, parser.getText()});
            }
        }
    }

    /** One line naming the file and what is wrong with it. */
    private static String problem(Path file, IOException e) {
        if (e instanceof JsonProcessingException json) {
            return Problems.at(file, json.getLocation(), Problems.json(json.getOriginalMessage()))
                    .getMessage();
        }
        return Problems.of(file, e).getMessage();
    }

    /** The array the parser is at, as compact JSON text. */
    private static String arrayText(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.copyCurrentStructure(parser);
        }
        return out.toString();
    }
}
