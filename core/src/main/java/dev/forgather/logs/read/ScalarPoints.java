package dev.forgather.logs.read;

import java.util.Arrays;

/**
 * The scalars of a run in arrival order, in primitive columns — which metric, step, time (Unix
 * seconds) and value — for the readers whose formats store one value per entry (TensorBoard
 * events, MLflow metric files) and regroup them into records with {@link RecordGrouper} once all
 * are read.
 */
class ScalarPoints {
    int[] metric = new int[256];
    long[] steps = new long[256];
    double[] times = new double[256];
    double[] values = new double[256];
    int size;

    /** Adds a value of metric number {@code metricIndex} (the caller's numbering). */
    void add(int metricIndex, long step, double time, double value) {
        if (size == metric.length) {
            int n = size * 2;
            metric = Arrays.copyOf(metric, n);
            steps = Arrays.copyOf(steps, n);
            times = Arrays.copyOf(times, n);
            values = Arrays.copyOf(values, n);
        }
        metric[size] = metricIndex;
        steps[size] = step;
        times[size] = time;
        values[size] = value;
        size++;
    }
}
