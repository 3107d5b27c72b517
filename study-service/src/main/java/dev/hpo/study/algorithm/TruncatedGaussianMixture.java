package dev.hpo.study.algorithm;

import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * A Parzen estimator of a numeric parameter on an interval [low, high]: one Gaussian kernel per observation plus
 * a wide prior kernel, each truncated to the interval. Bandwidths follow Optuna's univariate TPE: each kernel is
 * as wide as the larger gap to its neighbours (the outermost kernels use their inner gap,
 * {@code consider_endpoints=False}), clipped to [(high - low) / min(100, kernels + 1), high - low] (the "magic
 * clip", which keeps a few close observations from collapsing into spikes).
 */
final class TruncatedGaussianMixture {

    private static final int MAX_REJECTIONS = 1_000;

    private final double low;
    private final double high;
    private final double[] mus;
    private final double[] sigmas;
    private final double[] weights;
    private final double[] logWeights;
    /** log of each kernel's Gaussian mass inside [low, high], which truncation divides by. */
    private final double[] logInside;

    private TruncatedGaussianMixture(double low, double high, double[] mus, double[] sigmas, double[] weights) {
        this.low = low;
        this.high = high;
        this.mus = mus;
        this.sigmas = sigmas;
        this.weights = weights;
        this.logWeights = Arrays.stream(weights).map(Math::log).toArray();
        this.logInside = IntStream.range(0, mus.length)
                .mapToDouble(k -> StandardNormal.logMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k]))
                .toArray();
    }

    /**
     * @param observations points in [low, high], oldest first (older ones may weigh less, see
     *                     {@link TpeHeuristics#observationWeights})
     * @param priorWeight  weight of the prior kernel, centred on the interval and as wide as it, relative to an
     *                     observation of weight 1
     */
    static TruncatedGaussianMixture fit(double[] observations, double low, double high, double priorWeight) {
        if (!(low < high)) {
            throw new IllegalArgumentException("need low < high, was [" + low + ", " + high + "]");
        }
        int n = observations.length;
        double[] mus = Arrays.copyOf(observations, n + 1);
        double[] sigmas = Arrays.copyOf(bandwidths(observations, low, high), n + 1);
        double[] weights = Arrays.copyOf(TpeHeuristics.observationWeights(n), n + 1);
        mus[n] = 0.5 * (low + high);
        sigmas[n] = high - low;
        weights[n] = n == 0 ? 1.0 : priorWeight;
        double total = Arrays.stream(weights).sum();
        for (int k = 0; k <= n; k++) {
            weights[k] /= total;
        }
        return new TruncatedGaussianMixture(low, high, mus, sigmas, weights);
    }

    /** Bandwidths of the observation kernels, in the order given. */
    static double[] bandwidths(double[] observations, double low, double high) {
        int n = observations.length;
        // The prior's centre takes part in the neighbour gaps, as in Optuna.
        double[] points = Arrays.copyOf(observations, n + 1);
        points[n] = 0.5 * (low + high);
        Integer[] order = IntStream.rangeClosed(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> points[i]));

        double[] sorted = new double[n + 3];
        sorted[0] = low;
        for (int i = 0; i <= n; i++) {
            sorted[i + 1] = points[order[i]];
        }
        sorted[n + 2] = high;

        double minSigma = (high - low) / Math.min(100.0, n + 2.0);
        double maxSigma = high - low;
        double[] sigmas = new double[n];
        for (int i = 0; i <= n; i++) {
            int at = i + 1;
            double gap;
            if (n >= 1 && i == 0) {
                gap = sorted[at + 1] - sorted[at];
            } else if (n >= 1 && i == n) {
                gap = sorted[at] - sorted[at - 1];
            } else {
                gap = Math.max(sorted[at] - sorted[at - 1], sorted[at + 1] - sorted[at]);
            }
            if (order[i] < n) {
                sigmas[order[i]] = Math.max(minSigma, Math.min(maxSigma, gap));
            }
        }
        return sigmas;
    }

    /** One draw: a kernel chosen by weight, then a point from it inside [low, high]. */
    double sample(RandomGenerator random) {
        int k = pickKernel(random.nextDouble());
        // Every centre lies inside the interval and no bandwidth exceeds its width, so at least a third of each
        // kernel's mass is inside: rejection needs about three draws at worst.
        for (int attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
            double x = mus[k] + sigmas[k] * gaussian(random);
            if (x >= low && x <= high) {
                return x;
            }
        }
        return Math.max(low, Math.min(high, mus[k]));
    }

    /** log of the mixture density at {@code x}; minus infinity outside [low, high]. */
    double logDensity(double x) {
        if (x < low || x > high) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] terms = new double[mus.length];
        for (int k = 0; k < mus.length; k++) {
            double z = (x - mus[k]) / sigmas[k];
            terms[k] = logWeights[k] + StandardNormal.logDensity(z) - Math.log(sigmas[k]) - logInside[k];
        }
        return logSumExp(terms);
    }

    /** log of the mixture's mass in [a, b] (clipped to [low, high]): how a grid point's cell is scored. */
    double logMass(double a, double b) {
        double from = Math.max(a, low);
        double to = Math.min(b, high);
        double[] terms = new double[mus.length];
        for (int k = 0; k < mus.length; k++) {
            terms[k] = logWeights[k]
                    + StandardNormal.logMass((from - mus[k]) / sigmas[k], (to - mus[k]) / sigmas[k]) - logInside[k];
        }
        return logSumExp(terms);
    }

    /** The kernel bandwidths, observations first, then the prior. */
    double[] sigmas() {
        return sigmas.clone();
    }

    /** The normalised kernel weights, observations first, then the prior. */
    double[] weights() {
        return weights.clone();
    }

    private int pickKernel(double u) {
        double cumulative = 0;
        for (int k = 0; k < weights.length - 1; k++) {
            cumulative += weights[k];
            if (u < cumulative) {
                return k;
            }
        }
        return weights.length - 1;
    }

    /**
     * A standard normal draw by Box-Muller from two uniforms, rather than {@code nextGaussian()}, whose algorithm
     * the JDK may change: proposals must come out the same after a restart on a newer runtime.
     */
    private static double gaussian(RandomGenerator random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double logSumExp(double[] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) {
            max = Math.max(max, t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }
}
