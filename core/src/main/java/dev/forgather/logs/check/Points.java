package dev.forgather.logs.check;

import dev.forgather.logs.model.Series;

/**
 * The finite values of a series with their steps and record indices: what every window of the
 * detectors counts, so that a NaN neither enters a median nor shifts a window.
 */
final class Points {
    final String metric;
    final double[] values;
    final long[] steps;
    final int[] records;
    final int size;

    private Points(String metric, double[] values, long[] steps, int[] records, int size) {
        this.metric = metric;
        this.values = values;
        this.steps = steps;
        this.records = records;
        this.size = size;
    }

    static Points finite(Series series) {
        int n = series.size();
        double[] values = new double[n];
        long[] steps = new long[n];
        int[] records = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double v = series.value(i);
            if (Double.isFinite(v)) {
                values[k] = v;
                steps[k] = series.step(i);
                records[k] = series.recordIndex(i);
                k++;
            }
        }
        return new Points(series.name(), values, steps, records, k);
    }
}
