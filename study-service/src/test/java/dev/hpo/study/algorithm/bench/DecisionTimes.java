package dev.hpo.study.algorithm.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The decision times of one run cut into tenths in call order, to see whether they grow with the history. */
final class DecisionTimes {

    private DecisionTimes() {
    }

    /**
     * @param index          1 for the first tenth of the calls, 10 for the last
     * @param calls          calls in this tenth
     * @param trialsAtEnd    trials the last call of the tenth was shown
     * @param medianNanos    the median call
     * @param p99Nanos       the 99th percentile call (nearest rank)
     */
    record Decile(int index, int calls, int trialsAtEnd, long medianNanos, long p99Nanos) {
    }

    /** Ten consecutive slices of the calls, as even as the count allows; empty when there are fewer than ten. */
    static List<Decile> deciles(long[] nanos, int[] trials) {
        List<Decile> deciles = new ArrayList<>();
        if (nanos.length < 10) {
            return deciles;
        }
        for (int d = 0; d < 10; d++) {
            int from = (int) ((long) nanos.length * d / 10);
            int to = (int) ((long) nanos.length * (d + 1) / 10);
            long[] slice = Arrays.copyOfRange(nanos, from, to);
            Arrays.sort(slice);
            deciles.add(new Decile(d + 1, to - from, trials[to - 1], percentile(slice, 0.50),
                    percentile(slice, 0.99)));
        }
        return deciles;
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
    static long percentile(long[] ascending, double p) {
        int rank = (int) Math.ceil(p * ascending.length);
        return ascending[Math.max(0, rank - 1)];
    }

    /** The median of unsorted values (the lower middle one of an even count, as nearest rank). */
    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.50);
    }
}
