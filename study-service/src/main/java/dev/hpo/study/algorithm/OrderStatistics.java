package dev.hpo.study.algorithm;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The k-th smallest of some values without sorting them all: quickselect, expected linear time. The stopping rules
 * need one or two order statistics of every other trial's running average on each reported epoch, and sorting those
 * was most of a decision's time in a study of a thousand trials.
 * <p>
 * Values are ordered as {@link Double#compare} orders them, the order {@link java.util.Arrays#sort(double[])}
 * gives, so the answer is the value a sort would put at index k, to the bit ({@code -0.0} before {@code 0.0}). The
 * pivot is drawn at random, which keeps the expected time linear for any input and cannot change the answer.
 */
final class OrderStatistics {

    private OrderStatistics() {
    }

    /**
     * The value a sort would put at index {@code k} (0-based). Reorders {@code values} in place; asking again for
     * another k on the same array is cheaper, as it is partly ordered.
     */
    static double smallest(double[] values, int k) {
        if (k < 0 || k >= values.length) {
            throw new IllegalArgumentException("k must be in [0, " + values.length + "), was " + k);
        }
        int from = 0;
        int to = values.length - 1;
        while (from < to) {
            double pivot = values[ThreadLocalRandom.current().nextInt(from, to + 1)];
            // three-way partition: [from, lt) < pivot, [lt, i) == pivot, (gt, to] > pivot
            int lt = from;
            int gt = to;
            int i = from;
            while (i <= gt) {
                int order = Double.compare(values[i], pivot);
                if (order < 0) {
                    swap(values, lt++, i++);
                } else if (order > 0) {
                    swap(values, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                to = lt - 1;
            } else if (k > gt) {
                from = gt + 1;
            } else {
                return pivot;
            }
        }
        return values[k];
    }

    private static void swap(double[] values, int a, int b) {
        double kept = values[a];
        values[a] = values[b];
        values[b] = kept;
    }
}
