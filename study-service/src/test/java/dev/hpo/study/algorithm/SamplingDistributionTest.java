package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The distributions the four samplings put on a range, checked by counting draws in bins. Seeds are fixed and
 * tolerances are at least six standard deviations of a bin's share ({@code sqrt(p (1 - p) / n)}, about 0.0029 for
 * p = 1/3 and n = 30,000), so the tests cannot flake, yet they are far narrower than the differences they show.
 */
class SamplingDistributionTest {

    private static final int DRAWS = 30_000;
    private static final double TOLERANCE = 0.02;

    @Test
    void logGivesEachDecadeAThird() {
        double[] shares = shares(new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG), 1,
                1e-4, 1e-3, 1e-2, 1e-1);

        for (double share : shares) {
            assertEquals(1 / 3.0, share, TOLERANCE);
        }
    }

    @Test
    void log1mGivesHalfOfBetaToEachDecadeOfOneMinusBeta() {
        double[] shares = shares(new FloatParameter("momentum", 0.9, 0.999, null, Sampling.LOG1M), 2,
                0.9, 0.99, 0.999);

        assertEquals(0.5, shares[0], TOLERANCE, "0.9-0.99, where 1 - beta is 0.01-0.1");
        assertEquals(0.5, shares[1], TOLERANCE, "0.99-0.999, where 1 - beta is 0.001-0.01");
    }

    @Test
    void reverseLogOnANarrowRangeIsNearlyUniformSoNotLog1m() {
        double[] shares = shares(new FloatParameter("momentum", 0.9, 0.999, null, Sampling.REVERSE_LOG), 3,
                0.9, 0.99, 0.999);

        // max + min - x is log-uniform on [0.9, 0.999], which spans a factor of only 1.11: nearly uniform.
        // Exactly, P(x <= 0.99) = ln(0.999 / 0.909) / ln(0.999 / 0.9) = 0.905; uniform would give 90/99 = 0.909,
        // log1m gives 0.5.
        double expected = Math.log(0.999 / 0.909) / Math.log(0.999 / 0.9);
        assertEquals(expected, shares[0], TOLERANCE);
        assertEquals(90 / 99.0, shares[0], TOLERANCE);
        assertTrue(shares[0] > 0.5 + 0.3, "far from log1m's half: " + shares[0]);
    }

    @Test
    void reverseLogOnDecadesCrowdsTowardsMaxAsLogCrowdsTowardsMin() {
        // max + min - x is log-uniform, so x lies within 1e-2 of max + min two times in three
        double[] reversed = shares(new FloatParameter("x", 1e-4, 1e-1, null, Sampling.REVERSE_LOG), 4,
                1e-4, 1e-1 + 1e-4 - 1e-2, 1e-1);
        double[] log = shares(new FloatParameter("x", 1e-4, 1e-1, null, Sampling.LOG), 4, 1e-4, 1e-2, 1e-1);

        assertEquals(2 / 3.0, reversed[1], TOLERANCE, "in the top 1e-2 below max");
        assertEquals(2 / 3.0, log[0], TOLERANCE, "below 1e-2");
    }

    @Test
    void linearIsUniform() {
        double[] shares = shares(new FloatParameter("dropout", 0.0, 0.5, null, Sampling.LINEAR), 5,
                0.0, 0.125, 0.25, 0.375, 0.5);

        for (double share : shares) {
            assertEquals(0.25, share, TOLERANCE);
        }
    }

    @Test
    void integerLogSamplingGivesEachDecadeAThirdToo() {
        // [1, 1000] rounded: 1-9, 10-99 and 100-999 take a third each, give or take the rounding at the edges
        IntParameter units = new IntParameter("units", 1, 1000, null, Sampling.LOG);
        SplittableRandom random = new SplittableRandom(6);
        int[] decades = new int[4];
        for (int i = 0; i < DRAWS; i++) {
            decades[(int) Math.log10((Integer) units.sample(random))]++;
        }

        for (int d = 0; d < 3; d++) {
            assertEquals(1 / 3.0, decades[d] / (double) DRAWS, 0.03, "decade " + d);
        }
    }

    @ParameterizedTest(name = "{0} on [{1}, {2}]")
    @CsvSource({
            "LINEAR, -3.5, 12.0",
            "LINEAR, 0.0, 1.0",
            "LOG, 1e-6, 1e-1",
            "LOG, 1, 1024",
            "REVERSE_LOG, 1e-4, 1e-1",
            "REVERSE_LOG, 0.9, 0.999",
            "LOG1M, 0.9, 0.999",
            "LOG1M, 0.0, 0.9999",
            "LOG1M, 0.5, 0.99"})
    void fromUnitAndToUnitAreInverses(Sampling sampling, double min, double max) {
        SplittableRandom random = new SplittableRandom(7);
        double scale = Math.max(Math.abs(min), Math.abs(max));
        for (int i = 0; i <= 1_000; i++) {
            double u = i < 11 ? i / 10.0 : random.nextDouble();
            double x = sampling.fromUnit(u, min, max);

            assertTrue(x >= min - 1e-12 * scale && x <= max + 1e-12 * scale, "u " + u + " gave " + x);
            assertEquals(x, sampling.fromUnit(sampling.toUnit(x, min, max), min, max), 1e-12 * scale, "x " + x);
            assertEquals(u, sampling.toUnit(x, min, max), 1e-9, "u " + u);
        }
        assertEquals(min, sampling.fromUnit(0, min, max), 1e-12 * scale, "u = 0 gives min");
        assertEquals(max, sampling.fromUnit(1, min, max), 1e-12 * scale, "u = 1 gives max");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LINEAR", "LOG", "REVERSE_LOG", "LOG1M"})
    void fromUnitIncreasesWithU(Sampling sampling) {
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 1_000; i++) {
            double x = sampling.fromUnit(i / 1_000.0, 0.5, 0.99);
            assertTrue(x > previous, "at u = " + i / 1_000.0);
            previous = x;
        }
    }

    /** The share of {@code DRAWS} draws that fall in each bin [edges[i], edges[i + 1]). */
    private static double[] shares(FloatParameter parameter, long seed, double... edges) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[edges.length - 1];
        for (int i = 0; i < DRAWS; i++) {
            double x = (Double) parameter.sample(random);
            for (int b = 0; b < counts.length; b++) {
                if (x >= edges[b] && (x < edges[b + 1] || b == counts.length - 1 && x <= edges[b + 1])) {
                    counts[b]++;
                    break;
                }
            }
        }
        double[] shares = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            shares[b] = counts[b] / (double) DRAWS;
        }
        return shares;
    }
}
