package dev.forgather.logs.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definitions computed again, straight from the files and without the library, so that
 * the tests compare two independent computations.
 */
final class Reference {
    private Reference() {}

    record Point(long step, double value, double time) {}

    /** Every record of a Forgather trainer_logs.json, as key → number. */
    static List<Map<String, Double>> forgatherRecords(Path file) {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        List<Map<String, Double>> records = new ArrayList<>();
        try (JsonParser p = factory.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("not an array: " + file);
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Double> record = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    record.put(key, p.getDoubleValue());
                }
                records.add(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /**
     * A metric's points by the rules: training records (loss, no eval_loss) for training
     * metrics, evaluations for eval_* with a copy identical to the evaluation just before it left out;
     * a repeated step's later record wins; finite values only.
     */
    static List<Point> forgatherPoints(List<Map<String, Double>> records, String metric) {
        List<Point> raw = new ArrayList<>();
        Map<String, Double> previousEval = null;
        for (Map<String, Double> r : records) {
            boolean eval = r.containsKey("eval_loss");
            boolean training = r.containsKey("loss") && !eval;
            if (eval) {
                boolean copy = previousEval != null
                        && previousEval.get("global_step").equals(r.get("global_step"))
                        && previousEval.get("eval_loss").equals(r.get("eval_loss"));
                previousEval = r;
                if (copy) {
                    continue;
                }
            }
            boolean wanted = metric.startsWith("eval_") ? eval : training;
            if (wanted && r.containsKey(metric)) {
                raw.add(new Point(
                        r.get("global_step").longValue(), r.get(metric), r.getOrDefault("timestamp", Double.NaN)));
            }
        }
        return laterWinsFinite(raw);
    }

    /** Lightning's metrics.csv: loss from train_loss_step rows, eval_loss from val_loss rows; no timestamps. */
    static List<Point> lightningPoints(Path file, String metric) {
        String column = metric.equals("loss") ? "train_loss_step" : metric.equals("eval_loss") ? "val_loss" : metric;
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> header = Arrays.asList(lines.get(0).split(",", -1));
            int step = header.indexOf("step");
            int at = header.indexOf(column);
            List<Point> raw = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                if (!cells[at].isEmpty()) {
                    raw.add(new Point(Long.parseLong(cells[step]), Double.parseDouble(cells[at]), Double.NaN));
                }
            }
            return laterWinsFinite(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Point> laterWinsFinite(List<Point> raw) {
        Map<Long, Point> byStep = new LinkedHashMap<>();
        for (Point p : raw) {
            byStep.remove(p.step());
            byStep.put(p.step(), p);
        }
        return byStep.values().stream().filter(p -> Double.isFinite(p.value())).toList();
    }

    static double finalValue(List<Point> points) {
        int k = (int) Math.ceil(points.size() / 20.0);
        double sum = 0;
        for (Point p : points.subList(points.size() - k, points.size())) {
            sum += p.value();
        }
        return sum / k;
    }

    static Point best(List<Point> points, boolean maximize) {
        Point best = points.get(0);
        for (Point p : points) {
            if (maximize ? p.value() > best.value() : p.value() < best.value()) {
                best = p;
            }
        }
        return best;
    }

    /** Linear interpolation at {@code step}; null outside the run. */
    static Double at(List<Point> points, double step) {
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.step() == step) {
                return p.value();
            }
            if (i > 0 && points.get(i - 1).step() < step && step < p.step()) {
                Point q = points.get(i - 1);
                return q.value() + (p.value() - q.value()) * (step - q.step()) / (p.step() - q.step());
            }
        }
        return null;
    }

    /** The first point at or below {@code target} (raw values); null when none is. */
    static Point firstAtOrBelow(List<Point> points, double target) {
        return points.stream().filter(p -> p.value() <= target).findFirst().orElse(null);
    }

    static double mean(double... xs) {
        return Arrays.stream(xs).average().orElseThrow();
    }

    static double sampleStd(double... xs) {
        double m = mean(xs);
        return Math.sqrt(Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / (xs.length - 1));
    }
}
