package dev.hpo.study.algorithm;

import java.util.List;

/**
 * Stops a trial whose objective has stopped improving, with the semantics of Keras' {@code EarlyStopping(monitor,
 * mode, patience, min_delta)}. The best starts at the worst possible value (minus infinity when maximizing); each
 * reported epoch adds one to a wait counter; an epoch is an improvement only when it beats the best by more than
 * {@code minDelta}, and then it becomes the best and the counter goes back to 0. The trial is stopped when the
 * counter reaches {@code patience}. The edge cases follow Keras:
 * <ul>
 * <li>the best is the last improvement, not the best value seen: a gain smaller than {@code minDelta} is not
 * remembered, so small gains in a row count once together they exceed {@code minDelta};</li>
 * <li>improvement is strict: a value exactly {@code minDelta} better (or, with 0, equal) is not one;</li>
 * <li>a NaN is never an improvement but counts as an epoch waited (a diverged run is stopped); a missing
 * objective counts for nothing and, like Keras' missing monitor value, never stops the trial;</li>
 * <li>no trial is stopped on its first epoch.</li>
 * </ul>
 * Unlike a Keras callback, which forgets everything between two {@code fit} calls, the counter is recomputed from
 * the whole curve, so a paused and resumed trial keeps its history.
 */
public final class PatienceStoppingRule implements StoppingRule {

    public static final String NAME = "patience";

    private final String objectiveName;
    private final Direction direction;
    private final int patience;
    private final double minDelta;

    public PatienceStoppingRule(String objectiveName, Direction direction, int patience, double minDelta) {
        if (objectiveName == null || objectiveName.isBlank()) {
            throw new IllegalArgumentException("objectiveName is required, was '" + objectiveName + "'");
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction is required (MAXIMIZE or MINIMIZE)");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, was " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be a finite number >= 0, was " + minDelta);
        }
        this.objectiveName = objectiveName;
        this.direction = direction;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public StopDecision decide(TrialRecord trial, int epoch, List<TrialRecord> others) {
        if (epoch <= 1 || trial.objectiveAt(epoch) == null) {
            return new StopDecision.Continue();
        }
        double best = direction == Direction.MAXIMIZE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int wait = 0;
        for (int e = 1; e <= epoch; e++) {
            Double value = trial.objectiveAt(e);
            if (value == null) {
                continue;
            }
            wait++;
            if (isImprovement(value, best)) {
                best = value;
                bestEpoch = e;
                wait = 0;
            }
        }
        if (wait < patience) {
            return new StopDecision.Continue();
        }
        String lastImprovement = bestEpoch == 0 ? "no value of " + objectiveName + " has counted as an improvement"
                : objectiveName + " has not improved by more than " + LearningCurves.plain(minDelta) + " on "
                        + LearningCurves.figure(best) + " (epoch " + bestEpoch + ")";
        return new StopDecision.Stop(NAME, lastImprovement + " for " + wait + " reported epochs, patience "
                + patience);
    }

    /** Keras' {@code monitor_op(current - min_delta, best)}, with the sign of min_delta following the direction. */
    private boolean isImprovement(double value, double best) {
        return direction == Direction.MAXIMIZE ? value - minDelta > best : value + minDelta < best;
    }
}
