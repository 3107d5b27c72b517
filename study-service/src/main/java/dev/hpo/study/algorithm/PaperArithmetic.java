package dev.hpo.study.algorithm;

/**
 * The bracket arithmetic of Algorithm 1 in Li et al., "Hyperband: A Novel Bandit-Based Approach to Hyperparameter
 * Optimization" (JMLR 18, 2018), with R = maxEpochs and η = factor, in integers so no rounding creeps in:
 * s_max = ⌊log_η R⌋; bracket s starts n = ⌈(s_max + 1) / (s + 1) · η^s⌉ configurations with r = R · η^−s
 * epochs; its rung i keeps n_i = ⌊n · η^−i⌋ configurations for r_i = r · η^i epochs.
 */
final class PaperArithmetic {

    private PaperArithmetic() {
    }

    /** ⌊log_η R⌋ as the largest s with η^s <= R, so that log₃ 81 is 4 and never 3.9999999999999996. */
    static int sMax(int maxEpochs, int factor) {
        int s = 0;
        for (long power = factor; power <= maxEpochs; power *= factor) {
            s++;
        }
        return s;
    }

    /** n = ⌈(s_max + 1) · η^s / (s + 1)⌉. */
    static int initialConfigs(int sMax, int s, int factor) {
        long numerator = (sMax + 1) * power(factor, s);
        return Math.toIntExact((numerator + s) / (s + 1));
    }

    /** n_i = ⌊n / η^i⌋. */
    static int configs(int initialConfigs, int rung, int factor) {
        return (int) (initialConfigs / power(factor, rung));
    }

    /**
     * r_i = R / η^(s − i), which is a whole number only when η^(s − i) divides R. Epochs must be whole, so r_i is
     * rounded to the nearest integer (halves up: 1.5 epochs becomes 2), at least 1, and the last rung is exactly R.
     * Rounding keeps the rungs strictly increasing, since r_(i+1) >= r_i + 1.
     */
    static int epochs(int maxEpochs, int factor, int s, int rung) {
        if (rung == s) {
            return maxEpochs;
        }
        long divisor = power(factor, s - rung);
        long nearest = (2L * maxEpochs + divisor) / (2 * divisor);
        return (int) Math.max(1, nearest);
    }

    private static long power(int factor, int k) {
        long result = 1;
        for (int i = 0; i < k; i++) {
            result *= factor;
        }
        return result;
    }
}
