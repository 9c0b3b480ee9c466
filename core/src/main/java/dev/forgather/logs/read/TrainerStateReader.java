package dev.forgather.logs.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Hugging Face {@code Trainer}'s {@code trainer_state.json}: a JSON object whose
 * {@code log_history} array holds one flat object per {@code Trainer.log} call, in order.
 *
 * <p>{@code step} is the record's global step and {@code epoch} its epoch; every other number is
 * kept under its own key, which are already the canonical names ({@code loss}, {@code eval_loss},
 * {@code learning_rate}, {@code grad_norm}; see {@link CanonicalNames}). The last record of a
 * finished run holds {@code train_runtime}, {@code train_loss} (the mean loss of the whole run),
 * {@code train_samples_per_second} and the like. The file has no wall-clock times, so records have
 * no timestamp. Of the other top-level fields, the run's settings ({@code train_batch_size},
 * {@code max_steps}, {@code num_train_epochs}, {@code logging_steps}, {@code eval_steps},
 * {@code save_steps}) go into the config, after the {@code config.json} and
 * {@code training_args.json} beside the file ({@link ConfigFiles}); the rest ({@code global_step},
 * the trial and callback state) is not read.
 *
 * <p>The trainer rewrites the whole file at each checkpoint, so a cut-off file is rare; if one is
 * met, every complete record before the cut is kept and the rest reported as a warning. Python's
 * {@code NaN} and {@code Infinity} tokens are accepted.
 */
public final class TrainerStateReader implements LogReader {
    /** The file name the trainer writes, in its output and checkpoint folders. */
    public static final String FILE_NAME = "trainer_state.json";

    private static final String CHECKPOINT_PREFIX = "checkpoint-";
    private static final String LAST_CHECKPOINT = "last-checkpoint";
    private static final String LOG_HISTORY = "log_history";
    private static final String STEP = "step";
    private static final String EPOCH = "epoch";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /**
     * A run folder's {@code trainer_state.json}; when it has none but checkpoints, the state of the
     * newest one: the {@code checkpoint-<n>} with the highest {@code n} (the global step it was
     * saved at), else {@code last-checkpoint} (the copy the trainer pushes to the Hub). Each
     * checkpoint's state repeats the whole history up to its step, so the newest is the run.
     */
    @Override
    public Optional<Path> logIn(Path folder) {
        Path state = folder.resolve(FILE_NAME);
        if (Files.isRegularFile(state)) {
            return Optional.of(state);
        }
        Path newest = null;
        long highest = -1;
        try (DirectoryStream<Path> checkpoints = Files.newDirectoryStream(folder, CHECKPOINT_PREFIX + "*")) {
            for (Path checkpoint : checkpoints) {
                long step = checkpointStep(checkpoint);
                Path candidate = checkpoint.resolve(FILE_NAME);
                if (step > highest && Files.isRegularFile(candidate)) {
                    highest = step;
                    newest = candidate;
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable folder holds no state we can use.
        }
        if (newest == null) {
            Path last = folder.resolve(LAST_CHECKPOINT).resolve(FILE_NAME);
            newest = Files.isRegularFile(last) ? last : null;
        }
        return Optional.ofNullable(newest);
    }

    /** None in a checkpoint folder: the run folder above it stands for the run. */
    @Override
    public List<Path> runsIn(Path folder) {
        return isCheckpoint(folder) ? List.of() : logIn(folder).stream().toList();
    }

    /** Named by its run folder: the folder above a checkpoint's. */
    @Override
    public RunName name(Path log) {
        Path folder = log.toAbsolutePath().normalize().getParent();
        if (folder != null && isCheckpoint(folder) && folder.getParent() != null) {
            folder = folder.getParent();
        }
        return RunFolders.name(folder == null ? log : folder);
    }

    private static boolean isCheckpoint(Path folder) {
        return checkpointStep(folder) >= 0
                || folder.getFileName() != null
                        && folder.getFileName().toString().equals(LAST_CHECKPOINT);
    }

    /** The {@code n} of a {@code checkpoint-<n>} folder; -1 for any other folder. */
    private static long checkpointStep(Path folder) {
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
        if (!name.startsWith(CHECKPOINT_PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(CHECKPOINT_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Accepts a file named {@code trainer_state.json} whose first non-blank byte opens an object. */
    @Override
    public boolean accepts(Path file, byte[] head) {
        Path name = file.getFileName();
        if (name == null || !name.toString().equals(FILE_NAME)) {
            return false;
        }
        for (byte b : head) {
            if (!isWhitespace(b)) {
                return b == '{';
            }
        }
        return true;
    }

    @Override
    public void read(Path file, TrainingLogBuilder into) throws LogReadException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
        if (size == 0) {
            throw new LogReadException(file, "empty file");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            ConfigFiles.huggingFace(folder, false, into);
        }
        String ending = null;
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = JSON.createParser(in)) {
            readState(file, parser, into);
        } catch (JsonProcessingException e) {
            into.abandonRecord();
            if (!isCutOff(e, size)) {
                throw Problems.at(file, e.getLocation(), Problems.json(e.getOriginalMessage()));
            }
            ending = "the file ends inside " + LOG_HISTORY + " (cut off mid-write)";
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
        List<String> notes = new ArrayList<>();
        if (ending != null) {
            notes.add(ending);
        }
        into.ignoredValuesNote().ifPresent(notes::add);
        if (!notes.isEmpty()) {
            into.warn(file + ": " + String.join("; ", notes) + "; read " + into.recordCount() + " records");
        }
    }

    private static void readState(Path file, JsonParser parser, TrainingLogBuilder into)
            throws IOException, LogReadException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw Problems.at(file, parser.currentTokenLocation(), "not a JSON object");
        }
        boolean found = false;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(LOG_HISTORY) && value == JsonToken.START_ARRAY) {
                found = true;
                readHistory(file, parser, into);
            } else {
                ConfigFiles.stateSetting(field, value, parser, into);
                parser.skipChildren();
            }
        }
        if (token == null) {
            throw new JsonEOFException(parser, null, "end of input");
        }
        if (!found) {
            throw new LogReadException(file, "no " + LOG_HISTORY + " array: not a trainer_state.json");
        }
    }

    private static void readHistory(Path file, JsonParser parser, TrainingLogBuilder into)
            throws IOException, LogReadException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            ForgatherJsonReader.readRecord(parser, STEP, into);
        }
        if (token == null) {
            throw new JsonEOFException(parser, null, "end of input inside " + LOG_HISTORY);
        }
        if (token != JsonToken.END_ARRAY) {
            throw Problems.at(file, parser.currentTokenLocation(), LOG_HISTORY + " holds something other than records");
        }
    }

    /** Whether a parse error is the file simply ending (end of input, or a token cut by it). */
    private static boolean isCutOff(JsonProcessingException e, long size) {
        if (e instanceof JsonEOFException) {
            return true;
        }
        JsonLocation where = e.getLocation();
        return where != null && where.getByteOffset() >= size - 1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
