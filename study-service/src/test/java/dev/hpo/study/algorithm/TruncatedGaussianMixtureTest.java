package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TruncatedGaussianMixtureTest {

    @Test
    void bandwidthIsTheLargerNeighbourGapButTheOutermostUseTheirInnerGap() {
        // Sorted with the prior centre: 0.1, 0.5 (prior), 0.7. 0.1 is outermost: its inner gap is 0.4. 0.7 is
        // outermost too: inner gap 0.2, raised to the magic-clip floor 1 / min(100, 2 + 2) = 0.25.
        assertArrayEquals(new double[] {0.25, 0.4},
                TruncatedGaussianMixture.bandwidths(new double[] {0.7, 0.1}, 0, 1), 1e-12);
    }

    @Test
    void bandwidthsNeverExceedTheIntervalNorFallBelowTheMagicClip() {
        double[] clustered = {0.5, 0.5001, 0.5002, 0.5003};
        double floor = 1.0 / 6;
        for (double sigma : TruncatedGaussianMixture.bandwidths(clustered, 0, 1)) {
            assertTrue(sigma >= floor - 1e-12 && sigma <= 1, "sigma " + sigma);
        }
    }

    @Test
    void thePriorIsAsWideAsTheIntervalAndWeighsLikeOneObservation() {
        TruncatedGaussianMixture mixture = TruncatedGaussianMixture.fit(new double[] {0.2, 0.8}, -0.5, 1.5, 1.0);

        assertEquals(2.0, mixture.sigmas()[2], 1e-12);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, mixture.weights(), 1e-12);
    }

    @Test
    void olderObservationsWeighLessOnceThereAreMoreThanTwentyFive() {
        double[] observations = new double[30];
        for (int i = 0; i < 30; i++) {
            observations[i] = i / 30.0;
        }
        double[] weights = TruncatedGaussianMixture.fit(observations, 0, 1, 1.0).weights();

        assertTrue(weights[0] < weights[4], "the oldest ramps up");
        assertEquals(weights[5], weights[29], 1e-12);
        assertEquals(weights[29], weights[30], 1e-12, "the prior weighs like a recent observation");
    }

    @Test
    void densityIntegratesToOneOverTheInterval() {
        TruncatedGaussianMixture mixture = TruncatedGaussianMixture.fit(new double[] {0.0, 0.05, 0.9}, 0, 1, 1.0);
        int steps = 20_000;
        double integral = 0;
        for (int i = 0; i < steps; i++) {
            integral += Math.exp(mixture.logDensity((i + 0.5) / steps)) / steps;
        }
        assertEquals(1.0, integral, 1e-6);
        assertEquals(0.0, mixture.logMass(0, 1), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, mixture.logDensity(1.01));
    }

    @Test
    void drawsStayInsideTheIntervalAndFollowTheObservations() {
        TruncatedGaussianMixture mixture = TruncatedGaussianMixture.fit(new double[] {0.9, 0.92, 0.95}, 0, 1, 1.0);
        SplittableRandom random = new SplittableRandom(3);
        int aboveHalf = 0;
        for (int i = 0; i < 10_000; i++) {
            double x = mixture.sample(random);
            assertTrue(x >= 0 && x <= 1, "outside: " + x);
            aboveHalf += x > 0.5 ? 1 : 0;
        }
        assertTrue(aboveHalf > 7_000, aboveHalf + " of 10000 above 0.5");
    }
}
