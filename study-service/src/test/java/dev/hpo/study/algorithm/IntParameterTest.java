package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IntParameterTest {

    @Test
    void linearSamplingCoversEveryGridPointAndNothingElse() {
        IntParameter units = new IntParameter("units", 32, 512, 32, Sampling.LINEAR);
        SplittableRandom random = new SplittableRandom(1);
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int value = (Integer) units.sample(random);
            assertEquals(0, (value - 32) % 32, "off-grid value " + value);
            assertTrue(value >= 32 && value <= 512, "out of range " + value);
            seen.add(value);
        }
        assertEquals(16, seen.size());
        assertEquals(16, units.finiteValues().orElseThrow().size());
    }

    @Test
    void logSamplingPrefersSmallValuesAndStaysOnTheGrid() {
        IntParameter units = new IntParameter("units", 1, 1024, null, Sampling.LOG);
        SplittableRandom random = new SplittableRandom(7);
        int belowThirtyTwo = 0;
        for (int i = 0; i < 4_000; i++) {
            int value = (Integer) units.sample(random);
            assertTrue(value >= 1 && value <= 1024);
            if (value < 32) {
                belowThirtyTwo++;
            }
        }
        // log-uniform puts half the mass below sqrt(1024) = 32; uniform would put 3 %
        assertTrue(belowThirtyTwo > 1_600 && belowThirtyTwo < 2_400, "below 32: " + belowThirtyTwo);
    }

    @Test
    void stepThatDoesNotDivideTheRangeIsRefusedNamingStep() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new IntParameter("units", 32, 500, 32, Sampling.LINEAR));
        assertEquals("step", e.field());
    }

    @Test
    void minAboveMaxIsRefusedNamingMin() {
        assertEquals("min", assertThrows(InvalidParameterException.class,
                () -> new IntParameter("units", 64, 32, 1, Sampling.LINEAR)).field());
    }

    @Test
    void logSamplingFromZeroIsRefused() {
        assertEquals("min", assertThrows(InvalidParameterException.class,
                () -> new IntParameter("units", 0, 32, null, Sampling.LOG)).field());
    }
}
