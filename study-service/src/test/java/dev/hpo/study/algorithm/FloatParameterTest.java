package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FloatParameterTest {

    @Test
    void logSamplingGivesEachDecadeAnEqualShare() {
        FloatParameter lr = new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG);
        SplittableRandom random = new SplittableRandom(3);
        int[] decades = new int[3];
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            double value = (Double) lr.sample(random);
            assertTrue(value >= 1e-4 && value <= 1e-1, "out of range " + value);
            decades[Math.min(2, (int) Math.floor(Math.log10(value) + 4))]++;
        }
        for (int count : decades) {
            assertEquals(n / 3.0, count, n * 0.02, "decade counts " + java.util.Arrays.toString(decades));
        }
    }

    @Test
    void linearSamplingIsUniform() {
        FloatParameter dropout = new FloatParameter("dropout", 0.0, 0.5, null, Sampling.LINEAR);
        SplittableRandom random = new SplittableRandom(5);
        int below = 0;
        for (int i = 0; i < 10_000; i++) {
            if ((Double) dropout.sample(random) < 0.25) {
                below++;
            }
        }
        assertEquals(5_000, below, 300);
    }

    @Test
    void stepSnapsValuesToTheGrid() {
        FloatParameter p = new FloatParameter("dropout", 0.0, 0.5, 0.1, Sampling.LINEAR);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 1_000; i++) {
            double value = (Double) p.sample(random);
            assertEquals(Math.round(value * 10) / 10.0, value, 1e-9);
        }
    }

    @Test
    void logSamplingWithNonPositiveMinIsRefusedNamingMin() {
        assertEquals("min", assertThrows(InvalidParameterException.class,
                () -> new FloatParameter("learning_rate", 0.0, 0.1, null, Sampling.LOG)).field());
    }

    @Test
    void emptyRangeIsRefused() {
        assertEquals("min", assertThrows(InvalidParameterException.class,
                () -> new FloatParameter("learning_rate", 0.1, 0.1, null, Sampling.LINEAR)).field());
    }
}
