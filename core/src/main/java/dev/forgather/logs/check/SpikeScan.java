package dev.forgather.logs.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The spikes of one series and whether each recovered, shared by {@link Spike} and
 * {@link Divergence} (a spike that never recovers is a divergence).
 */
final class SpikeScan {
    /**
     * One run of consecutive spiking values.
     *
     * @param start index of its first value in the points
     * @param end index of its last value
     * @param median the median of the window before it
     * @param z the robust z of its first value (+Infinity when the window did not vary)
     * @param windowSize how many values that window held
     * @param recoveredAt index of the first value after it back within the recovery ratio of the
     *     median; -1 when none
     */
    record Episode(int start, int end, double median, double z, int windowSize, int recoveredAt) {
        boolean recovered() {
            return recoveredAt >= 0;
        }

        /** Records from the spike's last record to its recovery. */
        int recoveryRecords() {
            return recoveredAt - end;
        }
    }

    private SpikeScan() {}

    static List<Episode> scan(Points p, Spike settings) {
        List<Episode> episodes = new ArrayList<>();
        // Judged from the 21st value on, the 11th in a series shorter than the window.
        int minHistory = p.size < settings.window() ? Math.max(1, settings.minHistory() / 2) : settings.minHistory();
        SortedWindow window = new SortedWindow(settings.window());
        int i = 0;
        while (i < p.size) {
            if (window.size() >= minHistory && isSpike(p.values[i], window, settings)) {
                double median = window.median();
                double z = RobustStats.robustZ(p.values[i], median, window.mad());
                int start = i;
                // Spikes stay out of the window (OLMo-core's rule), so a run of them is judged
                // against the same values and a level shift stays one spike.
                while (i + 1 < p.size && isSpike(p.values[i + 1], window, settings)) {
                    i++;
                }
                int end = i;
                int recoveredAt = -1;
                for (int r = end + 1; r < p.size; r++) {
                    if (p.values[r] <= settings.recoveryRatio() * median) {
                        recoveredAt = r;
                        break;
                    }
                }
                episodes.add(new Episode(start, end, median, z, window.size(), recoveredAt));
                i++;
            } else {
                window.add(p.values[i]);
                i++;
            }
        }
        return episodes;
    }

    private static boolean isSpike(double x, SortedWindow window, Spike settings) {
        double median = window.median();
        // A ratio means nothing for a series at or below zero: such a series is not judged.
        if (!(median > 0) || x < settings.minRatio() * median) {
            return false;
        }
        double mad = window.mad();
        // With a MAD of 0 the ratio alone decides.
        return mad == 0 || RobustStats.robustZ(x, median, mad) > settings.z();
    }

    /** How the finding describes the spike's first value: {@code 4.82 is 9.3 robust z above the median of ...}. */
    static String describe(Points p, Episode e) {
        String value = Evidence.number(p.values[e.start()]);
        String window = "the previous " + Evidence.count(e.windowSize(), "record");
        if (Double.isInfinite(e.z())) {
            return value + " is " + Evidence.oneDecimal(p.values[e.start()] / e.median()) + "x the median of " + window
                    + ", which did not vary";
        }
        return value + " is " + Evidence.oneDecimal(e.z()) + " robust z above the median of " + window;
    }
}
