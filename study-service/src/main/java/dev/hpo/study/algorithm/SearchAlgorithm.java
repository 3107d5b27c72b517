package dev.hpo.study.algorithm;

import java.util.List;

/**
 * Chooses the next trial of a study from the trials so far. Implementations hold no mutable state: everything
 * they need is in the history, so a restarted service asks again and gets the same answer.
 */
public interface SearchAlgorithm {

    /**
     * @param trials every trial of the study so far, ordered by number
     */
    Suggestion next(List<TrialRecord> trials);
}
