package dev.hpo.study.algorithm;

import java.util.List;

/**
 * The median stopping rule of Golovin et al., "Google Vizier" (KDD 2017), as Ray Tune's {@code MedianStoppingRule}
 * applies it: a trial is stopped at epoch {@code s} when its best objective over epochs 1..s is strictly worse than
 * the median of the other trials' running averages (the mean of their objectives over epochs 1..s).
 * <p>
 * Only trials that have reported at least {@code s} epochs count, in any state (finished, paused or still
 * training), and at least {@code minTrials} of them are needed; a trial exactly at the median trains on. No trial
 * is stopped during its first {@code warmupEpochs} epochs, when curves are still too noisy to rank. A report
 * without the objective gives no new evidence, so it never stops a trial (Ray Tune skips such results too); a NaN
 * objective counts as not reported (see {@link LearningCurves}).
 * <p>
 * Two departures from Ray Tune, both deliberate: Ray's {@code grace_period} also trims the epochs before it from the
 * running averages, whereas Vizier (and this class) average from epoch 1; and Ray may stop a trial at
 * {@code time == grace_period}, whereas here the first {@code warmupEpochs} epochs are all protected.
 * <p>
 * Katib's {@code medianstop} service is a counter-example: despite its name, what it compares against is the mean
 * of the other trials' values, which a single diverged trial drags anywhere; the median is robust to it.
 */
public final class MedianStoppingRule implements StoppingRule {

    public static final String NAME = "median";

    private final String objectiveName;
    private final Direction direction;
    private final int minTrials;
    private final int warmupEpochs;

    public MedianStoppingRule(String objectiveName, Direction direction, int minTrials, int warmupEpochs) {
        if (objectiveName == null || objectiveName.isBlank()) {
            throw new IllegalArgumentException("objectiveName is required, was '" + objectiveName + "'");
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction is required (MAXIMIZE or MINIMIZE)");
        }
        if (minTrials < 1) {
            throw new IllegalArgumentException("minTrials must be >= 1, was " + minTrials);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmupEpochs must be >= 0, was " + warmupEpochs);
        }
        this.objectiveName = objectiveName;
        this.direction = direction;
        this.minTrials = minTrials;
        this.warmupEpochs = warmupEpochs;
    }

    @Override
    public StopDecision decide(TrialRecord trial, int epoch, List<TrialRecord> others) {
        if (epoch <= warmupEpochs || LearningCurves.reported(trial, epoch) == null) {
            return new StopDecision.Continue();
        }
        double[] averages = LearningCurves.peerAverages(trial, epoch, others);
        if (averages.length < minTrials) {
            return new StopDecision.Continue();
        }
        double best = LearningCurves.bestUpTo(trial, epoch, direction);
        double median = median(averages);
        if (!direction.isBetter(median, best)) {
            return new StopDecision.Continue();
        }
        return new StopDecision.Stop(NAME, "best " + objectiveName + " " + LearningCurves.figure(best, median)
                + " by epoch " + epoch + (direction == Direction.MAXIMIZE ? " < " : " > ") + "median "
                + LearningCurves.figure(median, best) + " of " + averages.length
                + " other trials' running averages over epochs 1-" + epoch);
    }

    /**
     * As numpy's {@code median}: the middle value, or the mean of the two middle values of an even count.
     * {@code values} (not empty) may come in any order and are reordered.
     */
    static double median(double[] values) {
        int n = values.length;
        double upper = OrderStatistics.smallest(values, n / 2);
        return n % 2 == 1 ? upper : (OrderStatistics.smallest(values, n / 2 - 1) + upper) / 2;
    }
}
