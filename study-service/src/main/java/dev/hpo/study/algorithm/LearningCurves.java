package dev.hpo.study.algorithm;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the stopping rules read from learning curves, over epochs 1..epoch. An epoch whose objective is missing
 * ({@code null}) or {@code NaN} counts as not reported: a NaN would otherwise poison every running average it
 * enters and, through the median, the decision for every other trial.
 */
final class LearningCurves {

    private LearningCurves() {
    }

    /** The objective after {@code epoch}, or {@code null} when it was not reported or is NaN. */
    static Double reported(TrialRecord trial, int epoch) {
        Double value = trial.objectiveAt(epoch);
        return value == null || value.isNaN() ? null : value;
    }

    /** The best reported objective over epochs 1..epoch, or {@code null} when there is none. */
    static Double bestUpTo(TrialRecord trial, int epoch, Direction direction) {
        Double best = null;
        for (int e = 1; e <= epoch; e++) {
            Double value = reported(trial, e);
            if (value != null && direction.isBetter(value, best)) {
                best = value;
            }
        }
        return best;
    }

    /**
     * The running averages at {@code epoch} of the other trials that have got at least that far, in no particular
     * order (see {@link OrderStatistics}). A trial that has not reached {@code epoch} is left out rather than
     * compared on a shorter curve, whose average would be pulled down (or up) by its early epochs.
     */
    static double[] peerAverages(TrialRecord trial, int epoch, List<TrialRecord> others) {
        double[] averages = new double[others.size()];
        int count = 0;
        for (TrialRecord other : others) {
            if (other.number() == trial.number() || other.epochsRun() < epoch) {
                continue;
            }
            // NaN when the trial reported nothing up to epoch (or both +∞ and -∞): no average to compare with
            double average = other.runningAverage(epoch);
            if (!Double.isNaN(average)) {
                averages[count++] = average;
            }
        }
        return count == averages.length ? averages : Arrays.copyOf(averages, count);
    }

    /**
     * {@code value} as {@link #figure(double)} prints it, or in full when that would print it the same as
     * {@code comparedWith}: a reason must show why the two differ.
     */
    static String figure(double value, double comparedWith) {
        String shortForm = figure(value);
        return value != comparedWith && shortForm.equals(figure(comparedWith)) ? Double.toString(value) : shortForm;
    }

    /** {@code value} with four decimals, or four significant digits when tiny or huge. */
    static String figure(double value) {
        double magnitude = Math.abs(value);
        boolean fixed = value == 0 || !Double.isFinite(value) || (magnitude >= 1e-3 && magnitude < 1e6);
        return String.format(Locale.ROOT, fixed ? "%.4f" : "%.4g", value);
    }

    /** A setting as the user wrote it: 0.001, not 1.0E-3; 50, not 50.0. */
    static String plain(double setting) {
        return BigDecimal.valueOf(setting).stripTrailingZeros().toPlainString();
    }
}
