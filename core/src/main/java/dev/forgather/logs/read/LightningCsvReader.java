package dev.forgather.logs.read;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLogBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads PyTorch Lightning's {@code CSVLogger} output, {@code <save_dir>/<name>/version_<n>/metrics.csv}:
 * a header of every metric name, then one row per logging call with only that call's columns
 * filled (a sparse, wide table).
 *
 * <p>{@code step} is the record's step and {@code epoch} its epoch, both as Lightning writes them
 * (Lightning's {@code step} counts from 0, so the row logged after the tenth optimizer step says
 * {@code 9}). The other columns are mapped by {@link CanonicalNames}: the per-step training loss
 * ({@code train_loss_step}, or {@code train_loss} when only that is logged) is {@code loss},
 * {@code val_loss} is {@code eval_loss}, {@code lr} or {@code lr-AdamW} is {@code learning_rate};
 * the column names stay usable as aliases. So a training row is a training record, a validation
 * row an evaluation record, and an epoch-end row ({@code train_loss_epoch} alone) neither. The
 * file has no wall-clock times.
 *
 * <p>Cells hold Python's {@code str(float)}: {@code 1e-05}, {@code nan}, {@code inf} and
 * {@code -inf} are all read. A last line without its line end (the logger was writing it when the
 * run stopped) is dropped with a warning, as are cells that are not numbers. The run is named
 * after its {@code version_<n>} folder and the model after the folder above it (unless that is
 * Lightning's default {@code lightning_logs}), as its TensorBoard event files are.
 */
public final class LightningCsvReader implements LogReader {
    /** The file name {@code CSVLogger} writes. */
    public static final String FILE_NAME = "metrics.csv";

    private static final String STEP = "step";
    private static final String EPOCH = "epoch";

    /**
     * Accepts {@code metrics.csv}, or any {@code .csv} file whose header (as far as the first bytes
     * show it) has a {@code step} or {@code epoch} column.
     */
    @Override
    public boolean accepts(Path file, byte[] head) {
        Path name = file.getFileName();
        if (name == null || !name.toString().endsWith(".csv")) {
            return false;
        }
        String start = new String(head, StandardCharsets.UTF_8);
        if (start.startsWith("{") || start.startsWith("[")) {
            return false;
        }
        if (name.toString().equals(FILE_NAME)) {
            return true;
        }
        int end = start.indexOf('\n');
        return hasStepOrEpoch(end < 0 ? start : start.substring(0, end));
    }

    /** A run folder's {@code metrics.csv}, when its header has a {@code step} or {@code epoch} column. */
    @Override
    public Optional<Path> logIn(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            return header != null && hasStepOrEpoch(header) ? Optional.of(file) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Not UTF-8 text, or unreadable: not a Lightning log.
            return Optional.empty();
        }
    }

    private static boolean hasStepOrEpoch(String header) {
        for (String column : header.strip().split(",")) {
            String name = column.strip();
            if (name.equals(STEP) || name.equals(EPOCH)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void read(Path file, TrainingLogBuilder into) throws LogReadException {
        boolean lastLineComplete = endsWithLineEnd(file);
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            ConfigFiles.lightningHparams(folder, into);
        }
        CsvReader.CsvReaderBuilder csv =
                CsvReader.builder().skipEmptyLines(true).missingFieldStrategy(FieldMismatchStrategy.IGNORE);
        try (CsvReader<CsvRecord> reader = csv.ofCsvRecord(file, StandardCharsets.UTF_8)) {
            Iterator<CsvRecord> rows = reader.iterator();
            if (!rows.hasNext()) {
                throw new LogReadException(file, "empty file");
            }
            List<String> header = rows.next().getFields();
            Columns columns = new Columns(header, into);
            CsvRecord pending = null;
            while (rows.hasNext()) {
                if (pending != null) {
                    columns.read(pending, into);
                }
                pending = rows.next();
            }
            String dropped = null;
            if (pending != null) {
                if (lastLineComplete) {
                    columns.read(pending, into);
                } else {
                    dropped = "ignored the last line (" + pending.getStartingLineNumber()
                            + "), cut off mid-write (the run is still writing or was stopped)";
                }
            }
            List<String> notes = new ArrayList<>();
            if (dropped != null) {
                notes.add(dropped);
            }
            into.ignoredValuesNote().ifPresent(notes::add);
            if (!notes.isEmpty()) {
                into.warn(file + ": " + String.join("; ", notes) + "; read " + into.recordCount() + " records");
            }
        } catch (CsvParseException e) {
            throw new LogReadException(file, "not a valid CSV file: " + lowercase(e.getMessage()));
        } catch (UncheckedIOException e) {
            throw Problems.of(file, e.getCause());
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
    }

    private static boolean endsWithLineEnd(Path file) throws LogReadException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size == 0) {
                throw new LogReadException(file, "empty file");
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(size - 1);
            channel.read(last);
            return last.get(0) == '\n' || last.get(0) == '\r';
        } catch (IOException e) {
            throw Problems.of(file, e);
        }
    }

    private static String lowercase(String message) {
        if (message == null || message.isEmpty()) {
            return "unreadable";
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** What each column of the header is: the step, the epoch, or a metric under its canonical name. */
    private static final class Columns {
        private final int step;
        private final int epoch;
        private final String[] names;

        Columns(List<String> header, TrainingLogBuilder into) {
            int stepAt = -1;
            int epochAt = -1;
            List<String> metrics = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip();
                if (name.equals(STEP) && stepAt < 0) {
                    stepAt = i;
                } else if (name.equals(EPOCH) && epochAt < 0) {
                    epochAt = i;
                } else {
                    metrics.add(name);
                }
            }
            Map<String, String> canonical = CanonicalNames.of(metrics);
            names = new String[header.size()];
            for (int i = 0; i < header.size(); i++) {
                if (i == stepAt || i == epochAt) {
                    continue;
                }
                String name = header.get(i).strip();
                names[i] = canonical.getOrDefault(name, name);
                into.alias(name, names[i]);
            }
            step = stepAt;
            epoch = epochAt;
        }

        /** Adds one row as a record; a non-empty cell that is not a number, or a step that is not an integer, is counted as ignored. */
        void read(CsvRecord row, TrainingLogBuilder into) {
            into.beginRecord();
            int n = Math.min(row.getFieldCount(), names.length);
            for (int i = 0; i < n; i++) {
                String cell = row.getField(i);
                if (cell.isEmpty()) {
                    continue;
                }
                double value;
                try {
                    value = PythonFloat.parse(cell);
                } catch (NumberFormatException e) {
                    into.ignoreValue();
                    continue;
                }
                if (i == step) {
                    if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
                        into.step((long) value);
                    } else {
                        into.ignoreValue();
                    }
                } else if (i == epoch) {
                    into.epoch(value);
                } else {
                    into.value(names[i], value);
                }
            }
            into.endRecord();
        }
    }
}
