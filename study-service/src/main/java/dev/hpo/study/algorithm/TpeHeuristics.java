package dev.hpo.study.algorithm;

/**
 * The two schedules of Optuna's default TPE ({@code default_gamma} and {@code default_weights} in
 * {@code optuna/samplers/_tpe/sampler.py}), which define how many observations count as good and how much each
 * one weighs in its Parzen estimator.
 */
final class TpeHeuristics {

    /** At most this many observations are good, and the newest this many always get full weight. */
    static final int SATURATION = 25;

    private TpeHeuristics() {
    }

    /**
     * γ(n) = min(⌈0.1 n⌉, 25): the best tenth of the observations are good, capped so that l(x) stays
     * concentrated on the best region as the study grows.
     */
    static int goodCount(int observations) {
        return Math.min((int) Math.ceil(0.1 * observations), SATURATION);
    }

    /**
     * Weights of {@code n} observations in chronological order: all 1 below 25; from 25 on, the newest 25 weigh 1
     * and the older ones ramp linearly from 1/n up to 1, so early exploratory trials fade (Bergstra et al. 2013).
     */
    static double[] observationWeights(int n) {
        double[] weights = new double[n];
        int ramp = n < SATURATION ? 0 : n - SATURATION;
        for (int i = 0; i < n; i++) {
            weights[i] = i < ramp ? linspace(1.0 / n, 1.0, ramp, i) : 1.0;
        }
        return weights;
    }

    /** The {@code i}-th of {@code count} evenly spaced points from {@code from} to {@code to}, ends included. */
    private static double linspace(double from, double to, int count, int i) {
        return count == 1 ? from : from + (to - from) * i / (count - 1);
    }
}
