package dev.hpo.study.algorithm;

import java.util.List;

/**
 * The median stopping rule with another bar: a trial is stopped at epoch {@code s} when its best objective over
 * epochs 1..s is strictly worse than the {@code percentile}-th percentile, counted from the worst, of the other
 * trials' running averages. Eligible trials, {@code minTrials}, {@code warmupEpochs} and missing objectives are as
 * in {@link MedianStoppingRule}, and {@code percentile = 50} gives exactly its decisions.
 * <p>
 * The percentile, precisely: order the n running averages from worst to best as v(0) .. v(n-1) and take the
 * fractional rank h = (n - 1) p / 100; the threshold is v(floor h) interpolated linearly towards v(ceil h). That is
 * numpy's default (linear) {@code percentile(averages, p)} when maximizing and {@code percentile(averages, 100 - p)}
 * when minimizing, so a higher percentile is a higher bar: at 75 a trial must beat three quarters of the others'
 * averages to train on. (Optuna's {@code PercentilePruner} counts the other way, from the best: its 25 is our 75.)
 */
public final class PercentileStoppingRule implements StoppingRule {

    public static final String NAME = "percentile";

    private final String objectiveName;
    private final Direction direction;
    private final double percentile;
    private final int minTrials;
    private final int warmupEpochs;

    public PercentileStoppingRule(String objectiveName, Direction direction, double percentile, int minTrials,
            int warmupEpochs) {
        if (objectiveName == null || objectiveName.isBlank()) {
            throw new IllegalArgumentException("objectiveName is required, was '" + objectiveName + "'");
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction is required (MAXIMIZE or MINIMIZE)");
        }
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be > 0 and < 100, was " + percentile);
        }
        if (minTrials < 1) {
            throw new IllegalArgumentException("minTrials must be >= 1, was " + minTrials);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmupEpochs must be >= 0, was " + warmupEpochs);
        }
        this.objectiveName = objectiveName;
        this.direction = direction;
        this.percentile = percentile;
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
        double bar = percentileFromWorst(averages, direction, percentile);
        if (!direction.isBetter(bar, best)) {
            return new StopDecision.Continue();
        }
        return new StopDecision.Stop(NAME, "best " + objectiveName + " " + LearningCurves.figure(best, bar)
                + " by epoch " + epoch + (direction == Direction.MAXIMIZE ? " < " : " > ")
                + LearningCurves.figure(bar, best) + ", percentile " + LearningCurves.plain(percentile)
                + " (from the worst) of " + averages.length + " other trials' running averages over epochs 1-"
                + epoch);
    }

    /**
     * The {@code percentile}-th percentile of {@code values} (not empty; in any order, and reordered) counted from
     * the worst value, as the class comment defines it.
     */
    static double percentileFromWorst(double[] values, Direction direction, double percentile) {
        int n = values.length;
        double rank = (n - 1) * percentile / 100;
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        double fromWorstBelow = OrderStatistics.smallest(values,
                direction == Direction.MAXIMIZE ? below : n - 1 - below);
        if (below == above) {
            return fromWorstBelow;
        }
        double fromWorstAbove = OrderStatistics.smallest(values,
                direction == Direction.MAXIMIZE ? above : n - 1 - above);
        double fraction = rank - below;
        // Written as a weighted sum rather than a + (b - a) t because, at t = 0.5 (which p = 50 gives exactly), it
        // equals the median's (a + b) / 2 to the last bit (short of overflow) whichever end is a: p = 50 makes the
        // same decisions.
        return fromWorstBelow * (1 - fraction) + fromWorstAbove * fraction;
    }
}
