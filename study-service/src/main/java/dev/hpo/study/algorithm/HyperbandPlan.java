package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.List;

/**
 * The brackets one Hyperband iteration runs, and how many iterations. A Hyperband study runs the brackets in order,
 * {@code iterations} times over; a trial's {@code bracket} is its bracket's position in that sequence.
 *
 * @param brackets from the most aggressive (most configurations, fewest epochs in rung 0) to the least
 */
public record HyperbandPlan(List<Bracket> brackets, int iterations) {

    public HyperbandPlan {
        brackets = List.copyOf(brackets);
        if (brackets.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one bracket");
        }
        requireAtLeast("iterations", iterations, 1);
        int maxEpochs = brackets.get(0).maxEpochs();
        for (Bracket bracket : brackets) {
            if (bracket.maxEpochs() != maxEpochs) {
                throw new IllegalArgumentException("every bracket must end at epoch " + maxEpochs + ", bracket "
                        + bracket.s() + " ends at " + bracket.maxEpochs());
            }
        }
    }

    /**
     * KerasTuner's {@code HyperbandOracle} plan, number for number (see {@link KerasTunerArithmetic}).
     *
     * @param minEpochs KerasTuner fixes it at 1; a larger value drops the brackets whose rung 0 would train fewer
     *                  epochs, and changes nothing else
     */
    public static HyperbandPlan kerasTuner(int maxEpochs, int factor, int minEpochs, int iterations) {
        requireSettings(maxEpochs, factor, iterations);
        requireAtLeast("minEpochs", minEpochs, 1);
        if (minEpochs > maxEpochs) {
            throw new IllegalArgumentException("minEpochs must be <= maxEpochs (" + maxEpochs + "), was " + minEpochs);
        }
        List<Bracket> brackets = new ArrayList<>();
        // the oracle starts with the bracket of most rounds and counts down
        for (int s = KerasTunerArithmetic.numBrackets(maxEpochs, factor, minEpochs) - 1; s >= 0; s--) {
            List<Rung> rungs = new ArrayList<>();
            for (int round = 0; round <= s; round++) {
                rungs.add(new Rung(KerasTunerArithmetic.size(maxEpochs, factor, s, round),
                        KerasTunerArithmetic.epochs(maxEpochs, factor, s, round)));
            }
            brackets.add(new Bracket(s, rungs));
        }
        return new HyperbandPlan(brackets, iterations);
    }

    /** Algorithm 1 of Li et al. (JMLR 2018) with R = maxEpochs and η = factor (see {@link PaperArithmetic}). */
    public static HyperbandPlan paper(int maxEpochs, int factor, int iterations) {
        requireSettings(maxEpochs, factor, iterations);
        int sMax = PaperArithmetic.sMax(maxEpochs, factor);
        List<Bracket> brackets = new ArrayList<>();
        for (int s = sMax; s >= 0; s--) {
            int n = PaperArithmetic.initialConfigs(sMax, s, factor);
            List<Rung> rungs = new ArrayList<>();
            for (int i = 0; i <= s; i++) {
                rungs.add(new Rung(PaperArithmetic.configs(n, i, factor),
                        PaperArithmetic.epochs(maxEpochs, factor, s, i)));
            }
            brackets.add(new Bracket(s, rungs));
        }
        return new HyperbandPlan(brackets, iterations);
    }

    /** The epoch every bracket's last rung trains to. */
    public int maxEpochs() {
        return brackets.get(0).maxEpochs();
    }

    /** Epochs the whole plan trains, all iterations, each epoch of a trial counted once. */
    public long totalEpochs() {
        return iterations * brackets.stream().mapToLong(Bracket::totalEpochs).sum();
    }

    /** Trials the whole plan starts, all iterations. */
    public int totalTrials() {
        return iterations * brackets.stream().mapToInt(Bracket::trials).sum();
    }

    /** Length of the bracket sequence: the brackets repeated {@code iterations} times. */
    public int sequenceLength() {
        return iterations * brackets.size();
    }

    /** The bracket at {@code position} of the sequence. */
    public Bracket bracketAt(int position) {
        return brackets.get(position % brackets.size());
    }

    private static void requireSettings(int maxEpochs, int factor, int iterations) {
        requireAtLeast("maxEpochs", maxEpochs, 1);
        requireAtLeast("factor", factor, 2);
        requireAtLeast("iterations", iterations, 1);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}
