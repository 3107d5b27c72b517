package dev.hpo.study.algorithm;

/**
 * The bracket arithmetic of KerasTuner's {@code HyperbandOracle} ({@code keras_tuner/tuners/hyperband.py}:
 * {@code _get_num_brackets}, {@code _get_size}, {@code _get_epochs}), so that a study planned here trains the same
 * rungs as the same settings in KerasTuner.
 * <p>
 * Floating point: KerasTuner computes in Python floats, and its ceilings turn any rounding into a whole
 * configuration or epoch. Every step except the logarithm is one IEEE-754 double operation on integers a double
 * holds exactly; Java rounds those exactly as Python does, so they are written below as the same operations in the
 * same order, and the results match to the last bit (with {@code maxEpochs} 20000 and factor 3, bracket 8's first
 * rung is {@code ceil(11 / 9 * 6561)} = 8020 because the product is 8019.000000000001, in both languages). The
 * logarithm is different: Python's {@code math.log(x, base)} divides two C-library logarithms, and Java cannot be
 * relied on to round them the same way ({@code StrictMath.log(9) / StrictMath.log(3)} is 2.0000000000000004 where
 * Python has 2.0, which would resize every bracket for maxEpochs 9, factor 3; {@code Math.log} happens to agree on
 * HotSpot x86-64 but may differ by an ulp elsewhere). Only {@code ceil(1 + log)} is used, so it is computed
 * exactly with integers instead, as 1 + (smallest k with factor^k >= maxEpochs). That equals what CPython on glibc
 * returns for every maxEpochs below 15625 with factors 2 to 10 (checked exhaustively); the first disagreements
 * are 5^6, 6^6 and 7^5, where {@code math.log} overshoots the integer by one ulp and KerasTuner's brackets grow.
 */
final class KerasTunerArithmetic {

    private KerasTunerArithmetic() {
    }

    /**
     * {@code _get_num_brackets}: how many of maxEpochs, maxEpochs / factor, maxEpochs / factor², ... (divided in
     * doubles, as Python does) are >= minEpochs.
     */
    static int numBrackets(int maxEpochs, int factor, int minEpochs) {
        double epochs = maxEpochs;
        int brackets = 0;
        while (epochs >= minEpochs) {
            epochs = epochs / factor;
            brackets++;
        }
        return brackets;
    }

    /** {@code ceil(1 + math.log(maxEpochs, factor))}: the configurations bracket 0 runs, exactly (see above). */
    static int bracket0EndSize(int maxEpochs, int factor) {
        int k = 0;
        for (long power = 1; power < maxEpochs; power *= factor) {
            k++;
        }
        return 1 + k;
    }

    /** {@code _get_size}: configurations in a round, sized so that every bracket costs about the same. */
    static int size(int maxEpochs, int factor, int bracket, int round) {
        double bracketEndSize = (double) bracket0EndSize(maxEpochs, factor) / (bracket + 1);
        return (int) Math.ceil(bracketEndSize * (double) power(factor, bracket - round));
    }

    /** {@code _get_epochs}: the epoch a round trains up to. */
    static int epochs(int maxEpochs, int factor, int bracket, int round) {
        return (int) Math.ceil((double) maxEpochs / (double) power(factor, bracket - round));
    }

    /** Python's {@code factor ** k} on ints: exact. */
    private static long power(int factor, int k) {
        long result = 1;
        for (int i = 0; i < k; i++) {
            result *= factor;
        }
        return result;
    }
}
