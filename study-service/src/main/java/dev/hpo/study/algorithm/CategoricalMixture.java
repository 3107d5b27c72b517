package dev.hpo.study.algorithm;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A Parzen estimator of a categorical parameter, as Optuna's: each observation is a kernel that puts most of its
 * mass on the observed choice and spreads {@code priorWeight / kernels} over every choice, and one more kernel is
 * uniform (the prior), so that no choice ever gets probability zero. The mixture collapses into one probability
 * per choice.
 */
final class CategoricalMixture {

    private final double[] probabilities;

    private CategoricalMixture(double[] probabilities) {
        this.probabilities = probabilities;
    }

    /**
     * @param observedChoices indices into the choices, oldest first
     * @param choices         how many choices there are
     */
    static CategoricalMixture fit(int[] observedChoices, int choices, double priorWeight) {
        int n = observedChoices.length;
        double[] probabilities = new double[choices];
        if (n == 0) {
            Arrays.fill(probabilities, 1.0 / choices);
            return new CategoricalMixture(probabilities);
        }
        int kernels = n + 1;
        double smoothing = priorWeight / kernels;
        double rowTotal = 1 + choices * smoothing;
        double[] weights = TpeHeuristics.observationWeights(n);
        double totalWeight = priorWeight;
        for (double w : weights) {
            totalWeight += w;
        }
        for (int i = 0; i < n; i++) {
            double w = weights[i] / totalWeight;
            for (int c = 0; c < choices; c++) {
                probabilities[c] += w * smoothing / rowTotal;
            }
            probabilities[observedChoices[i]] += w / rowTotal;
        }
        for (int c = 0; c < choices; c++) {
            probabilities[c] += priorWeight / totalWeight / choices;
        }
        return new CategoricalMixture(probabilities);
    }

    int sample(RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int c = 0; c < probabilities.length - 1; c++) {
            cumulative += probabilities[c];
            if (u < cumulative) {
                return c;
            }
        }
        return probabilities.length - 1;
    }

    double logProbability(int choice) {
        return Math.log(probabilities[choice]);
    }
}
