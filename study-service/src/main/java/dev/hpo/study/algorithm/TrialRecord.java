package dev.hpo.study.algorithm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an algorithm may know about one trial of its study: an immutable snapshot of stored state.
 *
 * @param number    0-based position in the study, in creation order
 * @param params    hyperparameter values
 * @param finished  true once the trial will train no more (completed, failed or stopped)
 * @param bestValue best objective value reported so far, or {@code null}
 */
public record TrialRecord(int number, Map<String, Object> params, boolean finished, Double bestValue) {

    public TrialRecord {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
