package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class OrderStatisticsTest {

    @Test
    void everyIndexHoldsWhatASortPutsThereToTheBit() {
        SplittableRandom random = new SplittableRandom(5);
        double[] few = {-0.0, 0.0, 0.25, 0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1e-300};
        for (int round = 0; round < 3_000; round++) {
            int n = random.nextInt(1, 80);
            boolean coarse = random.nextBoolean();
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = coarse ? few[random.nextInt(few.length)] : random.nextDouble(-5, 5);
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double[] reordered = values.clone();
            for (int k = 0; k < n; k++) {
                int index = random.nextBoolean() ? k : random.nextInt(n);
                assertEquals(Double.doubleToRawLongBits(sorted[index]),
                        Double.doubleToRawLongBits(OrderStatistics.smallest(reordered, index)),
                        "index " + index + " of " + Arrays.toString(values));
            }
            Arrays.sort(reordered);
            assertEquals(Arrays.toString(sorted), Arrays.toString(reordered), "the same values, only reordered");
        }
    }

    @Test
    void anIndexOutsideTheValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OrderStatistics.smallest(new double[] {1, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> OrderStatistics.smallest(new double[0], 0));
    }
}
