package dev.hpo.study.algorithm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an algorithm may know about one trial of its study: an immutable snapshot of stored state.
 *
 * @param number      0-based position in the study, in creation order
 * @param params      hyperparameter values (inactive conditional parameters are absent)
 * @param state       active, paused or finished
 * @param bracket     the Hyperband bracket the trial was started in (0 for algorithms without brackets)
 * @param targetEpoch the epoch the trial was last asked to train up to
 * @param objectives  the objective after epoch {@code e} at index {@code e - 1}; {@code null} where the runner did
 *                    not report the objective metric
 */
public record TrialRecord(int number, Map<String, Object> params, TrialState state, int bracket, int targetEpoch,
        List<Double> objectives) {

    public TrialRecord {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        objectives = ObjectiveCurve.of(objectives);
    }

    /** A trial that has just been created and has reported nothing. */
    public static TrialRecord started(int number, Map<String, Object> params, int bracket, int targetEpoch) {
        return new TrialRecord(number, params, TrialState.ACTIVE, bracket, targetEpoch, List.of());
    }

    /** Epochs reported so far. */
    public int epochsRun() {
        return objectives.size();
    }

    /** The objective after {@code epoch} (1-based), or {@code null} when that epoch has not been reported. */
    public Double objectiveAt(int epoch) {
        return epoch >= 1 && epoch <= objectives.size() ? objectives.get(epoch - 1) : null;
    }

    /**
     * The mean of the objectives reported over epochs 1..epoch, or NaN when there is none; constant time, from the
     * sums the curve keeps ({@link ObjectiveCurve}).
     */
    double runningAverage(int epoch) {
        return ((ObjectiveCurve) objectives).runningAverage(epoch);
    }

    /** The best objective over the epochs reported so far, or {@code null} when none was reported. */
    public Double best(Direction direction) {
        Double best = null;
        for (Double value : objectives) {
            if (value != null && direction.isBetter(value, best)) {
                best = value;
            }
        }
        return best;
    }

    public TrialRecord withState(TrialState newState) {
        return new TrialRecord(number, params, newState, bracket, targetEpoch, objectives);
    }
}
