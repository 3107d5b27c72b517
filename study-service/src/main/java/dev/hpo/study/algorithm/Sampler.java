package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes hyperparameter values for a new trial. Samplers are deterministic functions of the study seed, the new
 * trial's number and the history, so a restarted service proposes the same values again.
 */
public interface Sampler {

    /**
     * @param trialNumber the number the new trial will get
     * @param history     every trial so far, ordered by number
     * @return the values, or empty when the sampler has nothing left to propose (a finished grid)
     */
    Optional<Map<String, Object>> sample(int trialNumber, List<TrialRecord> history);
}
